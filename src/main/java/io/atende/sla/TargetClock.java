package io.atende.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One target's clock on a ticket at a moment.
 *
 * @param budget         the business time the policy promises
 * @param elapsed        the business time counted so far (in the current cycle, for the next reply)
 * @param running        whether the clock counts: started and not yet stopped by a reply, a finish or a cancellation
 * @param paused         whether a running clock is stopped for now (waiting for the customer, or a pausing status)
 * @param deadline       when the target falls due, on a running clock that is not paused; {@code null} otherwise
 * @param breachedAt     when the budget ran out, if it did
 * @param accomplishedAt when the target was met, if it was
 */
public record TargetClock(SlaTarget target, String policyId, Duration budget, Duration elapsed, boolean running, boolean paused,
                          Instant deadline, Instant breachedAt, Instant accomplishedAt) {

    /** Whether the clock has never started (a next reply before the customer wrote again). */
    public boolean notStarted() {
        return !running && breachedAt == null && accomplishedAt == null && elapsed.isZero();
    }
}
