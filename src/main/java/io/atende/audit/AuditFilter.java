package io.atende.audit;

import java.time.Instant;

/**
 * Which entries to list; every part may be {@code null} (no restriction).
 *
 * @param from    entries at or after this instant
 * @param to      entries before this instant
 * @param action  exactly this action
 * @param actorId entries by this actor (operator, token, customer id)
 */
public record AuditFilter(Instant from, Instant to, String action, String actorId, String subjectId) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);
}
