package io.atende.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.atende.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class ImportRepository {

    private static final int MAX_REASON = 1000;
    private static final int SHOWN_FAILURES = 500;

    private final JdbcClient jdbc;
    private final ImportRetries retries;

    ImportRepository(JdbcClient jdbc, ImportRetries retries) {
        this.jdbc = jdbc;
        this.retries = retries;
    }

    /** A job as the worker needs it, its token included. */
    record Job(String accountId, String id, String sourceUrl, String sourceToken, List<ImportKind> include, int rate,
               ImportStatus status, Instant ticketsSince, Instant ticketsUntil, int retryAttempts) {
    }

    void insert(String accountId, String id, String sourceUrl, String token, List<ImportKind> include, int rate,
                Instant ticketsSince, Instant now) {
        jdbc.sql("""
                insert into import_job (account_id, id, source_url, source_token, include_kinds, rate, status, tickets_since,
                                        created_at)
                values (:account, :id, :url, :token, :include, :rate, 'RUNNING', :since, :now)""")
                .param("account", accountId).param("id", id).param("url", sourceUrl).param("token", token)
                .param("include", String.join(",", include.stream().map(Enum::name).toList())).param("rate", rate)
                .param("since", utc(ticketsSince)).param("now", utc(now))
                .update();
        int position = 0;
        for (var kind : include) {
            jdbc.sql("""
                    insert into import_progress (account_id, job_id, kind, position, total, imported, unchanged, failed,
                                                 next_page, next_item, finished)
                    values (:account, :job, :kind, :position, null, 0, 0, 0, 1, 0, false)""")
                    .param("account", accountId).param("job", id).param("kind", kind.name()).param("position", position++)
                    .update();
        }
    }

    boolean anyRunning(String accountId) {
        return jdbc.sql("select count(*) from import_job where account_id = :account and status = 'RUNNING'")
                .param("account", accountId).query(Long.class).single() > 0;
    }

    /** Where the last finished import of this source got to in its tickets, for the next one to start there. */
    Optional<Instant> lastTicketsUntil(String accountId, String sourceUrl) {
        return jdbc.sql("""
                select tickets_until from import_job
                 where account_id = :account and source_url = :url and status = 'DONE' and tickets_until is not null
                 order by finished_at desc limit 1""")
                .param("account", accountId).param("url", sourceUrl)
                .query((rs, n) -> instant(rs, "tickets_until")).optional();
    }

    Optional<ImportView> find(String accountId, String id) {
        return jdbc.sql("""
                select id, source_url, include_kinds, rate, status, failure, retry_attempts, retry_reason, retry_at, created_at,
                       finished_at from import_job
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id)
                .query((rs, n) -> view(rs, progress(accountId, id), failures(accountId, id), retries.maxAttempts())).optional();
    }

    /** The account's jobs, newest first, without their failures. */
    List<ImportView> list(String accountId, int limit) {
        return jdbc.sql("""
                select id, source_url, include_kinds, rate, status, failure, retry_attempts, retry_reason, retry_at, created_at,
                       finished_at from import_job
                 where account_id = :account order by created_at desc limit :limit""")
                .param("account", accountId).param("limit", limit)
                .query((rs, n) -> view(rs, List.of(), List.of(), retries.maxAttempts())).list()
                .stream().map(job -> new ImportView(job.id(), job.sourceUrl(), job.include(), job.rate(), job.status(),
                        job.failure(), job.retry(), job.createdAt(), job.finishedAt(), progress(accountId, job.id()), List.of()))
                .toList();
    }

    private static ImportView view(ResultSet rs, List<ImportView.KindProgress> progress, List<ImportView.ObjectFailure> failures,
                                   int maxAttempts) throws SQLException {
        var status = ImportStatus.valueOf(rs.getString("status"));
        var retryAt = instant(rs, "retry_at");
        var retry = status == ImportStatus.RUNNING && retryAt != null
                ? new ImportView.Retry(rs.getString("retry_reason"), rs.getInt("retry_attempts"), maxAttempts, retryAt) : null;
        return new ImportView(rs.getString("id"), rs.getString("source_url"), kinds(rs.getString("include_kinds")),
                rs.getInt("rate"), status, rs.getString("failure"), retry,
                instant(rs, "created_at"), instant(rs, "finished_at"), progress, failures);
    }

    private static List<ImportKind> kinds(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).map(ImportKind::valueOf).toList();
    }

    List<ImportView.KindProgress> progress(String accountId, String jobId) {
        return jdbc.sql("""
                select kind, total, imported, unchanged, failed, finished, started_at, updated_at from import_progress
                 where account_id = :account and job_id = :job order by position""")
                .param("account", accountId).param("job", jobId)
                .query((rs, n) -> new ImportView.KindProgress(ImportKind.valueOf(rs.getString("kind")),
                        rs.getObject("total", Integer.class), rs.getInt("imported"), rs.getInt("unchanged"), rs.getInt("failed"),
                        rs.getBoolean("finished"), instant(rs, "started_at"), instant(rs, "updated_at")))
                .list();
    }

    private List<ImportView.ObjectFailure> failures(String accountId, String jobId) {
        return jdbc.sql("""
                select kind, object_id, reason, occurred_at from import_failure
                 where account_id = :account and job_id = :job order by occurred_at, id limit :limit""")
                .param("account", accountId).param("job", jobId).param("limit", SHOWN_FAILURES)
                .query((rs, n) -> new ImportView.ObjectFailure(ImportKind.valueOf(rs.getString("kind")), rs.getString("object_id"),
                        rs.getString("reason"), instant(rs, "occurred_at")))
                .list();
    }

    // --- the queue

    /** Running jobs no node holds, oldest first. */
    List<String[]> claimable(Instant now, int limit) {
        return jdbc.sql("""
                select account_id, id from import_job
                 where status = 'RUNNING' and (lease_until is null or lease_until <= :now)
                 order by created_at limit :limit""")
                .param("now", utc(now)).param("limit", limit)
                .query((rs, n) -> new String[] {rs.getString("account_id"), rs.getString("id")}).list();
    }

    /** Takes or keeps the job for this node until {@code until}; false when it is no longer running or another node holds it. */
    boolean lease(String accountId, String id, String node, Instant now, Instant until) {
        return jdbc.sql("""
                update import_job set lease_owner = :node, lease_until = :until
                 where account_id = :account and id = :id and status = 'RUNNING'
                   and (lease_owner = :node or lease_until is null or lease_until <= :now)""")
                .param("account", accountId).param("id", id).param("node", node).param("now", utc(now)).param("until", utc(until))
                .update() == 1;
    }

    void release(String accountId, String id, String node) {
        jdbc.sql("update import_job set lease_owner = null, lease_until = null where account_id = :account and id = :id and lease_owner = :node")
                .param("account", accountId).param("id", id).param("node", node).update();
    }

    Optional<Job> job(String accountId, String id) {
        return jdbc.sql("""
                select account_id, id, source_url, source_token, include_kinds, rate, status, tickets_since, tickets_until,
                       retry_attempts from import_job where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id)
                .query((rs, n) -> new Job(rs.getString("account_id"), rs.getString("id"), rs.getString("source_url"),
                        rs.getString("source_token"), kinds(rs.getString("include_kinds")), rs.getInt("rate"),
                        ImportStatus.valueOf(rs.getString("status")), instant(rs, "tickets_since"), instant(rs, "tickets_until"),
                        rs.getInt("retry_attempts")))
                .optional();
    }

    /** Where a kind goes on: the page to read and the first item of it not done yet. */
    record Position(int page, int item) {
    }

    /** Where to go on with a kind; empty when the kind is finished. */
    Optional<Position> position(String accountId, String jobId, ImportKind kind) {
        return jdbc.sql("select next_page, next_item, finished from import_progress where account_id = :account and job_id = :job and kind = :kind")
                .param("account", accountId).param("job", jobId).param("kind", kind.name())
                .query((rs, n) -> rs.getBoolean("finished") ? null : new Position(rs.getInt("next_page"), rs.getInt("next_item")))
                .optional();
    }

    void startKind(String accountId, String jobId, ImportKind kind, Instant now) {
        jdbc.sql("""
                update import_progress set started_at = coalesce(started_at, :now), updated_at = :now
                 where account_id = :account and job_id = :job and kind = :kind""")
                .param("account", accountId).param("job", jobId).param("kind", kind.name()).param("now", utc(now)).update();
    }

    /** Records what came of some objects and where the kind goes on; their counts are added to the kind's. */
    void recordProgress(String accountId, String jobId, ImportKind kind, Integer total, int imported, int unchanged, int failed,
                        Position next, boolean finished, Instant now) {
        jdbc.sql("""
                update import_progress set total = coalesce(:total, total), imported = imported + :imported,
                       unchanged = unchanged + :unchanged, failed = failed + :failed, next_page = :page, next_item = :item,
                       finished = :finished, updated_at = :now
                 where account_id = :account and job_id = :job and kind = :kind""")
                .param("account", accountId).param("job", jobId).param("kind", kind.name()).param("total", total, java.sql.Types.INTEGER)
                .param("imported", imported).param("unchanged", unchanged).param("failed", failed)
                .param("page", next.page()).param("item", next.item()).param("finished", finished).param("now", utc(now))
                .update();
    }

    void recordFailure(String accountId, String jobId, ImportKind kind, String objectId, String reason, Instant now) {
        jdbc.sql("""
                insert into import_failure (account_id, job_id, id, kind, object_id, reason, occurred_at)
                values (:account, :job, :id, :kind, :object, :reason, :now)""")
                .param("account", accountId).param("job", jobId).param("id", Ids.newId()).param("kind", kind.name())
                .param("object", objectId == null ? null : clip(objectId, 250)).param("reason", clip(reason, MAX_REASON))
                .param("now", utc(now))
                .update();
    }

    void raiseTicketsUntil(String accountId, String jobId, Instant lastUpdate) {
        jdbc.sql("""
                update import_job set tickets_until = :until
                 where account_id = :account and id = :id and (tickets_until is null or tickets_until < :until)""")
                .param("account", accountId).param("id", jobId).param("until", utc(lastUpdate)).update();
    }

    /**
     * Puts a running job aside until {@code nextAt}: its source could not be reached. No node takes it before then (its
     * lease runs until that moment, held by nobody).
     */
    void waitToRetry(String accountId, String id, String reason, int attempt, Instant nextAt) {
        jdbc.sql("""
                update import_job set retry_attempts = :attempt, retry_reason = :reason, retry_at = :next,
                       lease_owner = null, lease_until = :next
                 where account_id = :account and id = :id and status = 'RUNNING'""")
                .param("account", accountId).param("id", id).param("attempt", attempt).param("reason", clip(reason, MAX_REASON))
                .param("next", utc(nextAt)).update();
    }

    /** The source answered again: the job is no longer waiting for it, and its count of failed attempts starts over. */
    void clearRetry(String accountId, String id) {
        jdbc.sql("""
                update import_job set retry_attempts = 0, retry_reason = null, retry_at = null
                 where account_id = :account and id = :id and retry_attempts > 0""")
                .param("account", accountId).param("id", id).update();
    }

    /** Ends a running job, forgetting the source's token; false when it had already ended (cancelled, say). */
    boolean end(String accountId, String id, ImportStatus status, String failure, Instant now) {
        return jdbc.sql("""
                update import_job set status = :status, failure = :failure, finished_at = :now, source_token = null,
                       lease_owner = null, lease_until = null, retry_reason = null, retry_at = null
                 where account_id = :account and id = :id and status = 'RUNNING'""")
                .param("account", accountId).param("id", id).param("status", status.name())
                .param("failure", failure == null ? null : clip(failure, MAX_REASON)).param("now", utc(now))
                .update() == 1;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
