package io.atende.audit;

import java.time.Instant;
import java.util.Map;

import io.atende.platform.Actor;

/**
 * One recorded act of administration.
 *
 * @param action        what was done, {@code <subject type>.<past participle>} ({@code operator.created}, {@code sign_in.failed})
 * @param clientAddress where the request came from, or {@code null} for background work
 * @param before        the subject's recorded fields before the act (empty when it did not exist)
 * @param after         the subject's recorded fields after the act (empty when it no longer exists)
 */
public record AuditEntry(String id, Instant occurredAt, Actor actor, String clientAddress, String action,
                         String subjectType, String subjectId, Map<String, Object> before, Map<String, Object> after) {

    public AuditEntry {
        before = before == null ? Map.of() : before;
        after = after == null ? Map.of() : after;
    }
}
