package io.atende.ticket;

import java.time.Instant;

/** Time an operator recorded on a ticket. */
public record StopwatchEntry(String id, String operatorId, Instant startAt, Instant endAt, long seconds) {
}
