package io.atende.mail;

import java.time.Instant;
import java.util.List;

/**
 * One outgoing message with every attempt to send it (oldest first). Bodies are not part of the
 * view: invitation and reset messages carry secret links.
 *
 * @param ticketId      the ticket it is about, or {@code null}
 * @param nextAttemptAt when it is due next while queued
 */
public record MailMessageView(String id, MailKind kind, String ticketId, String recipient, String subject, MailStatus status,
                              int attempts, String lastError, Instant nextAttemptAt, Instant createdAt, Instant sentAt,
                              List<AttemptView> log) {

    public MailMessageView {
        log = List.copyOf(log);
    }

    /**
     * One attempt to hand the message to the SMTP server.
     *
     * @param error the server's or the connection's error; {@code null} when the server accepted it
     * @param node  the server node that made the attempt
     */
    public record AttemptView(Instant attemptedAt, int durationMs, String error, String node) {
    }
}
