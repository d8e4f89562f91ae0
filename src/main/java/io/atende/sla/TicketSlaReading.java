package io.atende.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A ticket's SLA as read at a moment: the policy its clocks measure by and each of that policy's targets.
 *
 * @param targets in the order first reply, next reply, resolution; only the targets the policy promises
 */
public record TicketSlaReading(String policyId, String policyName, List<Target> targets) {

    /**
     * One target's clock.
     *
     * @param deadline         when it falls due, on a running clock that is not paused
     * @param remainingMinutes business minutes left (negative once past the deadline), on a running clock; {@code null}
     *                         on a stopped or not started one
     * @param breached         whether the budget ran out, before or after the clock stopped
     * @param accomplishedAt   when the target was met
     */
    public record Target(SlaTarget target, Instant deadline, Long remainingMinutes, boolean paused, boolean breached,
                         Instant accomplishedAt) {
    }

    /** The resolution target, if the policy promises one. */
    public Optional<Target> resolution() {
        return targets.stream().filter(target -> target.target() == SlaTarget.RESOLUTION).findFirst();
    }
}
