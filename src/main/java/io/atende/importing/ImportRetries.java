package io.atende.importing;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a job waits for a source it cannot reach (no connection, a timeout, 5xx, endless 429s): the client first asks
 * again twice within seconds (a blip); then the job is put aside and tried again after a delay that doubles with each
 * failed attempt in a row, up to a ceiling, and fails only after {@code maxAttempts} of them. One answer from the source
 * starts the count over.
 */
@Component
class ImportRetries {

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final Duration quickPause;

    ImportRetries(@Value("${atende.import.retry-delay:30s}") Duration firstDelay,
                  @Value("${atende.import.retry-max-delay:30m}") Duration maxDelay,
                  @Value("${atende.import.retry-attempts:10}") int maxAttempts,
                  @Value("${atende.import.quick-retry-pause:1s}") Duration quickPause) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay.compareTo(firstDelay) < 0 ? firstDelay : maxDelay;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.quickPause = quickPause;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** The pause before the client's first quick retry (the second waits twice as long). */
    Duration quickPause() {
        return quickPause;
    }

    /** Whether a job whose {@code attempt}-th attempt in a row just failed gives up. */
    boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    /** When to try again after the {@code attempt}-th failed attempt in a row (1 for the first). */
    Instant nextAttempt(Instant now, int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        var delay = firstDelay.multipliedBy(factor);
        return now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
