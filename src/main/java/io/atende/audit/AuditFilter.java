package io.atende.audit;

import java.time.Instant;

/**
 * Which entries to list; every part may be {@code null} (no restriction).
 *
 * @param from    entries at or after this instant
 * @param to      entries before this instant
 * @param action  exactly this action
 * @param actorId entries by this actor (operator, token, customer id)
 * @param within  only entries about one of these subjects (for a reader limited to some departments), or {@code null}
 */
public record AuditFilter(Instant from, Instant to, String action, String actorId, String subjectId, java.util.Set<String> within) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);

    public AuditFilter(Instant from, Instant to, String action, String actorId, String subjectId) {
        this(from, to, action, actorId, subjectId, null);
    }

    public AuditFilter {
        within = within == null ? null : java.util.Set.copyOf(within);
    }
}
