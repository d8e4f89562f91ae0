package io.atende.webhook;

import java.time.Instant;
import java.util.List;

/**
 * One event on its way to one subscription, with every attempt made so far (oldest first).
 *
 * @param nextAttemptAt when it is due next while pending
 */
public record DeliveryView(String id, String webhookId, String eventId, String event, String subjectType, String subjectId,
                           DeliveryStatus status, int attempts, Integer lastStatusCode, String lastError, Instant nextAttemptAt,
                           Instant createdAt, Instant completedAt, List<AttemptView> log) {

    public DeliveryView {
        log = List.copyOf(log);
    }

    /**
     * One HTTP attempt.
     *
     * @param statusCode  the receiver's status, or {@code null} when none came (network error, timeout, refused destination)
     * @param response    the first 4 KB of the answer
     * @param node        the server node that made the attempt
     */
    public record AttemptView(Instant attemptedAt, int durationMs, Integer statusCode, String response, String error, String node) {
    }
}
