package io.atende.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.Set;

import io.atende.platform.Database;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.SecretBox;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class WebhookRepository {

    private static final String DELIVERY_COLUMNS = """
            d.id, d.subscription_id, d.event_id, e.name, e.subject_type, e.subject_id, d.status, d.attempts,
            d.last_status_code, d.last_error, d.next_attempt_at, d.created_at, d.completed_at""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    /** Seals subscription secrets on their way in and opens them on their way out. */
    private final SecretBox box;
    /** See {@link #planForCurrentSize}: PostgreSQL's statement, nothing on H2. */
    private final Runnable planForCurrentSize;

    WebhookRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, Database database, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
        this.named = named;
        this.planForCurrentSize = switch (database) {
            case POSTGRESQL -> () -> jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            case H2 -> () -> {
            };
        };
    }

    /** A subscription row, secret included; never rendered as is. */
    record Subscription(String id, String url, WebhookFormat format, List<String> events, String secret, boolean active,
                        String disabledReason, int consecutiveFailures, Instant pausedUntil, Instant createdAt, Instant updatedAt) {

        WebhookView view() {
            return new WebhookView(id, url, format, events, active, disabledReason, consecutiveFailures, pausedUntil, createdAt, updatedAt);
        }

        @Override
        public String toString() {
            return "Subscription[id=" + id + ", url=" + url + ", format=" + format + "]";
        }
    }

    /** A claimed delivery with everything needed to send it. */
    record Work(String accountId, String deliveryId, String claimToken, int attempts, Instant createdAt, Subscription subscription,
                String eventId, String eventName, String subjectType, String subjectId, String data, String snapshot, Instant occurredAt) {
    }

    // --- subscriptions

    void insertSubscription(String accountId, Subscription row) {
        jdbc.sql("""
                insert into webhook_subscription (account_id, id, url, format, events, secret, active, disabled_reason,
                                                  consecutive_failures, paused_until, created_at, updated_at)
                values (:account, :id, :url, :format, :events, :secret, :active, null, 0, null, :now, :now)""")
                .param("account", accountId).param("id", row.id()).param("url", row.url()).param("format", row.format().wireName())
                .param("events", String.join(",", row.events())).param("secret", box.seal(row.secret())).param("active", row.active())
                .param("now", utc(row.createdAt()))
                .update();
    }

    void updateSubscription(String accountId, Subscription row) {
        jdbc.sql("""
                update webhook_subscription
                   set url = :url, format = :format, events = :events, secret = :secret, active = :active,
                       disabled_reason = :reason, consecutive_failures = :failures, paused_until = :paused, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", row.id()).param("url", row.url()).param("format", row.format().wireName())
                .param("events", String.join(",", row.events())).param("secret", box.seal(row.secret())).param("active", row.active())
                .param("reason", row.disabledReason()).param("failures", row.consecutiveFailures())
                .param("paused", utc(row.pausedUntil())).param("now", utc(row.updatedAt()))
                .update();
    }

    Optional<Subscription> findSubscription(String accountId, String id) {
        return jdbc.sql("select * from webhook_subscription where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(this::subscription).optional();
    }

    Page<Subscription> listSubscriptions(String accountId, PageRequest page) {
        long total = jdbc.sql("select count(*) from webhook_subscription where account_id = :account")
                .param("account", accountId).query(Long.class).single();
        var items = jdbc.sql("""
                select * from webhook_subscription where account_id = :account
                 order by created_at, id limit :limit offset :offset""")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset())
                .query(this::subscription).list();
        return new Page<>(items, total, page);
    }

    List<Subscription> activeSubscriptions(String accountId) {
        return jdbc.sql("select * from webhook_subscription where account_id = :account and active = true order by created_at, id")
                .param("account", accountId).query(this::subscription).list();
    }

    void deleteSubscription(String accountId, String id) {
        // Lock the deliveries first: an attempt being recorded right now either finishes before
        // this deletion (and its row goes with it) or finds its delivery gone (see lockDelivery).
        jdbc.sql("select id from webhook_delivery where account_id = :account and subscription_id = :id order by id for update")
                .param("account", accountId).param("id", id).query(String.class).list();
        jdbc.sql("""
                delete from webhook_attempt a
                 where a.account_id = :account
                   and exists (select 1 from webhook_delivery d
                                where d.account_id = a.account_id and d.id = a.delivery_id and d.subscription_id = :id)""")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from webhook_delivery where account_id = :account and subscription_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from webhook_subscription where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    // --- the outbox

    /** Rows one multi-row insert writes at most: well under the bind parameters a statement may carry. */
    private static final int ROWS_PER_INSERT = 500;

    void forgetSubjects(String accountId, Collection<String> subjectIds) {
        String events = "select id from webhook_event where account_id = :account and subject_id in (:ids)";
        String deliveries = "select id from webhook_delivery where account_id = :account and event_id in (" + events + ")";
        jdbc.sql("delete from webhook_attempt where account_id = :account and delivery_id in (" + deliveries + ")")
                .param("account", accountId).param("ids", subjectIds).update();
        jdbc.sql("delete from webhook_delivery where account_id = :account and event_id in (" + events + ")")
                .param("account", accountId).param("ids", subjectIds).update();
        jdbc.sql("delete from webhook_event where account_id = :account and subject_id in (:ids)")
                .param("account", accountId).param("ids", subjectIds).update();
    }

    /**
     * An event to queue: {@code data} is what Standard Webhooks deliveries send as it is, {@code snapshot} what they render
     * it from ({@link StoredSnapshot}); both null when no Standard Webhooks subscription wants it.
     */
    record EventRow(String id, String name, String subjectType, String subjectId, String data, String snapshot, Instant occurredAt) {
    }

    /** One subscription's delivery of an event. */
    record DeliveryRow(String id, String subscriptionId, String eventId, String subjectKey) {
    }

    /**
     * Inserts the events, many per statement: a ticket's creation holds its account's protocol counter until its
     * commit, and with it every round trip made here.
     */
    void insertEvents(String accountId, List<EventRow> rows) {
        for (var chunk : chunks(rows)) {
            var values = new StringJoiner(", ");
            Map<String, Object> params = new HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                var row = chunk.get(i);
                values.add("(:account, :id" + i + ", :name" + i + ", :type" + i + ", :subject" + i + ", :data" + i + ", :snapshot" + i
                        + ", :at" + i + ")");
                params.put("id" + i, row.id());
                params.put("name" + i, row.name());
                params.put("type" + i, row.subjectType());
                params.put("subject" + i, row.subjectId());
                params.put("data" + i, row.data());
                params.put("snapshot" + i, row.snapshot());
                params.put("at" + i, utc(row.occurredAt()));
            }
            jdbc.sql("insert into webhook_event (account_id, id, name, subject_type, subject_id, data, snapshot, occurred_at) values " + values)
                    .params(params).param("account", accountId).update();
        }
    }

    /**
     * Queues the deliveries, many per statement and in the order given: that order is the order of their
     * {@code seq}, which keeps each subject's deliveries in the order of its events.
     */
    void insertDeliveries(String accountId, List<DeliveryRow> rows, Instant now) {
        for (var chunk : chunks(rows)) {
            var values = new StringJoiner(", ");
            Map<String, Object> params = new HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                var row = chunk.get(i);
                values.add("(:account, :id" + i + ", :subscription" + i + ", :event" + i + ", :subject" + i + ", 'pending', 0, :now, :now)");
                params.put("id" + i, row.id());
                params.put("subscription" + i, row.subscriptionId());
                params.put("event" + i, row.eventId());
                params.put("subject" + i, row.subjectKey());
            }
            jdbc.sql("""
                    insert into webhook_delivery (account_id, id, subscription_id, event_id, subject_key, status, attempts,
                                                  next_attempt_at, created_at)
                    values\s""" + values)
                    .params(params).param("account", accountId).param("now", utc(now))
                    .update();
        }
    }

    /** The rows in pieces of at most ROWS_PER_INSERT. */
    private static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)));
        }
        return chunks;
    }

    Optional<String> subjectKey(String accountId, String deliveryId) {
        return jdbc.sql("select subject_key from webhook_delivery where account_id = :account and id = :id")
                .param("account", accountId).param("id", deliveryId).query(String.class).optional();
    }

    // --- the delivery log

    Optional<DeliveryView> findDelivery(String accountId, String id) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " " + """
                 from webhook_delivery d join webhook_event e on e.account_id = d.account_id and e.id = d.event_id
                 where d.account_id = :account and d.id = :id""")
                .param("account", accountId).param("id", id).query(WebhookRepository::delivery).optional()
                .map(delivery -> withLog(accountId, List.of(delivery)).get(0));
    }

    Page<DeliveryView> listDeliveries(String accountId, String subscriptionId, DeliveryStatus status, PageRequest page) {
        String where = " where d.account_id = :account"
                + (subscriptionId == null ? "" : " and d.subscription_id = :subscription")
                + (status == null ? "" : " and d.status = :status");
        var count = jdbc.sql("select count(*) from webhook_delivery d" + where).param("account", accountId);
        var select = jdbc.sql("select " + DELIVERY_COLUMNS
                        + " from webhook_delivery d join webhook_event e on e.account_id = d.account_id and e.id = d.event_id"
                        + where + " order by d.created_at desc, d.seq desc limit :limit offset :offset")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset());
        if (subscriptionId != null) {
            count = count.param("subscription", subscriptionId);
            select = select.param("subscription", subscriptionId);
        }
        if (status != null) {
            count = count.param("status", status.wireName());
            select = select.param("status", status.wireName());
        }
        long total = count.query(Long.class).single();
        return new Page<>(withLog(accountId, select.query(WebhookRepository::delivery).list()), total, page);
    }

    private List<DeliveryView> withLog(String accountId, List<DeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, List<DeliveryView.AttemptView>> log = new LinkedHashMap<>();
        jdbc.sql("""
                select delivery_id, attempted_at, duration_ms, status_code, response, error, node from webhook_attempt
                 where account_id = :account and delivery_id in (:ids) order by attempted_at, id""")
                .param("account", accountId).param("ids", deliveries.stream().map(DeliveryView::id).toList())
                .query(rs -> {
                    log.computeIfAbsent(rs.getString("delivery_id"), key -> new java.util.ArrayList<>())
                            .add(new DeliveryView.AttemptView(instant(rs, "attempted_at"), rs.getInt("duration_ms"),
                                    (Integer) rs.getObject("status_code", Integer.class), rs.getString("response"), rs.getString("error"),
                                    rs.getString("node")));
                });
        return deliveries.stream().map(delivery -> new DeliveryView(delivery.id(), delivery.webhookId(), delivery.eventId(),
                delivery.event(), delivery.subjectType(), delivery.subjectId(), delivery.status(), delivery.attempts(),
                delivery.lastStatusCode(), delivery.lastError(), delivery.nextAttemptAt(), delivery.createdAt(), delivery.completedAt(),
                log.getOrDefault(delivery.id(), List.of()))).toList();
    }

    // --- the dispatcher

    /**
     * Plans the rest of the current transaction's statements for the table as it is now. The queue
     * tables grow from nothing to tens of thousands of rows within seconds when a backlog builds,
     * long before autovacuum analyzes them; PostgreSQL meanwhile keeps reusing the generic plan it
     * cached for each prepared statement while the table was tiny (sequential scans, and a nested
     * loop that scans the table once per candidate for the claim's per-subject order check), which
     * made every claim cost more the longer the queue got. A custom plan uses the table's current
     * size. H2 plans each statement anyway.
     */
    void planForCurrentSize() {
        planForCurrentSize.run();
    }

    /** An active subscription with at least one due delivery; a paused one appears when its next probe is due. */
    record DueSubscription(String accountId, String id, int failuresInARow) {
    }

    /** One attempt for the log. */
    record Attempt(String accountId, String id, String deliveryId, Instant at, int durationMs, Integer statusCode, String response,
                   String error, String node) {
    }

    /** What an attempt leaves on its delivery; applied only while the claim is still {@code token}'s. */
    record Settlement(String accountId, String deliveryId, String token, DeliveryStatus status, Integer statusCode, String error,
                      Instant nextAttemptAt, Instant completedAt) {
    }

    /**
     * The subscriptions, of every account, that are active, not paused (or due for their probe) and
     * have a due delivery: one probe of webhook_delivery_subscription_due_idx each, whatever waits in
     * the queues of paused and disabled subscriptions. A scalar subquery rather than EXISTS: the
     * planner turns EXISTS into a semi-join that reads every due delivery of every subscription.
     */
    List<DueSubscription> dueSubscriptions(Instant now) {
        return jdbc.sql("""
                select s.account_id, s.id, s.consecutive_failures
                  from webhook_subscription s
                 where s.active = true and (s.paused_until is null or s.paused_until <= :now)
                   and (select min(d.next_attempt_at) from webhook_delivery d
                         where d.account_id = s.account_id and d.subscription_id = s.id and d.status = 'pending') <= :now""")
                .param("now", utc(now))
                .query((rs, row) -> new DueSubscription(rs.getString("account_id"), rs.getString("id"), rs.getInt("consecutive_failures")))
                .list();
    }

    /**
     * Locks up to {@code limit} due deliveries of one subscription that no other node holds, earliest
     * first. A delivery waits while an earlier one of the same subject is pending (in flight
     * included), which keeps each subject in order. That check is a scalar subquery, one probe of
     * webhook_delivery_order_idx per candidate: written as NOT EXISTS, the planner made it an anti-join
     * and, while statistics still described a short queue, scanned every pending delivery of the
     * subscription once per candidate (80 ms at 5,000 pending, seconds at 100,000).
     */
    List<String> lockDue(String accountId, String subscriptionId, Instant now, int limit) {
        return jdbc.sql("""
                select d.id
                  from webhook_delivery d
                 where d.account_id = :account and d.subscription_id = :subscription
                   and d.status = 'pending' and d.next_attempt_at <= :now
                   and d.seq = (select min(p.seq) from webhook_delivery p
                                 where p.account_id = d.account_id and p.subscription_id = d.subscription_id
                                   and p.subject_key = d.subject_key and p.status = 'pending')
                 order by d.next_attempt_at, d.seq
                 limit :limit
                 for update skip locked""")
                .param("account", accountId).param("subscription", subscriptionId).param("now", utc(now)).param("limit", limit)
                .query(String.class)
                .list();
    }

    void claim(String accountId, List<String> deliveryIds, String token, Instant leaseUntil) {
        jdbc.sql("update webhook_delivery set claim_token = :token, next_attempt_at = :until where account_id = :account and id in (:ids)")
                .param("account", accountId).param("ids", deliveryIds).param("token", token).param("until", utc(leaseUntil))
                .update();
    }

    /** Reserves the single probe of a paused subscription; false when another node took it first. */
    boolean takeProbe(String accountId, String subscriptionId, Instant now, Instant until) {
        return jdbc.sql("""
                update webhook_subscription set paused_until = :until
                 where account_id = :account and id = :id and (paused_until is null or paused_until <= :now)""")
                .param("account", accountId).param("id", subscriptionId).param("now", utc(now)).param("until", utc(until))
                .update() == 1;
    }

    /**
     * The claimed deliveries of one account with their event and subscription: the deliveries with their events
     * by primary key, then their subscriptions. Joined in one statement, the planner, misled by statistics from
     * when the queue was short, walked each subscription's whole queue looking for the ids (90 ms instead of 2 at
     * 5,000 pending).
     */
    List<Work> work(String accountId, List<String> deliveryIds) {
        record Claimed(String id, String token, int attempts, Instant createdAt, String subscriptionId, String eventId, String name,
                       String subjectType, String subjectId, String data, String snapshot, Instant occurredAt) {
        }
        var claimed = jdbc.sql("""
                select d.id, d.claim_token, d.attempts, d.created_at, d.subscription_id, d.event_id, e.name, e.subject_type, e.subject_id,
                       e.data, e.snapshot, e.occurred_at
                  from webhook_delivery d
                  join webhook_event e on e.account_id = d.account_id and e.id = d.event_id
                 where d.account_id = :account and d.id in (:ids)""")
                .param("account", accountId).param("ids", deliveryIds)
                .query((rs, row) -> new Claimed(rs.getString("id"), rs.getString("claim_token"), rs.getInt("attempts"),
                        instant(rs, "created_at"), rs.getString("subscription_id"), rs.getString("event_id"), rs.getString("name"),
                        rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("data"), rs.getString("snapshot"),
                        instant(rs, "occurred_at")))
                .list();
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<String, Subscription> subscriptions = new HashMap<>();
        jdbc.sql("select * from webhook_subscription where account_id = :account and id in (:ids)")
                .param("account", accountId).param("ids", claimed.stream().map(Claimed::subscriptionId).distinct().toList())
                .query(this::subscription)
                .list()
                .forEach(subscription -> subscriptions.put(subscription.id(), subscription));
        return claimed.stream()
                .filter(delivery -> subscriptions.containsKey(delivery.subscriptionId()))
                .map(delivery -> new Work(accountId, delivery.id(), delivery.token(), delivery.attempts(), delivery.createdAt(),
                        subscriptions.get(delivery.subscriptionId()), delivery.eventId(), delivery.name(), delivery.subjectType(),
                        delivery.subjectId(), delivery.data(), delivery.snapshot(), delivery.occurredAt()))
                .toList();
    }

    /**
     * Locks the deliveries of one account until the transaction ends, in id order, and returns those
     * that still exist. Recording attempts and deleting a subscription both take these locks first,
     * in the same order (so they cannot deadlock), and an attempt is never inserted between the
     * deletion of a subscription's attempts and of its deliveries.
     */
    Set<String> lockDeliveries(String accountId, List<String> deliveryIds) {
        return new HashSet<>(jdbc.sql("select id from webhook_delivery where account_id = :account and id in (:ids) order by id for update")
                .param("account", accountId).param("ids", deliveryIds).query(String.class).list());
    }

    void insertAttempts(List<Attempt> attempts) {
        named.batchUpdate("""
                insert into webhook_attempt (account_id, id, delivery_id, attempted_at, duration_ms, status_code, response, error, node)
                values (:account, :id, :delivery, :at, :duration, :status, :response, :error, :node)""",
                attempts.stream().map(attempt -> new MapSqlParameterSource()
                        .addValue("account", attempt.accountId()).addValue("id", attempt.id()).addValue("delivery", attempt.deliveryId())
                        .addValue("at", utc(attempt.at())).addValue("duration", attempt.durationMs())
                        .addValue("status", attempt.statusCode(), Types.INTEGER).addValue("response", attempt.response(), Types.VARCHAR)
                        .addValue("error", attempt.error(), Types.VARCHAR).addValue("node", attempt.node()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Settles claimed deliveries after their attempts; a delivery whose claim is no longer the token's is left alone. */
    void settle(List<Settlement> settlements) {
        named.batchUpdate("""
                update webhook_delivery
                   set status = :status, attempts = attempts + 1, last_status_code = :code, last_error = :error,
                       next_attempt_at = :next, completed_at = :completed, claim_token = null
                 where account_id = :account and id = :id and claim_token = :token""",
                settlements.stream().map(settlement -> new MapSqlParameterSource()
                        .addValue("account", settlement.accountId()).addValue("id", settlement.deliveryId())
                        .addValue("token", settlement.token()).addValue("status", settlement.status().wireName())
                        .addValue("code", settlement.statusCode(), Types.INTEGER).addValue("error", settlement.error(), Types.VARCHAR)
                        .addValue("next", utc(settlement.nextAttemptAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                        .addValue("completed", utc(settlement.completedAt()), Types.TIMESTAMP_WITH_TIMEZONE))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Gives the claim back without an attempt (the subscription went away, was paused or switched off, or the lease ran short). */
    void release(String accountId, String deliveryId, String token, Instant now) {
        jdbc.sql("""
                update webhook_delivery set claim_token = null, next_attempt_at = :now
                 where account_id = :account and id = :id and claim_token = :token""")
                .param("account", accountId).param("id", deliveryId).param("token", token).param("now", utc(now))
                .update();
    }

    void subscriptionSucceeded(String accountId, String subscriptionId) {
        jdbc.sql("""
                update webhook_subscription set consecutive_failures = 0, paused_until = null
                 where account_id = :account and id = :id and (consecutive_failures <> 0 or paused_until is not null)""")
                .param("account", accountId).param("id", subscriptionId).update();
    }

    /** Clears the failures in a row and the pause of those of the account's subscriptions that have any (a success came). */
    void subscriptionsSucceeded(String accountId, List<String> subscriptionIds) {
        jdbc.sql("""
                update webhook_subscription set consecutive_failures = 0, paused_until = null
                 where account_id = :account and id in (:ids) and (consecutive_failures <> 0 or paused_until is not null)""")
                .param("account", accountId).param("ids", subscriptionIds).update();
    }

    /** Sets the failures in a row counted since the last success, and the pause they call for (or none). */
    void subscriptionFailuresSince(String accountId, String subscriptionId, int failures, Instant pausedUntil) {
        jdbc.sql("update webhook_subscription set consecutive_failures = :failures, paused_until = :paused where account_id = :account and id = :id")
                .param("account", accountId).param("id", subscriptionId).param("failures", failures)
                .param("paused", utc(pausedUntil), Types.TIMESTAMP_WITH_TIMEZONE).update();
    }

    /** Adds failures in a row; returns the count now. */
    int subscriptionFailed(String accountId, String subscriptionId, int failures) {
        jdbc.sql("update webhook_subscription set consecutive_failures = consecutive_failures + :failures where account_id = :account and id = :id")
                .param("account", accountId).param("id", subscriptionId).param("failures", failures).update();
        return jdbc.sql("select consecutive_failures from webhook_subscription where account_id = :account and id = :id")
                .param("account", accountId).param("id", subscriptionId).query(Integer.class).optional().orElse(0);
    }

    void pauseSubscription(String accountId, String subscriptionId, Instant until) {
        jdbc.sql("update webhook_subscription set paused_until = :until where account_id = :account and id = :id")
                .param("account", accountId).param("id", subscriptionId).param("until", utc(until)).update();
    }

    void disableSubscription(String accountId, String subscriptionId, String reason, Instant now) {
        jdbc.sql("""
                update webhook_subscription set active = false, disabled_reason = :reason, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", subscriptionId).param("reason", reason).param("now", utc(now)).update();
    }

    // --- metrics and retention

    long pendingCount() {
        return jdbc.sql("select count(*) from webhook_delivery where status = 'pending'").query(Long.class).single();
    }

    Optional<Instant> oldestDue(Instant now) {
        return jdbc.sql("select min(next_attempt_at) from webhook_delivery where status = 'pending' and next_attempt_at <= :now")
                .param("now", utc(now)).query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class)).optional()
                .map(java.time.OffsetDateTime::toInstant);
    }

    /** Removes attempts, deliveries and events older than the cutoff; returns the attempts removed. */
    int deleteOlderThan(Instant cutoff) {
        int attempts = jdbc.sql("delete from webhook_attempt where attempted_at < :cutoff").param("cutoff", utc(cutoff)).update();
        jdbc.sql("""
                delete from webhook_attempt a
                 where exists (select 1 from webhook_delivery d
                                where d.account_id = a.account_id and d.id = a.delivery_id and d.created_at < :cutoff)""")
                .param("cutoff", utc(cutoff)).update();
        jdbc.sql("delete from webhook_delivery where created_at < :cutoff").param("cutoff", utc(cutoff)).update();
        jdbc.sql("""
                delete from webhook_event e
                 where e.occurred_at < :cutoff
                   and not exists (select 1 from webhook_delivery d where d.account_id = e.account_id and d.event_id = e.id)""")
                .param("cutoff", utc(cutoff)).update();
        return attempts;
    }

    private Subscription subscription(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getString("id"), rs.getString("url"), format(rs.getString("format")), events(rs.getString("events")),
                box.open(rs.getString("secret")), rs.getBoolean("active"), rs.getString("disabled_reason"), rs.getInt("consecutive_failures"),
                instant(rs, "paused_until"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static DeliveryView delivery(ResultSet rs, int row) throws SQLException {
        return new DeliveryView(rs.getString("id"), rs.getString("subscription_id"), rs.getString("event_id"), rs.getString("name"),
                rs.getString("subject_type"), rs.getString("subject_id"),
                DeliveryStatus.fromWireName(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                rs.getObject("last_status_code", Integer.class), rs.getString("last_error"), instant(rs, "next_attempt_at"),
                instant(rs, "created_at"), instant(rs, "completed_at"), List.of());
    }

    private static WebhookFormat format(String text) {
        return WebhookFormat.fromWireName(text).orElseThrow();
    }

    private static List<String> events(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
