package io.atende.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as another help desk shows it, to be written under its id and protocol by {@link TicketImports}: its
 * current state and its messages in their order (the opening message first).
 */
public record ImportedTicket(String id, long protocol, String subject, TicketType ticketType, Priority priority,
                             String customerId, String departmentId, String categoryId, String operatorId,
                             String parentTicketId, Situation situation, Instant situationAt, long workTime, boolean reopened,
                             Integer evaluationGrade, Boolean problemSolved, String evaluationComment, Instant evaluatedAt,
                             Instant createdAt, Instant firstReplyAt, Instant endAt, Instant updatedAt,
                             List<Message> messages) {

    public ImportedTicket {
        messages = List.copyOf(messages);
    }

    /** One message: who wrote it (an operator's id for the operator's side, else null), its text and when. */
    public record Message(String id, MessageKind kind, String operatorId, String body, boolean html, Instant createdAt) {
    }
}
