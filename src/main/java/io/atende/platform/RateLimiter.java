package io.atende.platform;

import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A generic cell rate algorithm (the token bucket expressed as one timestamp) kept in the
 * database, so that every node behind a load balancer draws on the same budget. One short
 * transaction per request: read the bucket under its row lock, decide, write it back.
 */
@Component
public class RateLimiter {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Draws one request from the bucket {@code bucketKey} of the account, if the limit allows it. */
    public RateLimitDecision acquire(String accountId, String bucketKey, RateLimit limit) {
        return transactions.execute(status -> decide(accountId, bucketKey, limit));
    }

    private RateLimitDecision decide(String accountId, String bucketKey, RateLimit limit) {
        long now = toMicros(clock.instant());
        // Microseconds are the resolution: a rate above a million per second counts as exactly that.
        long interval = Math.max(1, MICROS_PER_SECOND / limit.perSecond());
        long tolerance = interval * limit.burst();
        long stored = lockBucket(accountId, bucketKey, now);
        long arrival = Math.max(stored, now) + interval;
        long backlog = arrival - now;
        if (backlog > tolerance) {
            long wait = backlog - tolerance;
            long fullIn = Math.max(stored, now) - now;
            return new RateLimitDecision(false, limit.burst(), 0, ceilSeconds(fullIn), Math.max(1, ceilSeconds(wait)));
        }
        jdbc.sql("update rate_limit_bucket set theoretical_arrival = :arrival where account_id = :account and bucket_key = :bucket")
                .param("arrival", arrival).param("account", accountId).param("bucket", bucketKey)
                .update();
        int remaining = (int) ((tolerance - backlog) / interval);
        return new RateLimitDecision(true, limit.burst(), remaining, ceilSeconds(backlog), 0);
    }

    private long lockBucket(String accountId, String bucketKey, long now) {
        var select = "select theoretical_arrival from rate_limit_bucket where account_id = :account and bucket_key = :bucket for update";
        var stored = jdbc.sql(select).param("account", accountId).param("bucket", bucketKey).query(Long.class).optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        jdbc.sql("insert into rate_limit_bucket (account_id, bucket_key, theoretical_arrival) values (:account, :bucket, :now) on conflict do nothing")
                .param("account", accountId).param("bucket", bucketKey).param("now", now)
                .update();
        return jdbc.sql(select).param("account", accountId).param("bucket", bucketKey).query(Long.class).single();
    }

    private static long toMicros(Instant instant) {
        return instant.getEpochSecond() * MICROS_PER_SECOND + instant.getNano() / 1_000;
    }

    private static long ceilSeconds(long micros) {
        return (micros + MICROS_PER_SECOND - 1) / MICROS_PER_SECOND;
    }
}
