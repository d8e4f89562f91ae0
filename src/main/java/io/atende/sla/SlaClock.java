package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.atende.platform.RuleViolationException;

/**
 * A ticket's SLA clocks, computed from its recorded transitions alone, so the same transitions always give the same
 * clocks and each one can be explained by them.
 *
 * <ul>
 *   <li>first reply: starts when the ticket opens, stops at the first operator reply (or the finish);</li>
 *   <li>next reply: starts at each customer reply after the first operator reply, stops at the next operator reply;</li>
 *   <li>resolution: starts when the ticket opens, stops at the finish, runs again on a reopen keeping its count.</li>
 * </ul>
 * A running clock counts the business time of the policy in force while the ticket is not paused. A change of
 * policy keeps each clock's count and measures it against the new policy's targets and calendar from then on. A
 * clock met or stopped before its budget ran out is accomplished (a cancellation stops it without a verdict); one
 * whose budget ran out is breached at the instant it did, whatever happens later.
 */
public final class SlaClock {

    private SlaClock() {
    }

    /** The clocks under one policy throughout: every transition's policy is taken to be this one. */
    public static Map<SlaTarget, TargetClock> compute(BusinessCalendar calendar, SlaTargets targets,
                                                      List<SlaTransition> transitions, Instant now) {
        var measure = new SlaMeasure("policy", calendar, targets, DefinePolicy.DEFAULT_WARNING_PERCENT);
        return compute(policyId -> measure, transitions, now);
    }

    /**
     * The clocks at {@code now} of a ticket with these transitions (in the order they happened, none after
     * {@code now}); {@code measures} answers the policy a transition names, {@code null} for one that no longer
     * exists. Only the targets the policy in force promises are answered; none without a policy.
     */
    public static Map<SlaTarget, TargetClock> compute(Function<String, SlaMeasure> measures, List<SlaTransition> transitions,
                                                      Instant now) {
        var state = new State();
        Instant previous = null;
        for (var transition : transitions) {
            Instant at = transition.occurredAt();
            if (previous != null) {
                state.advance(previous, at);
            }
            state.apply(transition, measures);
            previous = at;
        }
        if (previous != null && now.isAfter(previous)) {
            state.advance(previous, now);
        }
        return state.clocks(now);
    }

    private static final class Counter {
        boolean running;
        Duration elapsed = Duration.ZERO;
        Instant breachedAt;
        Instant accomplishedAt;

        void start() {
            running = true;
            elapsed = Duration.ZERO;
            breachedAt = null;
            accomplishedAt = null;
        }

        void stop(Instant at, boolean verdict) {
            if (!running) {
                return;
            }
            running = false;
            if (verdict && breachedAt == null) {
                accomplishedAt = at;
            }
        }
    }

    private static final class State {
        final Map<SlaTarget, Counter> counters = new EnumMap<>(SlaTarget.class);
        SlaMeasure measure;
        boolean paused;
        boolean firstReplied;

        State() {
            for (var target : SlaTarget.values()) {
                counters.put(target, new Counter());
            }
        }

        Counter counter(SlaTarget target) {
            return counters.get(target);
        }

        /** Counts the business time between two transitions on every running clock, noting a budget that runs out. */
        void advance(Instant from, Instant to) {
            if (measure == null || paused || !to.isAfter(from)) {
                return;
            }
            Duration span = null;
            for (var entry : counters.entrySet()) {
                var counter = entry.getValue();
                if (!counter.running) {
                    continue;
                }
                if (span == null) {
                    span = measure.calendar().businessTimeBetween(from, to);
                }
                Duration budget = entry.getKey().of(measure.targets());
                Duration after = counter.elapsed.plus(span);
                if (budget != null && counter.breachedAt == null && after.compareTo(budget) > 0) {
                    counter.breachedAt = measure.calendar().deadline(from, budget.minus(counter.elapsed));
                }
                counter.elapsed = after;
            }
        }

        void apply(SlaTransition transition, Function<String, SlaMeasure> measures) {
            Instant at = transition.occurredAt();
            switch (transition.kind()) {
                case OPENED -> {
                    measure = measureOf(transition.policyId(), measures);
                    counter(SlaTarget.FIRST_REPLY).start();
                    counter(SlaTarget.RESOLUTION).start();
                }
                case POLICY_APPLIED -> {
                    measure = measureOf(transition.policyId(), measures);
                    breachOverBudget(at);
                }
                case OPERATOR_REPLIED -> {
                    firstReplied = true;
                    counter(SlaTarget.FIRST_REPLY).stop(at, true);
                    counter(SlaTarget.NEXT_REPLY).stop(at, true);
                }
                case CUSTOMER_REPLIED -> {
                    var next = counter(SlaTarget.NEXT_REPLY);
                    if (firstReplied && !next.running) {
                        next.start();
                    }
                }
                case PAUSED -> paused = true;
                case RESUMED -> paused = false;
                case FINISHED -> {
                    firstReplied = true;
                    counters.values().forEach(counter -> counter.stop(at, true));
                }
                case CANCELLED -> counters.values().forEach(counter -> counter.stop(at, false));
                case REOPENED -> {
                    var resolution = counter(SlaTarget.RESOLUTION);
                    resolution.running = true;
                    resolution.accomplishedAt = null;
                }
            }
        }

        /** A new policy with a smaller budget than a running clock has already counted: breached at the change. */
        private void breachOverBudget(Instant at) {
            if (measure == null) {
                return;
            }
            counters.forEach((target, counter) -> {
                Duration budget = target.of(measure.targets());
                if (counter.running && budget != null && counter.breachedAt == null && counter.elapsed.compareTo(budget) > 0) {
                    counter.breachedAt = at;
                }
            });
        }

        Map<SlaTarget, TargetClock> clocks(Instant now) {
            Map<SlaTarget, TargetClock> clocks = new EnumMap<>(SlaTarget.class);
            if (measure == null) {
                return clocks;
            }
            counters.forEach((target, counter) -> {
                Duration budget = target.of(measure.targets());
                if (budget == null) {
                    return;
                }
                boolean pausedNow = counter.running && paused;
                Instant deadline = null;
                if (counter.running && !paused) {
                    deadline = counter.breachedAt != null ? counter.breachedAt : deadline(now, budget.minus(counter.elapsed));
                }
                clocks.put(target, new TargetClock(target, measure.policyId(), budget, counter.elapsed, counter.running, pausedNow,
                        deadline, counter.breachedAt, counter.accomplishedAt));
            });
            return clocks;
        }

        private Instant deadline(Instant now, Duration left) {
            if (left.isNegative()) {
                return now;
            }
            try {
                return measure.calendar().deadline(now, left);
            } catch (RuleViolationException tooLittleBusinessTime) {
                return null;
            }
        }

        private static SlaMeasure measureOf(String policyId, Function<String, SlaMeasure> measures) {
            return policyId == null ? null : measures.apply(policyId);
        }
    }
}
