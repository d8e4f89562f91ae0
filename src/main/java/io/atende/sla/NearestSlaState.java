package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import io.atende.platform.RuleViolationException;
import io.atende.ticket.TicketSlaState;

/** A ticket's nearest SLA state, from its clocks as just computed: what the ticket keeps for lists to filter and sort by. */
final class NearestSlaState {

    private NearestSlaState() {
    }

    /** @param measures the measures the clocks were computed by, by policy id ({@code null} for a deleted policy) */
    static TicketSlaState of(Collection<TargetClock> clocks, Map<String, SlaMeasure> measures, Instant now) {
        Instant deadline = null;
        Instant warningAt = null;
        boolean paused = false;
        for (var clock : clocks) {
            if (!clock.running()) {
                continue;
            }
            paused |= clock.paused();
            Instant due = clock.breachedAt() != null ? clock.breachedAt() : clock.deadline();
            deadline = earliest(deadline, due);
            var measure = measures.get(clock.policyId());
            if (clock.breachedAt() == null && !clock.paused() && clock.deadline() != null && measure != null) {
                warningAt = earliest(warningAt, warningAt(clock, measure, measure.warningPercent(), now));
            }
        }
        return new TicketSlaState(deadline, warningAt, paused);
    }

    /** When the clock reaches the warning share of its budget, counted on its calendar from now; now once it has. */
    private static Instant warningAt(TargetClock clock, SlaMeasure measure, int percent, Instant now) {
        Duration left = clock.budget().multipliedBy(percent).dividedBy(100).minus(clock.elapsed());
        if (left.isNegative() || left.isZero()) {
            return now;
        }
        try {
            return measure.calendar().deadline(now, left);
        } catch (RuleViolationException tooLittleBusinessTime) {
            return null;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
