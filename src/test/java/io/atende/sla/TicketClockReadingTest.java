package io.atende.sla;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored clock read later: a running one keeps counting business time up to the moment it is read. */
class TicketClockReadingTest {

    static final BusinessCalendar OFFICE = SlaClockTest.OFFICE;

    static SlaClockRepository.StoredClock stored(boolean running, boolean paused, Instant deadline, Instant breachedAt,
                                                 Instant accomplishedAt) {
        var clock = new TargetClock(SlaTarget.RESOLUTION, "p", Duration.ofHours(8), Duration.ofHours(3), running, paused, deadline,
                breachedAt, accomplishedAt);
        return new SlaClockRepository.StoredClock("t", clock, "Policy", OFFICE);
    }

    @Test
    void aRunningClockCountsTheBusinessMinutesLeftToItsDeadlineAndBelowZeroPastIt() {
        var running = stored(true, false, SlaClockTest.at("2026-01-06T10:00"), null, null);

        var before = TicketClocks.target(running, SlaClockTest.at("2026-01-05T16:00"));
        assertThat(before.remainingMinutes()).as("16:00-17:00 and 09:00-10:00").isEqualTo(120);
        assertThat(before.breached()).isFalse();
        assertThat(before.deadline()).isEqualTo(SlaClockTest.at("2026-01-06T10:00"));

        assertThat(TicketClocks.target(running, SlaClockTest.at("2026-01-06T10:00")).breached()).as("at the deadline").isFalse();
        var after = TicketClocks.target(running, SlaClockTest.at("2026-01-06T11:00"));
        assertThat(after.remainingMinutes()).isEqualTo(-60);
        assertThat(after.breached()).isTrue();
    }

    @Test
    void aPausedClockKeepsWhatItHadLeftAndAStoppedOneHasNoRemainder() {
        var paused = TicketClocks.target(stored(true, true, null, null, null), SlaClockTest.at("2026-01-09T12:00"));
        assertThat(paused.paused()).isTrue();
        assertThat(paused.deadline()).isNull();
        assertThat(paused.remainingMinutes()).isEqualTo(300);

        var met = TicketClocks.target(stored(false, false, null, null, SlaClockTest.at("2026-01-05T12:00")), SlaClockTest.at("2026-01-09T12:00"));
        assertThat(met.remainingMinutes()).isNull();
        assertThat(met.breached()).isFalse();
        assertThat(met.accomplishedAt()).isEqualTo(SlaClockTest.at("2026-01-05T12:00"));

        var missed = TicketClocks.target(stored(false, false, null, SlaClockTest.at("2026-01-05T17:00"), null), SlaClockTest.at("2026-01-09T12:00"));
        assertThat(missed.breached()).isTrue();
    }
}
