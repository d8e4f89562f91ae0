package io.atende.platform;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes the node's {@link Worker}s, each with its metrics in the node's registry and the node's
 * back-off cap ({@code atende.worker.max-backoff}).
 */
@Component
public class Workers {

    private final MeterRegistry meters;
    private final Duration maxBackoff;

    @Autowired
    Workers(MeterRegistry meters, @Value("${atende.worker.max-backoff:30s}") Duration maxBackoff) {
        this.meters = meters;
        this.maxBackoff = maxBackoff;
    }

    /** A stopped worker running {@code batch} as {@code settings} say; its owner starts and stops it. */
    public Worker create(Worker.Settings settings, Worker.Batch batch) {
        return new Worker(settings, batch, null, maxBackoff, meters);
    }

    /** The same, for a worker whose batches hold leases: {@code release} gives them back each time it stops. */
    public Worker create(Worker.Settings settings, Worker.Batch batch, Worker.Release release) {
        return new Worker(settings, batch, release, maxBackoff, meters);
    }
}
