package io.atende.importing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An import job as its owner sees it (never with the source's token).
 *
 * @param failure   why the job failed as a whole (the source refused the token, could not be reached), else null
 * @param retry     while the job waits to try an unreachable source again: why, and when; else null
 * @param progress  each kind the job brings, in order
 * @param failures  the objects that could not be imported, oldest first (at most the latest 500)
 */
public record ImportView(String id, String sourceUrl, List<ImportKind> include, int rate, ImportStatus status, String failure,
                         Retry retry, Instant createdAt, Instant finishedAt, List<KindProgress> progress, List<ObjectFailure> failures) {

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

        /** Objects per second so far (until it finished); null before the first. */
        public Double perSecond(Instant now) {
            if (startedAt == null || done() == 0) {
                return null;
            }
            Instant until = finished && updatedAt != null ? updatedAt : now;
            double seconds = Math.max(1, Duration.between(startedAt, until).toMillis() / 1000.0);
            return Math.round(done() / seconds * 100) / 100.0;
        }

        /** Seconds the rest will take at the pace so far: 0 once finished, null while the pace or the total is unknown. */
        public Long secondsLeft(Instant now) {
            if (finished) {
                return 0L;
            }
            Double pace = perSecond(now);
            if (pace == null || total == null || pace == 0) {
                return null;
            }
            return Math.round(Math.max(0, total - done()) / pace);
        }

        /** How much of the kind is done, 0 to 100; null while the total is unknown. */
        public Integer percent() {
            if (finished) {
                return 100;
            }
            if (total == null || total == 0) {
                return null;
            }
            return Math.min(100, done() * 100 / total);
        }
    }

    /**
     * A running job waiting for its source: the last attempt could not reach it.
     *
     * @param attempt     how many attempts in a row failed so far
     * @param maxAttempts after how many the job fails
     * @param nextAt      when the next attempt is due
     */
    public record Retry(String reason, int attempt, int maxAttempts, Instant nextAt) {
    }

    /** One object skipped, with the reason. */
    public record ObjectFailure(ImportKind kind, String objectId, String reason, Instant occurredAt) {
    }
}
