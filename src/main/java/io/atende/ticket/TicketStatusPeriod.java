package io.atende.ticket;

import java.time.Instant;

/** A custom status a ticket was in, from when to when ({@code endAt} null while it is open). */
public record TicketStatusPeriod(String id, String statusId, Instant startAt, String startComment, String startOperatorId,
                                 Instant endAt, String endOperatorId) {
}
