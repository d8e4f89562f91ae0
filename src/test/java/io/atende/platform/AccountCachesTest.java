package io.atende.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.atende.support.ApiTest;
import io.atende.support.TestNodes;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node's copies of account configuration: loaded once, dropped when the account changes it here (after the
 * change ends, whatever its outcome) or on another node (at that node's next read of the changes).
 */
@ApiTest
class AccountCachesTest {

    @Autowired
    AccountCaches caches;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Environment environment;

    /** What the test's "configuration" is now, and how often a node loaded it. */
    static final class Source {
        final AtomicReference<String> value = new AtomicReference<>("first");
        final AtomicInteger loads = new AtomicInteger();

        String load(String accountId) {
            loads.incrementAndGet();
            return accountId + ":" + value.get();
        }
    }

    @Test
    void aValueIsLoadedOnceAndAgainAfterTheAccountChangesIt() {
        var source = new Source();
        AccountCache<String> cache = caches.create(topic(), source::load);
        String account = Ids.newId();
        String other = Ids.newId();

        assertThat(cache.get(account)).isEqualTo(account + ":first");
        assertThat(cache.get(account)).isEqualTo(account + ":first");
        assertThat(cache.get(other)).isEqualTo(other + ":first");
        assertThat(source.loads).hasValue(2);

        transactions().executeWithoutResult(status -> {
            source.value.set("second");
            cache.changed(account);
        });

        assertThat(cache.get(account)).isEqualTo(account + ":second");
        assertThat(cache.get(other)).as("another account keeps its copy").isEqualTo(other + ":first");
        assertThat(source.loads).hasValue(3);
    }

    @Test
    void whatTheChangingTransactionReadsIsNotKeptAndARollbackDropsTheCopyToo() {
        var source = new Source();
        AccountCache<String> cache = caches.create(topic(), source::load);
        String account = Ids.newId();
        cache.get(account);

        transactions().executeWithoutResult(status -> {
            cache.changed(account);
            source.value.set("uncommitted");
            assertThat(cache.get(account)).isEqualTo(account + ":uncommitted");
            assertThat(cache.get(account)).isEqualTo(account + ":uncommitted");
            status.setRollbackOnly();
        });
        assertThat(source.loads).as("read twice inside the changing transaction, never kept").hasValue(3);

        source.value.set("first");
        assertThat(cache.get(account)).isEqualTo(account + ":first");
        assertThat(source.loads).hasValue(4);
    }

    @Test
    void aLoadThatOverlapsAChangeIsNotKept() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var loads = new AtomicInteger();
        String account = Ids.newId();
        AccountCache<String> cache = caches.create(topic(), id -> {
            if (loads.incrementAndGet() == 1) {
                started.countDown();
                await(release);
                return "stale";
            }
            return "fresh";
        });

        var slowRead = CompletableFuture.supplyAsync(() -> cache.get(account));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        transactions().executeWithoutResult(status -> cache.changed(account));
        release.countDown();

        assertThat(slowRead.get(5, TimeUnit.SECONDS)).isEqualTo("stale");
        assertThat(cache.get(account)).isEqualTo("fresh");
        assertThat(cache.get(account)).isEqualTo("fresh");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aChangeOnOneNodeReachesTheOtherNodesCopyWithinSeconds() throws Exception {
        String topic = topic();
        String account = Ids.newId();
        var here = new Source();
        AccountCache<String> local = caches.create(topic, here::load);
        String url = environment.getRequiredProperty("spring.datasource.url");
        try (var secondNode = TestNodes.start(url, List.of("atende.cache.sync-interval=100ms"))) {
            var there = new Source();
            AccountCache<String> remote = secondNode.getBean(AccountCaches.class).create(topic, there::load);
            assertThat(remote.get(account)).isEqualTo(account + ":first");
            Thread.sleep(500);
            remote.get(account);
            assertThat(there.loads).as("no change, no reload").hasValue(1);

            transactions().executeWithoutResult(status -> {
                there.value.set("second");
                local.changed(account);
            });

            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!remote.get(account).endsWith(":second") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(remote.get(account)).isEqualTo(account + ":second");
            assertThat(there.loads).hasValue(2);
        }
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    private static String topic() {
        return "test-" + Ids.newId();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
