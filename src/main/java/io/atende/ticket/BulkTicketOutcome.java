package io.atende.ticket;

import io.atende.platform.AtendeException;

/**
 * What became of one ticket of a bulk action.
 *
 * @param changed whether the ticket changed (false when it already was as asked, or when refused)
 * @param refusal why the ticket was left as it was; {@code null} when the action applied
 */
public record BulkTicketOutcome(String ticketId, boolean changed, AtendeException refusal) {

    public boolean applied() {
        return refusal == null;
    }
}
