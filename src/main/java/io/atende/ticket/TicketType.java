package io.atende.ticket;

/** Whom a ticket is for: an external ticket is the customer's; an internal one is the team's own note, never shown to the customer. */
public enum TicketType {
    EXTERNAL, INTERNAL
}
