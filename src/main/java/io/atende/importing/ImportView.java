package io.atende.importing;

import java.time.Instant;
import java.util.List;

/**
 * An import job as its owner sees it (never with the source's token).
 *
 * @param failure   why the job failed as a whole (the source refused the token, could not be reached), else null
 * @param progress  each kind the job brings, in order
 * @param failures  the objects that could not be imported, oldest first (at most the latest 500)
 */
public record ImportView(String id, String sourceUrl, List<ImportKind> include, int rate, ImportStatus status, String failure,
                         Instant createdAt, Instant finishedAt, List<KindProgress> progress, List<ObjectFailure> failures) {

    /**
     * How far one kind is.
     *
     * @param total     how many objects the source has of it (for tickets, those to look at in this run); null until read
     * @param imported  objects written (new or changed)
     * @param unchanged objects the account already had as the source shows them
     * @param failed    objects recorded as failures and skipped
     * @param startedAt when the job began this kind, null before
     * @param updatedAt when its progress was last recorded
     */
    public record KindProgress(ImportKind kind, Integer total, int imported, int unchanged, int failed, boolean finished,
                               Instant startedAt, Instant updatedAt) {

        public int done() {
            return imported + unchanged + failed;
        }
    }

    /** One object skipped, with the reason. */
    public record ObjectFailure(ImportKind kind, String objectId, String reason, Instant occurredAt) {
    }
}
