package io.atende.platform;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One background loop of a node that claims work from the database and does it, batch after batch,
 * on a thread of its own: the e-mail and webhook dispatchers, the mailbox reader, the chat streams.
 * Its owner supplies the batch (claim and process what is due, say how much that was) and its
 * settings; the loop decides when the next batch runs:
 * <ul>
 * <li>at once when the last one was full, since more is probably waiting;</li>
 * <li>otherwise after the idle interval, or sooner when {@link #wake()} is called (after a local
 * commit queued work);</li>
 * <li>after a failed batch (the database is down, say), after a back-off that doubles from the idle
 * interval up to a cap, with jitter so that the nodes do not all return at once; wakes do not shorten
 * it, or a busy node would hammer a database that is down.</li>
 * </ul>
 * {@link #stop()} lets the batch in flight finish (batches look at {@link #stopping()} between items
 * and leave the rest to their leases) and starts none after it; a worker whose batches hold a lease
 * (one node at a time sweeping, say) gives it back then through its {@link Release}, so that another
 * node takes over at once rather than when the lease runs out. Its owner is a Spring
 * {@code SmartLifecycle} ({@link Owner}) that starts and stops it with whatever its batches use. Made
 * by {@link Workers}, which counts runs, items, failures and batch time per worker.
 */
