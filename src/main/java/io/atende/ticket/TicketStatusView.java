package io.atende.ticket;

import java.time.Instant;

/**
 * One of the account's custom ticket statuses (e.g. "Waiting for the supplier"), opened and closed on tickets.
 *
 * @param pausesSla whether the ticket's SLA clocks stop while the status is open on it
 */
public record TicketStatusView(String id, String name, Instant createdAt, boolean pausesSla) {
}
