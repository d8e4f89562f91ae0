package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.atende.sla.SlaTransition.Kind.CANCELLED;
import static io.atende.sla.SlaTransition.Kind.CUSTOMER_REPLIED;
import static io.atende.sla.SlaTransition.Kind.FINISHED;
import static io.atende.sla.SlaTransition.Kind.OPENED;
import static io.atende.sla.SlaTransition.Kind.OPERATOR_REPLIED;
import static io.atende.sla.SlaTransition.Kind.PAUSED;
import static io.atende.sla.SlaTransition.Kind.POLICY_APPLIED;
import static io.atende.sla.SlaTransition.Kind.REOPENED;
import static io.atende.sla.SlaTransition.Kind.RESUMED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clocks as a pure function of a ticket's transitions, on a calendar open Monday to Friday 09:00-17:00 UTC
 * (5 January 2026 is a Monday), with 2 business hours to the first reply, 1 to each next reply and 8 to resolution.
 */
class SlaClockTest {

    static final BusinessCalendar OFFICE = new BusinessCalendar(ZoneOffset.UTC, BusinessHours.parse("mon-fri 09:00-17:00"),
            Holidays.NONE);
    static final SlaTargets TARGETS = new SlaTargets(Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(8));

    final List<SlaTransition> transitions = new ArrayList<>();

    static Instant at(String localDateTime) {
        return Instant.parse(localDateTime + ":00Z");
    }

    SlaClockTest on(String when, SlaTransition.Kind kind) {
        transitions.add(new SlaTransition(at(when), kind, kind == OPENED ? "policy" : null));
        return this;
    }

    Map<SlaTarget, TargetClock> clocksAt(String now) {
        return SlaClock.compute(OFFICE, TARGETS, transitions, at(now));
    }

