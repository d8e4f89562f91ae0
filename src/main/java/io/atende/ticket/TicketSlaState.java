package io.atende.ticket;

import java.time.Instant;

/**
 * A ticket's nearest SLA state as the module keeping its clocks last computed it, kept on the ticket so that lists
 * filter and sort by it (see {@link SlaStatus}, {@link TicketQuery.Sort#SLA_DEADLINE}).
 *
 * @param deadline  the earliest deadline of the running clocks (a breached clock's is the moment it breached, paused or
 *                  not); {@code null} when no running clock counts towards one
 * @param warningAt the earliest moment a running clock that is not paused turns at risk; {@code null} when none
 * @param paused    whether the running clocks are paused
 */
public record TicketSlaState(Instant deadline, Instant warningAt, boolean paused) {

    /** A ticket without a running clock. */
    public static final TicketSlaState NONE = new TicketSlaState(null, null, false);

    /** The status at {@code now}; {@code null} without a running clock. */
    public SlaStatus statusAt(Instant now) {
        if (deadline != null && !deadline.isAfter(now)) {
            return SlaStatus.BREACHED;
        }
        if (paused) {
            return SlaStatus.PAUSED;
        }
        if (deadline == null) {
            return null;
        }
        return warningAt != null && !warningAt.isAfter(now) ? SlaStatus.AT_RISK : SlaStatus.OK;
    }
}
