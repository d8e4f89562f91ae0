package io.atende.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting in tests for what the application's background workers do after a request returns. */
public final class Await {

    /** Long enough for a loaded machine; a test that passes never waits this long. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Await() {
    }

    /** Waits until {@code done} holds; fails the test, naming {@code what}, when it does not in time. */
    public static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    /**
     * Waits until the node's worker (its {@code Worker.Settings} name) has begun and ended {@code count} more passes
     * than when called; two or more, so that one began after this call.
     */
    public static void awaitPasses(MeterRegistry meters, String worker, int count) {
        var runs = meters.get("atende.worker.runs").tag("worker", worker).counter();
        double from = runs.count();
        await(count + " " + worker + " passes", () -> runs.count() >= from + count);
    }
}