public final class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /**
     * What one worker is and how often it runs.
     *
     * @param name         names its thread, its log lines and its metrics' {@code worker} tag
     * @param idleInterval how long the worker waits after a batch that was not full, unless woken
     * @param batchSize    a batch that did this much (or more) is full: the next one runs at once
     * @param stopTimeout  how long {@link #stop()} waits for the batch in flight before interrupting it
     */
    public record Settings(String name, Duration idleInterval, int batchSize, Duration stopTimeout) {

        public Settings {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a worker needs a name");
            }
            if (idleInterval == null || idleInterval.isNegative() || idleInterval.isZero()) {
                throw new IllegalArgumentException("worker " + name + " needs a positive idle interval");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("worker " + name + " needs a batch size of at least 1");
            }
            if (stopTimeout == null || stopTimeout.isNegative()) {
                throw new IllegalArgumentException("worker " + name + " needs a stop timeout");
            }
        }
    }

    /** Claims and processes one batch of due work. */
    @FunctionalInterface
    public interface Batch {

        /** @return how many items the batch took; 0 when nothing was due */
        int run() throws InterruptedException;
    }

    /** Gives back the leases a worker's batches hold, once it stopped. */
    @FunctionalInterface
    public interface Release {

        void run();
    }

    /**
     * A component whose background work is its {@link #worker()}: the worker starts and stops with the
     * application, its leases released as it stops. An owner that starts it only when configured
     * overrides {@link #start()}.
     */
    public interface Owner extends SmartLifecycle {

        Worker worker();

        @Override
        default void start() {
            worker().start();
        }

        @Override
        default void stop() {
            worker().stop();
        }

        @Override
        default boolean isRunning() {
            return worker().isRunning();
        }
    }

    private final Settings settings;
    private final Batch batch;
    private final Release release;
    private final Duration maxBackoff;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final Timer batches;
    private final Counter runs;
    private final Counter items;
    private final Counter outages;
    private final Counter errors;
    private final Object lifecycle = new Object();
    private volatile Run current;

    Worker(Settings settings, Batch batch, Release release, Duration maxBackoff, MeterRegistry meters) {
        this.settings = settings;
        this.batch = batch;
        this.release = release;
        this.maxBackoff = maxBackoff.compareTo(settings.idleInterval()) < 0 ? settings.idleInterval() : maxBackoff;
        String name = settings.name();
        this.batches = Timer.builder("atende.worker.batch.duration").tag("worker", name)
                .description("Time one batch of a background worker took, failed ones included").register(meters);
        this.runs = Counter.builder("atende.worker.runs").tag("worker", name)
                .description("Batches a background worker ran, empty and failed ones included").register(meters);
        this.items = Counter.builder("atende.worker.items").tag("worker", name)
                .description("Items a background worker's batches took").register(meters);
        this.outages = failures(meters, name, "database-outage");
        this.errors = failures(meters, name, "error");
        Gauge.builder("atende.worker.failures.in.a.row", failuresInARow, AtomicInteger::get).tag("worker", name)
                .description("Failed batches since a background worker's last good one; above 0 it is backing off").register(meters);
    }

    public String name() {
        return settings.name();
    }

    /** Starts the loop on a daemon thread; does nothing when it already runs. */
    public void start() {
        synchronized (lifecycle) {
            if (current != null) {
                return;
            }
            wakeups.drainPermits();
            var run = new Run();
            run.thread = new Thread(() -> loop(run), settings.name());
            run.thread.setDaemon(true);
            current = run;
            run.thread.start();
        }
    }

    /**
     * Asks the loop to stop and waits for the batch in flight (up to the stop timeout, then interrupts
     * it), then releases the worker's leases. No batch starts after this returns.
     */
    public void stop() {
        if (!stopLoop() || release == null) {
            return;
        }
        try {
            release.run();
        } catch (RuntimeException unreachable) {
            // The leases expire by themselves; another node takes over then.
            log.debug("Worker {} could not release its leases", settings.name(), unreachable);
        }
    }

    /** @return false when a batch stopped its own worker: it is still in flight and holds its leases */
    private boolean stopLoop() {
        Run run;
        synchronized (lifecycle) {
            run = current;
            if (run == null) {
                return true;
            }
            current = null;
            run.stopRequested = true;
            run.stopSignal.countDown();
            wakeups.release();
        }
        if (Thread.currentThread() == run.thread) {
            return false;  // a batch stopping its own worker: the loop ends when the batch returns
        }
        try {
            run.thread.join(Math.max(1, settings.stopTimeout().toMillis()));
            if (run.thread.isAlive()) {
                log.warn("Worker {} did not finish its batch within {}; interrupting it", settings.name(), settings.stopTimeout());
                run.thread.interrupt();
            }
        } catch (InterruptedException interrupted) {
            run.thread.interrupt();
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Runs the next batch now rather than after the idle interval (not during a back-off). */
    public void wake() {
        wakeups.release();
    }

    public boolean isRunning() {
        return current != null;
    }

    /** True once a stop was asked (or before a start): a batch leaves the rest of its items to their leases. */
    public boolean stopping() {
        Run run = current;
        return run == null || run.stopRequested;
    }

    private void loop(Run run) {
        while (!run.stopRequested) {
            wakeups.drainPermits();
            long started = System.nanoTime();
            try {
                int done = batch.run();
                record(started);
                items.increment(done);
                int failed = failuresInARow.getAndSet(0);
                if (failed > 0) {
                    log.info("Worker {} works again (failed batches before: {})", settings.name(), failed);
                }
                if (done < settings.batchSize()) {
                    wakeups.tryAcquire(settings.idleInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                record(started);
                int failed = failuresInARow.incrementAndGet();
                Duration delay = backoff(failed);
                if (DatabaseOutages.isOutage(failure)) {
                    outages.increment();
                    log.warn("Worker {} cannot reach the database (failed batches in a row: {}); next try in {} ms: {}",
                            settings.name(), failed, delay.toMillis(), failure.toString());
                } else {
                    errors.increment();
                    log.warn("Worker {} failed (failed batches in a row: {}); next try in {} ms", settings.name(), failed, delay.toMillis(), failure);
                }
                try {
                    run.stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void record(long startedNanos) {
        batches.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        runs.increment();
    }

    /**
     * The wait after the {@code failuresInARow}-th failed batch: the idle interval doubled for each
     * failure before it, capped, drawn from the upper half so that nodes spread apart.
     */
    Duration backoff(int failuresInARow) {
        long interval = settings.idleInterval().toMillis();
        long cap = maxBackoff.toMillis();
        int doublings = Math.max(0, failuresInARow - 1);
        long full = doublings >= 62 || interval > (cap >> doublings) ? cap : interval << doublings;
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }

    private static Counter failures(MeterRegistry meters, String name, String kind) {
        return Counter.builder("atende.worker.failures").tag("worker", name).tag("kind", kind)
                .description("Failed batches of a background worker: the database unreachable, or another error").register(meters);
    }

    /** One start-to-stop of the loop; a restarted worker gets a new one, so a late stop signal cannot reach it. */
    private static final class Run {
        final CountDownLatch stopSignal = new CountDownLatch(1);
        volatile boolean stopRequested;
        Thread thread;
    }
}
