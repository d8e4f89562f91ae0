package io.atende.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as another help desk shows it, to be written under its id and protocol by {@link TicketImports}: its
 * current state, its messages in their order (the opening message first) and its custom-status periods, oldest first.
 */
public record ImportedTicket(String id, long protocol, String subject, TicketType ticketType, Priority priority,
                             String customerId, String departmentId, String categoryId, String operatorId,
                             String parentTicketId, Situation situation, Instant situationAt, long workTime, boolean reopened,
                             Integer evaluationGrade, Boolean problemSolved, String evaluationComment, Instant evaluatedAt,
                             Instant createdAt, Instant firstReplyAt, Instant endAt, Instant updatedAt,
                             List<Message> messages, String statusId, Instant statusAt, List<StatusPeriod> statuses) {

    public ImportedTicket {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }

    /** A period the ticket spent in a custom status; the last one is still open when {@code endAt} is null. */
    public record StatusPeriod(String statusId, Instant startAt, String startComment, String startOperatorId, Instant endAt,
                               String endOperatorId) {
    }

    /** One message: who wrote it (an operator's id for the operator's side, else null), its text, when, and its files. */
    public record Message(String id, MessageKind kind, String operatorId, String body, boolean html, Instant createdAt,
                          List<File> files) {

        public Message {
            files = List.copyOf(files);
        }
    }

    /** A file of a message, under the id it had at the source, with its bytes. */
    public record File(String id, String name, byte[] content) {
    }
}
