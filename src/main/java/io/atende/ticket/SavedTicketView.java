package io.atende.ticket;

import java.time.Instant;

/**
 * A saved view of the ticket queues: a name for a filter the console can show again.
 *
 * @param operatorId the operator whose own view it is; {@code null} for a view shared with the whole account
 * @param filter     the queue's filter as the console spells it in its query string, checked by the console
 * @param createdBy  the operator who saved it (who, besides admins, may delete a shared view)
 */
public record SavedTicketView(String id, String operatorId, String name, String filter, String createdBy, Instant createdAt) {

    public boolean shared() {
        return operatorId == null;
    }
}
