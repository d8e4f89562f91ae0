package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.atende.platform.InvalidInputException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of business-time arithmetic on generated calendars: zones with and without daylight saving (including half-hour
 * and midnight changes), ranges past midnight, several ranges a day and holidays; starts anywhere from 2015 to 2035.
 */
class BusinessTimeProperties {

    private static final List<String> ZONES = List.of("America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe",
            "Asia/Kathmandu", "Europe/London", "UTC");
    private static final List<String> DAY_HOURS = List.of("", "", "09:00-17:00", "08:00-12:00, 13:00-18:00", "23:00-02:00",
            "00:00-24:00", "01:30-03:30", "22:00-06:00", "00:15-00:45, 02:00-02:30");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<String> hours = Arbitraries.of(DAY_HOURS).list().ofSize(7).map(perDay -> {
            StringBuilder text = new StringBuilder();
            for (int day = 0; day < 7; day++) {
                if (!perDay.get(day).isEmpty()) {
                    text.append(DAYS.get(day)).append(' ').append(perDay.get(day)).append("; ");
                }
            }
            return text.toString();
        }).filter(BusinessTimeProperties::readable);
        Arbitrary<String> holidays = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 365 * 20).map(day -> java.time.LocalDate.of(2015, 1, 1).plusDays(day).toString()),
                Arbitraries.integers().between(0, 365).map(day -> "--" + java.time.LocalDate.of(2024, 1, 1).plusDays(day).toString().substring(5)))
                .list().ofMaxSize(12).map(list -> String.join(",", list));
        return Combinators.combine(Arbitraries.of(ZONES), hours, holidays)
                .as((zone, weekly, closed) -> new BusinessCalendar(ZoneId.of(zone), BusinessHours.parse(weekly), Holidays.parse(closed)));
    }

    @Provide
    Arbitrary<Instant> starts() {
        return Arbitraries.longs().between(Instant.parse("2015-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2035-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Duration> spans() {
        return Arbitraries.integers().between(0, 60 * 24 * 30).map(Duration::ofMinutes);
    }

    @Property(tries = 300)
    void aSpanSplitInTwoEndsWhereTheWholeDoes(@ForAll("calendars") BusinessCalendar calendar, @ForAll("starts") Instant start,
                                               @ForAll("spans") Duration a, @ForAll("spans") Duration b) {
        assertThat(calendar.deadline(calendar.deadline(start, a), b)).isEqualTo(calendar.deadline(start, a.plus(b)));
    }

    @Property(tries = 300)
    void theBusinessTimeUpToADeadlineIsTheSpan(@ForAll("calendars") BusinessCalendar calendar, @ForAll("starts") Instant start,
                                                @ForAll("spans") Duration span) {
        Instant deadline = calendar.deadline(start, span);

        assertThat(calendar.businessTimeBetween(start, deadline)).isEqualTo(span);
        assertThat(deadline).isAfterOrEqualTo(start.plus(span));
        if (!span.isZero()) {
            // Earliest: a second less falls short.
            assertThat(calendar.businessTimeBetween(start, deadline.minusSeconds(1))).isLessThan(span);
        }
    }

    @Property(tries = 300)
    void businessTimeAddsUpOverConsecutiveStretches(@ForAll("calendars") BusinessCalendar calendar, @ForAll("starts") Instant from,
                                                     @ForAll("spans") Duration first, @ForAll("spans") Duration second) {
        Instant middle = from.plus(first);
        Instant to = middle.plus(second);

        assertThat(calendar.businessTimeBetween(from, middle).plus(calendar.businessTimeBetween(middle, to)))
                .isEqualTo(calendar.businessTimeBetween(from, to));
        assertThat(calendar.businessTimeBetween(from, to)).isLessThanOrEqualTo(first.plus(second));
    }

    @Property(tries = 200)
    void twentyFourSevenIsElapsedTime(@ForAll("starts") Instant start, @ForAll("spans") Duration span) {
        var always = BusinessCalendar.twentyFourSeven();

        assertThat(always.deadline(start, span)).isEqualTo(start.plus(span));
        assertThat(always.businessTimeBetween(start, start.plus(span))).isEqualTo(span);
    }

    private static boolean readable(String hours) {
        try {
            BusinessHours.parse(hours);
            return true;
        } catch (InvalidInputException overlappingOrEmpty) {
            return false;
        }
    }
}
