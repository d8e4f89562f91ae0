package io.atende.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atende.support.ApiTest;
import io.atende.support.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database-backed GCRA of docs/api.md, Rate limits, on the real database, with a clock that only
 * moves when the test moves it.
 */
@ApiTest
class RateLimiterTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    MutableClock clock;
    RateLimiter limiter;
    String account;

    @BeforeEach
    void freshBuckets() {
        clock = new MutableClock(Instant.parse("2026-08-21T15:11:17.250Z"));
        limiter = new RateLimiter(jdbc, transactions, clock);
        account = Ids.newId();
    }

    @Test
    void allowsTheBurstAtOnceThenRefuses() {
        var limit = new RateLimit(2, 3);

        var first = limiter.acquire(account, "token:a", limit);
        var second = limiter.acquire(account, "token:a", limit);
        var third = limiter.acquire(account, "token:a", limit);
        var fourth = limiter.acquire(account, "token:a", limit);

        assertThat(List.of(first, second, third)).allSatisfy(decision -> {
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.limit()).isEqualTo(3);
            assertThat(decision.retryAfterSeconds()).isZero();
        });
        assertThat(List.of(first.remaining(), second.remaining(), third.remaining())).containsExactly(2, 1, 0);
        // The bucket is full again once every drawn request has been paid back at 2 per second.
        assertThat(List.of(first.resetSeconds(), second.resetSeconds(), third.resetSeconds())).containsExactly(1L, 1L, 2L);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.limit()).isEqualTo(3);
        assertThat(fourth.remaining()).isZero();
        assertThat(fourth.retryAfterSeconds()).isEqualTo(1);
        assertThat(fourth.resetSeconds()).isEqualTo(2);
    }

    @Test
    void refillsOneRequestPerIntervalAndTheWholeBurstInTime() {
        var limit = new RateLimit(2, 3);
        drain(limit, "token:a", 3);

        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.acquire(account, "token:a", limit).allowed()).isFalse();

        clock.advance(Duration.ofMillis(1));
        var refilled = limiter.acquire(account, "token:a", limit);
        assertThat(refilled.allowed()).isTrue();
        assertThat(refilled.remaining()).isZero();
        assertThat(limiter.acquire(account, "token:a", limit).allowed()).isFalse();

        clock.advance(Duration.ofMillis(1500));
        assertThat(drain(limit, "token:a", 4)).containsExactly(true, true, true, false);
    }

    @Test
    void aBucketEmptiedByAClockAheadWaitsNoLongerThanAFullRefillOnAClockBehind() {
        var limit = new RateLimit(2, 3);
        drain(limit, "token:a", 4);

        var behind = new MutableClock(clock.instant().minus(Duration.ofDays(270)));
        var lagging = new RateLimiter(jdbc, transactions, behind);
        var refused = lagging.acquire(account, "token:a", limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("one interval, not 270 days").isEqualTo(1);
        behind.advance(Duration.ofMillis(500));
        assertThat(lagging.acquire(account, "token:a", limit).allowed()).isTrue();
    }

    @Test
    void refusedRequestsDoNotSpendTheBudget() {
        var limit = new RateLimit(2, 3);
        drain(limit, "token:a", 3);
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire(account, "token:a", limit).allowed()).isFalse();
        }

        clock.advance(Duration.ofMillis(500));

        assertThat(limiter.acquire(account, "token:a", limit).allowed()).isTrue();
    }

    @Test
    void reportsWholeSecondsUntilTheNextRequestAndUntilTheBucketIsFull() {
        var limit = new RateLimit(1, 5);
        drain(limit, "token:a", 5);

        var refused = limiter.acquire(account, "token:a", limit);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.resetSeconds()).isEqualTo(5);

        // 2.3 s later two requests have come back: one is drawn now, one remains.
        clock.advance(Duration.ofMillis(2300));
        var allowed = limiter.acquire(account, "token:a", limit);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.remaining()).isEqualTo(1);
        assertThat(allowed.resetSeconds()).isEqualTo(4);
        assertThat(limiter.acquire(account, "token:a", limit).remaining()).isZero();
        var refusedAgain = limiter.acquire(account, "token:a", limit);
        assertThat(refusedAgain.allowed()).isFalse();
        assertThat(refusedAgain.retryAfterSeconds()).isEqualTo(1);
        assertThat(refusedAgain.resetSeconds()).isEqualTo(5);
    }

    @Test
    void theDefaultLimitAllowsSixtyAtOnceAndThirtyEachSecond() {
        var limit = new RateLimit(30, 60);

        assertThat(drain(limit, "token:a", 61)).containsOnlyOnce(false).endsWith(false);

        clock.advance(Duration.ofSeconds(1));
        assertThat(drain(limit, "token:a", 31)).containsOnlyOnce(false).endsWith(false);
    }

    @Test
    void eachBucketHasItsOwnBudget() {
        var limit = new RateLimit(1, 2);
        drain(limit, "token:a", 3);

        assertThat(limiter.acquire(account, "token:b", limit).allowed()).isTrue();
        assertThat(limiter.acquire(Ids.newId(), "token:a", limit).allowed()).isTrue();
        assertThat(limiter.acquire(account, "token:a", limit).allowed()).isFalse();
    }

    @Test
    void aRateAboveOnePerMicrosecondStillCountsItsBurst() {
        var limit = new RateLimit(2_000_000, 5);

        assertThat(drain(limit, "token:a", 6)).containsExactly(true, true, true, true, true, false);
    }

    @Test
    void concurrentRequestsShareOneBudgetExactly() throws Exception {
        var limit = new RateLimit(1, 10);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 6; thread++) {
                Callable<Integer> requests = () -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < 5; i++) {
                        allowed += limiter.acquire(account, "token:shared", limit).allowed() ? 1 : 0;
                    }
                    return allowed;
                };
                results.add(pool.submit(requests));
            }
            start.countDown();
            int allowed = 0;
            for (var result : results) {
                allowed += result.get();
            }
            assertThat(allowed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBusyBucketReservesSeveralRequestsAtOnceUpToATenthOfTheBurst() {
        var limit = new RateLimit(1, 100);

        drain(limit, "token:a", 4);

        // Leases of 1, 2 and 4 requests: seven are counted in the database, three still held by this node.
        assertThat(storedBacklogMillis("token:a")).isEqualTo(7_000);
        drain(limit, "token:a", 3);
        assertThat(storedBacklogMillis("token:a")).isEqualTo(7_000);
        drain(limit, "token:a", 1);
        assertThat(storedBacklogMillis("token:a")).isEqualTo(15_000);
        drain(limit, "token:a", 8);
        assertThat(storedBacklogMillis("token:a")).isEqualTo(25_000);
    }

    @Test
    void twoNodesLeasingFromOneBucketNeverAdmitMoreThanItsBudget() {
        var limit = new RateLimit(1, 100);
        var otherNode = new RateLimiter(jdbc, transactions, clock);
        int allowed = 0;
        for (int i = 0; i < 150; i++) {
            allowed += limiter.acquire(account, "token:a", limit).allowed() ? 1 : 0;
            allowed += otherNode.acquire(account, "token:a", limit).allowed() ? 1 : 0;
            allowed += otherNode.acquire(account, "token:a", limit).allowed() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(100);
    }

    @Test
    void anIdleBucketReservesOneRequestAtATime() {
        var limit = new RateLimit(1, 100);
        drain(limit, "token:a", 4);
        clock.advance(RateLimiter.LEASE_LIFETIME.plusMillis(1));

        var next = limiter.acquire(account, "token:a", limit);

        // The three requests left of the expired lease are lost; the new lease holds only the request drawn now.
        assertThat(next.allowed()).isTrue();
        assertThat(storedBacklogMillis("token:a")).isEqualTo(8_000 - RateLimiter.LEASE_LIFETIME.toMillis() - 1);
        assertThat(next.remaining()).isEqualTo(92);
    }

    @Test
    void aBucketBusyBeyondOneLeaseLifetimeStartsTheNextLeaseAtTheSizeItReached() {
        var limit = new RateLimit(1, 100);
        drain(limit, "token:a", 7);
        clock.advance(RateLimiter.LEASE_LIFETIME.plusMillis(1));

        var next = limiter.acquire(account, "token:a", limit);

        // Leases of 1, 2 and 4 were used up; the next one reserves 4 again rather than 1.
        assertThat(next.allowed()).isTrue();
        assertThat(storedBacklogMillis("token:a")).isEqualTo(11_000 - RateLimiter.LEASE_LIFETIME.toMillis() - 1);
    }

    @Test
    void aBucketIdleForALeaseLifetimeAfterItsLastLeaseStartsAgainAtOne() {
        var limit = new RateLimit(1, 100);
        drain(limit, "token:a", 7);
        clock.advance(RateLimiter.LEASE_LIFETIME.multipliedBy(2).plusMillis(1));

        limiter.acquire(account, "token:a", limit);

        assertThat(storedBacklogMillis("token:a")).isEqualTo(8_000 - RateLimiter.LEASE_LIFETIME.multipliedBy(2).toMillis() - 1);
    }

    private long storedBacklogMillis(String bucket) {
        long stored = jdbc.sql("select theoretical_arrival from rate_limit_bucket where account_id = :account and bucket_key = :bucket")
                .param("account", account).param("bucket", bucket).query(Long.class).single();
        var now = clock.instant();
        return (stored - (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000)) / 1_000L;
    }

    private List<Boolean> drain(RateLimit limit, String bucket, int requests) {
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            allowed.add(limiter.acquire(account, bucket, limit).allowed());
        }
        return allowed;
    }
}
