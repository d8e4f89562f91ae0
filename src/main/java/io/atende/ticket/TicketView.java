package io.atende.ticket;

import java.time.Instant;

/**
 * A ticket as lists show it, with its opening message; other modules' records by id.
 *
 * @param html            whether the opening message carries markup
 * @param workTime        seconds of work recorded
 * @param statusId        the open custom status, or {@code null}
 * @param problemSolved   whether the evaluation says the problem was solved; {@code null} when it does not say
 * @param mergedIntoTicketId the ticket this one was merged into (it is then finished), or {@code null}
 */
public record TicketView(String id, long protocol, String subject, String message, boolean html, Priority priority,
                         TicketType ticketType, long workTime, Instant createdAt, Instant firstReplyAt, Instant endAt,
                         Instant updatedAt, boolean reopened, String parentTicketId, String customerId, String departmentId,
                         String categoryId, String operatorId, Situation situation, Instant situationAt, String statusId,
                         Instant statusAt, Integer evaluationGrade, Boolean problemSolved, String evaluationComment,
                         Instant evaluatedAt, String mergedIntoTicketId) {
}
