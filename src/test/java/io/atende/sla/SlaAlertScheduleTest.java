package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/sla.md, Alerts: when a target's warning falls due, reckoned on its policy's calendar from the ticket's last change. */
class SlaAlertScheduleTest {

    static final BusinessCalendar OFFICE = new BusinessCalendar(ZoneOffset.UTC, BusinessHours.parse("mon-fri 09:00-17:00"),
            Holidays.parse(""));
    static final SlaMeasure MEASURE = new SlaMeasure("policy", OFFICE, new SlaTargets(null, null, Duration.ofHours(10)), 80);
    /** Friday 16:00. */
    static final Instant NOW = Instant.parse("2026-03-06T16:00:00Z");

    static TargetClock clock(int elapsedMinutes, boolean running, boolean paused, Instant breachedAt, Instant accomplishedAt) {
        return new TargetClock(SlaTarget.RESOLUTION, "policy", Duration.ofHours(10), Duration.ofMinutes(elapsedMinutes), running,
                paused, null, breachedAt, accomplishedAt);
    }

    @Test
    void aRunningClockWarnsWhenItsShareIsCountedOnTheCalendarAcrossTheWeekend() {
        // 80% of 10 h is 8 h; 2 h are counted, so 6 business hours remain: Friday 16-17, Monday 09-14.
        assertThat(SlaAlertSchedule.warningAt(clock(120, true, false, null, null), 80, MEASURE, NOW))
                .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    }

    @Test
    void aClockPastItsShareWarnsAtOnceEvenPausedButAPausedOneShortOfItNever() {
        assertThat(SlaAlertSchedule.warningAt(clock(480, true, false, null, null), 80, MEASURE, NOW)).isEqualTo(NOW);
        assertThat(SlaAlertSchedule.warningAt(clock(500, true, true, null, null), 80, MEASURE, NOW)).isEqualTo(NOW);
        assertThat(SlaAlertSchedule.warningAt(clock(100, true, true, null, null), 80, MEASURE, NOW)).isNull();
    }

    @Test
    void aMetStoppedOrBreachedClockHasNoWarningToCome() {
        assertThat(SlaAlertSchedule.warningAt(clock(100, false, false, null, NOW), 80, MEASURE, NOW)).isNull();
        assertThat(SlaAlertSchedule.warningAt(clock(100, false, false, null, null), 80, MEASURE, NOW)).isNull();
        assertThat(SlaAlertSchedule.warningAt(clock(700, true, false, NOW.minusSeconds(60), null), 80, MEASURE, NOW)).isNull();
    }

    @Test
    void theEarliestOfTwoMomentsIgnoresTheAbsentOne() {
        assertThat(SlaAlertSchedule.earliest(null, NOW)).isEqualTo(NOW);
        assertThat(SlaAlertSchedule.earliest(NOW, null)).isEqualTo(NOW);
        assertThat(SlaAlertSchedule.earliest(NOW, NOW.minusSeconds(1))).isEqualTo(NOW.minusSeconds(1));
        assertThat(SlaAlertSchedule.earliest(null, null)).isNull();
    }
}
