package io.atende.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A generic cell rate algorithm (the token bucket expressed as one timestamp) kept in the
 * database, so that every node behind a load balancer draws on the same budget.
 *
 * <p>A busy bucket does not go to the database for every request: a node reserves several
 * requests at once in one short transaction (a lease) and hands them out locally for at most
 * {@link #LEASE_LIFETIME}. A lease starts at one request and doubles each time the previous one
 * was used up in time, up to a tenth of the burst, and keeps its size across lifetimes while the
 * bucket stays busy; an idle bucket is therefore exact, and a busy one costs one transaction per
 * lease. Reserved requests are counted in the database before they
 * are used, so the nodes together never admit more than the budget allows; a request a node
 * reserved but did not use in time is lost (the other nodes see the budget slightly smaller).
 */
@Component
public class RateLimiter {

    static final Duration LEASE_LIFETIME = Duration.ofMillis(100);
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Cache<String, Lease> leases = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    RateLimiter(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Requests of one bucket reserved by this node and not yet handed out; guarded by its own monitor. */
    private static final class Lease {
        RateLimit limit;
        long cells;
        long size = 1;
        long leasedAt;
        long validUntil;
        // The bucket's theoretical arrival before the lease, and how many of its cells were handed out.
        long base;
        long used;
    }

    /** Draws one request from the bucket {@code bucketKey} of the account, if the limit allows it. */
    public RateLimitDecision acquire(String accountId, String bucketKey, RateLimit limit) {
        var lease = leases.get(accountId + '\u0000' + bucketKey, key -> new Lease());
        synchronized (lease) {
            long now = toMicros(clock.instant());
            long interval = interval(limit);
            boolean live = limit.equals(lease.limit) && now >= lease.leasedAt && now < lease.validUntil;
            if (live && lease.cells > 0) {
                lease.cells--;
                lease.used++;
                long backlog = Math.max(interval, lease.base + lease.used * interval - now);
                return allowed(limit, interval, backlog);
            }
            long cap = Math.max(1, limit.burst() / 10);
            // A lease used up and expired less than a lifetime ago belongs to a bucket still busy: it starts again at
            // that size instead of at one, or a steady load would pay a transaction per doubling every lifetime.
            boolean busy = !live && limit.equals(lease.limit) && lease.cells == 0 && now >= lease.validUntil
                    && now - lease.validUntil < LEASE_LIFETIME.toNanos() / 1_000;
            long wanted = live ? Math.min(cap, lease.size * 2) : busy ? Math.min(cap, lease.size) : 1;
            var reserved = transactions.execute(status -> reserve(accountId, bucketKey, limit, now, wanted));
            lease.limit = limit;
            if (reserved.granted() == 0) {
                lease.cells = 0;
                lease.size = 1;
                lease.validUntil = now;
                return reserved.refusal();
            }
            lease.size = reserved.granted();
            lease.cells = reserved.granted() - 1;
            lease.used = 1;
            lease.base = reserved.base();
            lease.leasedAt = now;
            lease.validUntil = now + LEASE_LIFETIME.toNanos() / 1_000;
            return allowed(limit, interval, reserved.base() + interval - now);
        }
    }

    private record Reservation(long granted, long base, RateLimitDecision refusal) {
    }

    private Reservation reserve(String accountId, String bucketKey, RateLimit limit, long now, long wanted) {
        long interval = interval(limit);
        long tolerance = interval * limit.burst();
        long stored = lockBucket(accountId, bucketKey, now);
        if (stored > now + tolerance) {
            // Written by a clock ahead of this one (a node whose clock lags, or a clock set back): the bucket counts as
            // just emptied, never as a wait of months.
            stored = now + tolerance;
            jdbc.sql("update rate_limit_bucket set theoretical_arrival = :arrival where account_id = :account and bucket_key = :bucket")
                    .param("arrival", stored).param("account", accountId).param("bucket", bucketKey).update();
        }
        long base = Math.max(stored, now);
        long fits = (tolerance - (base - now)) / interval;
        long granted = Math.min(wanted, fits);
        if (granted <= 0) {
            long wait = base + interval - now - tolerance;
            long fullIn = base - now;
            return new Reservation(0, base,
                    new RateLimitDecision(false, limit.burst(), 0, ceilSeconds(fullIn), Math.max(1, ceilSeconds(wait))));
        }
        jdbc.sql("update rate_limit_bucket set theoretical_arrival = :arrival where account_id = :account and bucket_key = :bucket")
                .param("arrival", base + granted * interval).param("account", accountId).param("bucket", bucketKey)
                .update();
        return new Reservation(granted, base, null);
    }

    private static RateLimitDecision allowed(RateLimit limit, long interval, long backlog) {
        long tolerance = interval * limit.burst();
        int remaining = (int) Math.max(0, (tolerance - backlog) / interval);
        return new RateLimitDecision(true, limit.burst(), remaining, ceilSeconds(backlog), 0);
    }

    // Microseconds are the resolution: a rate above a million per second counts as exactly that.
    private static long interval(RateLimit limit) {
        return Math.max(1, MICROS_PER_SECOND / limit.perSecond());
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
