package io.atende.platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loop every background worker runs, on real threads. Idle intervals and back-offs are an hour
 * where a test must not see them end, so nothing here depends on how fast the machine is.
 */
class WorkerTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final long PATIENCE_SECONDS = 30;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Worker worker;

    @AfterEach
    void stopTheWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void aFullBatchIsFollowedAtOnceByTheNextAndAShortOneWaits() throws Exception {
        var runs = new AtomicInteger();
        var fourth = new CountDownLatch(1);
        worker = worker(new Worker.Settings("full", HOUR, 10, Duration.ofSeconds(5)), () -> {
            int run = runs.incrementAndGet();
            if (run == 4) {
                fourth.countDown();
            }
            return run < 4 ? 10 : 3;
        });

        worker.start();

        assertThat(fourth.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("three full batches in a row, with no idle wait").isTrue();
        worker.stop();
        assertThat(runs).hasValue(4);
        assertThat(meters.get("atende.worker.runs").tag("worker", "full").counter().count()).isEqualTo(4);
        assertThat(meters.get("atende.worker.items").tag("worker", "full").counter().count()).isEqualTo(33);
        assertThat(meters.get("atende.worker.batch.duration").tag("worker", "full").timer().count()).isEqualTo(4);
    }

    @Test
    void aWakeRunsTheNextBatchBeforeTheIdleIntervalEnds() throws Exception {
        var first = new CountDownLatch(1);
        var second = new CountDownLatch(1);
        var runs = new AtomicInteger();
        worker = worker(new Worker.Settings("woken", HOUR, 10, Duration.ofSeconds(5)), () -> {
            (runs.incrementAndGet() == 1 ? first : second).countDown();
            return 0;
        });

        worker.start();
        assertThat(first.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        worker.wake();

        assertThat(second.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the wake, not the hour-long interval").isTrue();
    }

    @Test
    void stopWaitsForTheBatchInFlightWhichSeesItAndStartsNoOther() throws Exception {
        var inFlight = new CountDownLatch(1);
        var sawStop = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        var runs = new AtomicInteger();
        worker = worker(new Worker.Settings("graceful", HOUR, 10, Duration.ofMinutes(1)), () -> {
            runs.incrementAndGet();
            inFlight.countDown();
            while (!worker.stopping()) {
                Thread.sleep(1);
            }
            sawStop.countDown();
            finish.await();
            return 10;  // full: without the stop the next batch would start at once
        });
        worker.start();
        assertThat(inFlight.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        var stopped = CompletableFuture.runAsync(worker::stop);
        assertThat(sawStop.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.isRunning()).isFalse();
        assertThat(stopped).as("stop waits while the batch runs").isNotDone();

        finish.countDown();
        stopped.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        worker.wake();
        assertThat(runs).as("stop returns after the loop ended, so no batch can follow").hasValue(1);
    }

    @Test
    void stopReleasesTheLeasesOnceTheBatchInFlightEndedAndAFailedReleaseIsLeftToTheLeasesExpiry() throws Exception {
        var inFlight = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        var batchEnded = new AtomicBoolean();
        var releasedAfterTheBatch = new AtomicBoolean();
        var releases = new AtomicInteger();
        worker = new Workers(meters, HOUR).create(new Worker.Settings("leasing", HOUR, 10, Duration.ofMinutes(1)), () -> {
            inFlight.countDown();
            finish.await();
            batchEnded.set(true);
            return 0;
        }, () -> {
            releasedAfterTheBatch.set(batchEnded.get());
            releases.incrementAndGet();
            throw new DataAccessResourceFailureException("database down");
        });
        worker.start();
        assertThat(inFlight.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        var stopped = CompletableFuture.runAsync(worker::stop);
        assertThat(releases).as("nothing is released while the batch runs").hasValue(0);
        finish.countDown();
        stopped.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(releases).hasValue(1);
        assertThat(releasedAfterTheBatch).isTrue();
    }

    @Test
    void aWorkerCanBeStartedAgainAfterAStop() throws Exception {
        var runs = new AtomicInteger();
        var latches = new CountDownLatch[] {new CountDownLatch(1), new CountDownLatch(1)};
        worker = worker(new Worker.Settings("restarted", HOUR, 10, Duration.ofSeconds(5)), () -> {
            int run = runs.incrementAndGet();
            if (run <= 2) {
                latches[run - 1].countDown();
            }
            return 0;
        });
        worker.start();
        assertThat(latches[0].await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        worker.stop();
        assertThat(runs).hasValue(1);

        worker.start();

        assertThat(latches[1].await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void afterFailedBatchesItBacksOffCountsThemAndRecovers() throws Exception {
        var runs = new AtomicInteger();
        var recovered = new CountDownLatch(1);
        // An idle interval of 1 ms with a cap of 2 ms: the back-offs are short, and the test only waits for the recovery.
        worker = new Workers(meters, Duration.ofMillis(2)).create(new Worker.Settings("flaky", Duration.ofMillis(1), 10, Duration.ofSeconds(5)),
                () -> {
                    int run = runs.incrementAndGet();
                    if (run == 1) {
                        throw new DataAccessResourceFailureException("connection refused");
                    }
                    if (run == 2) {
                        throw new IllegalStateException("a defect");
                    }
                    if (run == 3) {
                        recovered.countDown();
                    }
                    return 0;
                });
        worker.start();

        assertThat(recovered.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        worker.stop();
        assertThat(meters.get("atende.worker.failures").tags("worker", "flaky", "kind", "database-outage").counter().count()).isEqualTo(1);
        assertThat(meters.get("atende.worker.failures").tags("worker", "flaky", "kind", "error").counter().count()).isEqualTo(1);
        assertThat(meters.get("atende.worker.failures.in.a.row").tag("worker", "flaky").gauge().value()).isZero();
    }

    @Test
    void aFailedBatchBacksOffWhateverWakesItGetsUntilStopped() throws Exception {
        var runs = new AtomicInteger();
        var failed = new CountDownLatch(1);
        worker = worker(new Worker.Settings("backing-off", HOUR, 10, Duration.ofSeconds(5)), () -> {
            runs.incrementAndGet();
            failed.countDown();
            throw new DataAccessResourceFailureException("connection refused");
        });
        worker.start();
        assertThat(failed.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 100; i++) {
            worker.wake();
        }
        var gauge = meters.get("atende.worker.failures.in.a.row").tag("worker", "backing-off").gauge();
        // The back-off (half an hour at least) holds however often the worker is woken; only a stop ends it.
        worker.stop();

        assertThat(runs).hasValue(1);
        assertThat(gauge.value()).isEqualTo(1);
    }

    @Test
    void stopInterruptsABatchThatOutlastsTheStopTimeout() throws Exception {
        var inFlight = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var ended = new CountDownLatch(1);
        worker = worker(new Worker.Settings("stuck", HOUR, 10, Duration.ofMillis(10)), () -> {
            inFlight.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                interrupted.set(true);
                throw expected;
            } finally {
                ended.countDown();
            }
            return 0;
        });
        worker.start();
        assertThat(inFlight.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        worker.stop();

        assertThat(ended.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void theBackOffDoublesFromTheIdleIntervalUpToTheCapWithJitterFromTheUpperHalf() {
        var backingOff = new Workers(meters, Duration.ofSeconds(1)).create(
                new Worker.Settings("backoff", Duration.ofMillis(100), 10, Duration.ofSeconds(1)), () -> 0);
        for (int i = 0; i < 200; i++) {
            assertThat(backingOff.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(backingOff.backoff(2).toMillis()).isBetween(100L, 200L);
            assertThat(backingOff.backoff(4).toMillis()).isBetween(400L, 800L);
            assertThat(backingOff.backoff(5).toMillis()).isBetween(500L, 1000L);
            assertThat(backingOff.backoff(70).toMillis()).isBetween(500L, 1000L);
            assertThat(backingOff.backoff(Integer.MAX_VALUE).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new Worker.Settings("", HOUR, 1, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Worker.Settings("w", Duration.ZERO, 1, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Worker.Settings("w", HOUR, 0, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Worker worker(Worker.Settings settings, Worker.Batch batch) {
        return new Workers(meters, HOUR).create(settings, batch);
    }
}
