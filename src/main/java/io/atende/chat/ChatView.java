package io.atende.chat;

import java.time.Instant;

/**
 * A chat as other modules and the API see it.
 *
 * @param waitSeconds     from creation until an operator accepted it (or until it ended, or now, if none did)
 * @param durationSeconds from acceptance until it ended (or now); 0 for a chat nobody accepted
 * @param unreadMessages  customer messages that no operator message has followed yet
 * @param lastEventSeq    the sequence of the chat's latest live-stream event
 */
public record ChatView(String id, long protocol, ChatSituation situation, String customerId, String departmentId,
                       String operatorId, Instant createdAt, Instant startedAt, Instant endedAt, long waitSeconds,
                       long durationSeconds, int unreadMessages, Integer evaluationGrade, String evaluationComment,
                       long lastEventSeq) {
}
