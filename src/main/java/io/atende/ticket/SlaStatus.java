package io.atende.ticket;

/**
 * Where a ticket's nearest SLA deadline stands at a moment, from its {@link TicketSlaState}. A ticket without a running
 * clock (no policy applies, every target met, or finished) has none of these.
 */
public enum SlaStatus {
    /** Some running clock is not paused, none has breached and none has passed its warning moment. */
    OK,
    /** No running clock has breached, none is paused, and one has passed its warning moment. */
    AT_RISK,
    /** A running clock is past its deadline, paused or not. */
    BREACHED,
    /** The running clocks are paused (waiting for the customer, or a pausing status) and none has breached. */
    PAUSED
}
