package io.atende.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.atende.sla.BusinessCalendar;
import io.atende.sla.BusinessHours;
import io.atende.sla.Holidays;
import io.atende.sla.SlaPause;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reports.md, Ticket figures: a duration counts only the business hours of the ticket's SLA calendar, where one
 * applies, and leaves out the time its clocks were paused.
 */
class TicketFactsDurationTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final BusinessCalendar OFFICE = new BusinessCalendar(SAO_PAULO, BusinessHours.parse("mon-fri 08:00-18:00"),
            Holidays.parse("2026-03-04"));

    static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(SAO_PAULO).toInstant();
    }

    @Test
    void withoutACalendarEveryMinuteCountsButThePauses() {
        var start = local("2026-03-02T17:00");
        var end = local("2026-03-03T09:00");
        assertThat(TicketFacts.duration(start, end, null, List.of())).isEqualTo(Duration.ofHours(16));
        var pauses = List.of(new SlaPause(local("2026-03-02T16:00"), local("2026-03-02T18:00")),
                new SlaPause(local("2026-03-03T08:30"), null));
        assertThat(TicketFacts.duration(start, end, null, pauses)).as("an hour in each pause, cut at the ends")
                .isEqualTo(Duration.ofHours(14).plusMinutes(30));
    }

    @Test
    void onACalendarOnlyBusinessHoursCountOvernightWeekendsAndHolidaysDoNot() {
        // Monday 17:00 to Tuesday 09:00: one hour on Monday, one on Tuesday.
        assertThat(TicketFacts.duration(local("2026-03-02T17:00"), local("2026-03-03T09:00"), OFFICE, List.of()))
                .isEqualTo(Duration.ofHours(2));
        // Tuesday 17:00 to Thursday 09:00 across the Wednesday holiday: two hours.
        assertThat(TicketFacts.duration(local("2026-03-03T17:00"), local("2026-03-05T09:00"), OFFICE, List.of()))
                .isEqualTo(Duration.ofHours(2));
        // Friday 17:00 to Monday 09:00: two hours; a pause over the weekend takes nothing more.
        var pauses = List.of(new SlaPause(local("2026-03-06T17:30"), local("2026-03-09T08:00")));
        assertThat(TicketFacts.duration(local("2026-03-06T17:00"), local("2026-03-09T09:00"), OFFICE, pauses))
                .as("only the paused half hour of Friday's business time").isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void anEndBeforeTheStartIsNoTime() {
        assertThat(TicketFacts.duration(local("2026-03-03T10:00"), local("2026-03-03T09:00"), OFFICE, List.of()))
                .isEqualTo(Duration.ZERO);
    }
}
