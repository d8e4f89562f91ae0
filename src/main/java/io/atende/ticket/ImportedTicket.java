package io.atende.ticket;

import java.time.Instant;
import java.util.List;

import io.atende.customfield.CustomFieldValue;

/**
 * A ticket as another help desk shows it, to be written under its id and protocol by {@link TicketImports}: its
 * current state, its messages in their order (the opening message first) and its custom-status periods, oldest first.
 * Custom field values, stopwatch entries and tags are null when the source did not show them (they are then left as
 * they are); the names are those the source gave, for the ticket's history.
 *
 * @param customerName    the customer's name as the source shows it, for the history's opening and evaluation
 * @param openValues      the opening's custom field values, in the source's order
 * @param finishValues    the finish-time custom field values, in the source's order
 */
public record ImportedTicket(String id, long protocol, String subject, TicketType ticketType, Priority priority,
                             String customerId, String departmentId, String categoryId, String operatorId,
                             String parentTicketId, Situation situation, Instant situationAt, long workTime, boolean reopened,
                             Integer evaluationGrade, Boolean problemSolved, String evaluationComment, Instant evaluatedAt,
                             Instant createdAt, Instant firstReplyAt, Instant endAt, Instant updatedAt,
                             List<Message> messages, String statusId, Instant statusAt, List<StatusPeriod> statuses,
                             String customerName, List<CustomFieldValue> openValues, List<CustomFieldValue> finishValues,
                             List<StopwatchEntry> stopwatch, List<String> tags) {

    public ImportedTicket {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        openValues = openValues == null ? null : List.copyOf(openValues);
        finishValues = finishValues == null ? null : List.copyOf(finishValues);
        stopwatch = stopwatch == null ? null : List.copyOf(stopwatch);
        tags = tags == null ? null : List.copyOf(tags);
    }

    /**
     * A period the ticket spent in a custom status; the last one is still open when {@code endAt} is null. The names are
     * of the operators who opened and closed it, as the source gave them.
     */
    public record StatusPeriod(String statusId, Instant startAt, String startComment, String startOperatorId, Instant endAt,
                               String endOperatorId, String startOperatorName, String endOperatorName) {
    }

    /**
     * One message: who wrote it (an operator's id for the operator's side, else null, and the author's name as the source
     * gave it), its text, when, and its files.
     */
    public record Message(String id, MessageKind kind, String operatorId, String authorName, String body, boolean html,
                          Instant createdAt, List<File> files) {

        public Message {
            files = List.copyOf(files);
        }
    }

    /** A file of a message, under the id it had at the source, with its bytes. */
    public record File(String id, String name, byte[] content) {
    }
}
