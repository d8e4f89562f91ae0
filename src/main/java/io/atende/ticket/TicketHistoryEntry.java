package io.atende.ticket;

import java.time.Instant;

import io.atende.platform.Actor;

/**
 * One recorded change of a ticket (see {@link TicketField} for what the values mean).
 *
 * @param seq      the change's place in the ticket's history, from 1 (the opening)
 * @param fieldRef the custom field of a {@link TicketField#CUSTOM_FIELD} entry, else {@code null}
 * @param channel  where the change came from: the one its caller named, else the one its actor implies
 */
public record TicketHistoryEntry(String ticketId, int seq, Instant occurredAt, Actor actor, TicketField field, String fieldRef,
                                 String oldValue, String newValue, TicketChannel channel) {
}
