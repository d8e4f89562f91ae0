package io.atende.ticket;

/** How urgently a ticket needs attention, lowest first; a ticket opened without one is {@link #NORMAL}. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