    @Test
    void anOpenTicketCountsOnlyBusinessTimeTowardsItsFirstReplyAndResolution() {
        on("2026-01-05T16:00", OPENED);

        var clocks = clocksAt("2026-01-06T09:30");

        var first = clocks.get(SlaTarget.FIRST_REPLY);
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(90));
        assertThat(first.running()).isTrue();
        assertThat(first.paused()).isFalse();
        assertThat(first.deadline()).isEqualTo(at("2026-01-06T10:00"));
        assertThat(first.breachedAt()).isNull();
        assertThat(clocks.get(SlaTarget.RESOLUTION).deadline()).isEqualTo(at("2026-01-06T16:00"));
        assertThat(clocks.get(SlaTarget.NEXT_REPLY).notStarted()).isTrue();
        assertThat(clocks.get(SlaTarget.NEXT_REPLY).deadline()).isNull();
    }

    @Test
    void aBudgetRunsOutAtTheInstantItsBusinessTimeIsSpentNotAtTheMomentItIsComputed() {
        on("2026-01-05T16:00", OPENED);

        assertThat(clocksAt("2026-01-06T10:00").get(SlaTarget.FIRST_REPLY).breachedAt()).as("exactly at the deadline").isNull();
        var late = clocksAt("2026-01-07T12:00").get(SlaTarget.FIRST_REPLY);
        assertThat(late.breachedAt()).isEqualTo(at("2026-01-06T10:00"));
        assertThat(late.deadline()).isEqualTo(at("2026-01-06T10:00"));
        assertThat(late.running()).isTrue();
    }

    @Test
    void theFirstOperatorReplyMeetsTheFirstReplyTargetAndAReplyAfterTheDeadlineDoesNot() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T10:59", OPERATOR_REPLIED);

        var met = clocksAt("2026-01-08T12:00").get(SlaTarget.FIRST_REPLY);
        assertThat(met.running()).isFalse();
        assertThat(met.accomplishedAt()).isEqualTo(at("2026-01-05T10:59"));
        assertThat(met.breachedAt()).isNull();
        assertThat(met.deadline()).isNull();

        transitions.clear();
        on("2026-01-05T09:00", OPENED).on("2026-01-05T11:30", OPERATOR_REPLIED);
        var missed = clocksAt("2026-01-05T12:00").get(SlaTarget.FIRST_REPLY);
        assertThat(missed.breachedAt()).isEqualTo(at("2026-01-05T11:00"));
        assertThat(missed.accomplishedAt()).isNull();
        assertThat(missed.running()).isFalse();
    }

    @Test
    void waitingForTheCustomerPausesTheClocksAndTheirReplyResumesThemAndStartsANextReplyClock() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T10:00", OPERATOR_REPLIED).on("2026-01-05T10:00", PAUSED);

        var waiting = clocksAt("2026-01-07T15:00").get(SlaTarget.RESOLUTION);
        assertThat(waiting.paused()).isTrue();
        assertThat(waiting.running()).isTrue();
        assertThat(waiting.deadline()).isNull();
        assertThat(waiting.elapsed()).isEqualTo(Duration.ofHours(1));

        on("2026-01-08T09:00", CUSTOMER_REPLIED).on("2026-01-08T09:00", RESUMED);
        var clocks = clocksAt("2026-01-08T09:30");
        assertThat(clocks.get(SlaTarget.RESOLUTION).elapsed()).isEqualTo(Duration.ofMinutes(90));
        assertThat(clocks.get(SlaTarget.RESOLUTION).deadline()).isEqualTo(at("2026-01-08T16:00"));
        var next = clocks.get(SlaTarget.NEXT_REPLY);
        assertThat(next.running()).isTrue();
        assertThat(next.deadline()).isEqualTo(at("2026-01-08T10:00"));

        on("2026-01-08T09:45", OPERATOR_REPLIED);
        var answered = clocksAt("2026-01-08T12:00").get(SlaTarget.NEXT_REPLY);
        assertThat(answered.accomplishedAt()).isEqualTo(at("2026-01-08T09:45"));
        assertThat(answered.running()).isFalse();
    }

    @Test
    void aPausingStatusStopsTheClocksEvenOutsideWaitingAndAPausedBreachStaysBreached() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T12:00", PAUSED);

        var paused = clocksAt("2026-01-06T12:00");
        var first = paused.get(SlaTarget.FIRST_REPLY);
        assertThat(first.breachedAt()).isEqualTo(at("2026-01-05T11:00"));
        assertThat(first.paused()).isTrue();
        assertThat(first.elapsed()).isEqualTo(Duration.ofHours(3));
        assertThat(paused.get(SlaTarget.RESOLUTION).elapsed()).isEqualTo(Duration.ofHours(3));

        on("2026-01-06T12:00", RESUMED);
        var resumed = clocksAt("2026-01-06T13:00").get(SlaTarget.RESOLUTION);
        assertThat(resumed.elapsed()).isEqualTo(Duration.ofHours(4));
        assertThat(resumed.deadline()).isEqualTo(at("2026-01-06T17:00"));
    }

    @Test
    void aCustomerReplyBeforeTheFirstOperatorReplyStartsNoNextReplyClock() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T09:30", CUSTOMER_REPLIED);

        assertThat(clocksAt("2026-01-05T10:00").get(SlaTarget.NEXT_REPLY).notStarted()).isTrue();
    }

    @Test
    void finishingDecidesTheRunningClocksAndReopeningRunsResolutionAgainFromItsCount() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T10:00", OPERATOR_REPLIED).on("2026-01-05T13:00", FINISHED);

        var finished = clocksAt("2026-01-06T09:00").get(SlaTarget.RESOLUTION);
        assertThat(finished.running()).isFalse();
        assertThat(finished.accomplishedAt()).isEqualTo(at("2026-01-05T13:00"));
        assertThat(finished.elapsed()).isEqualTo(Duration.ofHours(4));

        on("2026-01-06T09:00", REOPENED);
        var reopened = clocksAt("2026-01-06T10:00").get(SlaTarget.RESOLUTION);
        assertThat(reopened.running()).isTrue();
        assertThat(reopened.accomplishedAt()).isNull();
        assertThat(reopened.elapsed()).isEqualTo(Duration.ofHours(5));
        assertThat(reopened.deadline()).isEqualTo(at("2026-01-06T13:00"));
        assertThat(clocksAt("2026-01-06T14:00").get(SlaTarget.RESOLUTION).breachedAt()).isEqualTo(at("2026-01-06T13:00"));
        assertThat(clocksAt("2026-01-06T14:00").get(SlaTarget.FIRST_REPLY).accomplishedAt()).isEqualTo(at("2026-01-05T10:00"));
    }

    @Test
    void aCancellationStopsTheClocksWithoutAVerdict() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T10:00", CANCELLED);

        var first = clocksAt("2026-01-07T09:00").get(SlaTarget.FIRST_REPLY);
        assertThat(first.running()).isFalse();
        assertThat(first.accomplishedAt()).isNull();
        assertThat(first.breachedAt()).isNull();
        assertThat(first.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anotherPolicyKeepsTheElapsedBusinessTimeAndMeasuresItOnItsOwnTargetsAndCalendarFromThen() {
        var office = new SlaMeasure("office", OFFICE, TARGETS, 80);
        var urgent = new SlaMeasure("urgent", BusinessCalendar.twentyFourSeven(),
                new SlaTargets(Duration.ofHours(1), null, Duration.ofHours(4)), 80);
        transitions.add(new SlaTransition(at("2026-01-05T15:00"), OPENED, "office"));
        transitions.add(new SlaTransition(at("2026-01-05T17:30"), POLICY_APPLIED, "urgent"));

        var clocks = SlaClock.compute(id -> id.equals("office") ? office : urgent, transitions, at("2026-01-05T18:00"));

        assertThat(clocks).doesNotContainKey(SlaTarget.NEXT_REPLY);
        var resolution = clocks.get(SlaTarget.RESOLUTION);
        assertThat(resolution.policyId()).isEqualTo("urgent");
        assertThat(resolution.elapsed()).as("2 office hours, then 30 minutes round the clock").isEqualTo(Duration.ofMinutes(150));
        assertThat(resolution.deadline()).isEqualTo(at("2026-01-05T19:30"));
        var first = clocks.get(SlaTarget.FIRST_REPLY);
        assertThat(first.breachedAt()).as("2 hours counted already exceed the new 1-hour budget").isEqualTo(at("2026-01-05T17:30"));
    }

    @Test
    void withoutAPolicyNothingIsMeasuredAndAPolicyThatAppliesLaterCountsFromThen() {
        transitions.add(new SlaTransition(at("2026-01-05T09:00"), OPENED, null));
        assertThat(SlaClock.compute(OFFICE, TARGETS, List.of(new SlaTransition(at("2026-01-05T09:00"), OPENED, null)),
                at("2026-01-05T12:00"))).isEmpty();

        transitions.add(new SlaTransition(at("2026-01-05T12:00"), POLICY_APPLIED, "office"));
        var clocks = SlaClock.compute(OFFICE, TARGETS, transitions, at("2026-01-05T13:00"));
        assertThat(clocks.get(SlaTarget.FIRST_REPLY).elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(clocks.get(SlaTarget.FIRST_REPLY).deadline()).isEqualTo(at("2026-01-05T14:00"));
    }

    @Test
    void theSameTransitionsAlwaysGiveTheSameClocksWhateverTheyAreRecomputedFrom() {
        on("2026-01-05T09:00", OPENED).on("2026-01-05T10:00", OPERATOR_REPLIED).on("2026-01-05T10:00", PAUSED)
                .on("2026-01-06T11:00", CUSTOMER_REPLIED).on("2026-01-06T11:00", RESUMED);

        var once = clocksAt("2026-01-06T12:00");
        var again = SlaClock.compute(OFFICE, TARGETS, List.copyOf(transitions), at("2026-01-06T12:00"));

        assertThat(again).isEqualTo(once);
        assertThat(once.get(SlaTarget.NEXT_REPLY).elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(once.get(SlaTarget.NEXT_REPLY).deadline()).isEqualTo(at("2026-01-06T12:00"));
        assertThat(once.get(SlaTarget.RESOLUTION).elapsed()).isEqualTo(Duration.ofHours(2));
    }
}
