package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import io.atende.platform.InvalidInputException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of business-time arithmetic on generated calendars: zones with and without daylight saving (including half-hour
 * and midnight changes), ranges past midnight, several ranges a day and holidays; starts anywhere from 2015 to 2035.
 * Each run draws new cases from a seed it names in any failure; {@code -Datende.property-seed=N} replays one run.
 */
class BusinessTimePropertiesTest {

    private static final int CASES = 300;
    private static final List<String> ZONES = List.of("America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe",
            "Asia/Kathmandu", "Europe/London", "UTC");
    private static final List<String> DAY_HOURS = List.of("", "", "09:00-17:00", "08:00-12:00, 13:00-18:00", "23:00-02:00",
            "00:00-24:00", "01:30-03:30", "22:00-06:00", "00:15-00:45, 02:00-02:30");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final long FIRST_START = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_START = Instant.parse("2035-01-01T00:00:00Z").getEpochSecond();

    private final long seed = Long.getLong("atende.property-seed", new Random().nextLong());

    @Test
    void aSpanSplitInTwoEndsWhereTheWholeDoes() {
        forCases(random -> {
            var calendar = calendar(random);
            Instant start = start(random);
            Duration a = span(random);
            Duration b = span(random);
            assertThat(calendar.deadline(calendar.deadline(start, a), b)).as(described(calendar, start, a, b))
                    .isEqualTo(calendar.deadline(start, a.plus(b)));
        });
    }

    @Test
    void theBusinessTimeUpToADeadlineIsTheSpan() {
        forCases(random -> {
            var calendar = calendar(random);
            Instant start = start(random);
            Duration span = span(random);
            Instant deadline = calendar.deadline(start, span);
            String described = described(calendar, start, span);

            assertThat(calendar.businessTimeBetween(start, deadline)).as(described).isEqualTo(span);
            assertThat(deadline).as(described).isAfterOrEqualTo(start.plus(span));
            if (!span.isZero()) {
                // Earliest: a second less falls short.
                assertThat(calendar.businessTimeBetween(start, deadline.minusSeconds(1))).as(described).isLessThan(span);
            }
        });
    }

    @Test
    void businessTimeAddsUpOverConsecutiveStretches() {
        forCases(random -> {
            var calendar = calendar(random);
            Instant from = start(random);
            Duration first = span(random);
            Duration second = span(random);
            Instant middle = from.plus(first);
            Instant to = middle.plus(second);
            String described = described(calendar, from, first, second);

            assertThat(calendar.businessTimeBetween(from, middle).plus(calendar.businessTimeBetween(middle, to))).as(described)
                    .isEqualTo(calendar.businessTimeBetween(from, to));
            assertThat(calendar.businessTimeBetween(from, to)).as(described).isLessThanOrEqualTo(first.plus(second));
        });
    }

    @Test
    void twentyFourSevenIsElapsedTime() {
        var always = BusinessCalendar.twentyFourSeven();
        forCases(random -> {
            Instant start = start(random);
            Duration span = span(random);

            assertThat(always.deadline(start, span)).as(described(always, start, span)).isEqualTo(start.plus(span));
            assertThat(always.businessTimeBetween(start, start.plus(span))).as(described(always, start, span)).isEqualTo(span);
        });
    }

    private void forCases(Consumer<Random> law) {
        var random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            law.accept(random);
        }
    }

    private String described(BusinessCalendar calendar, Instant start, Duration... spans) {
        return "seed " + seed + " (replay with -Datende.property-seed=" + seed + "): " + calendar + " from " + start + " spans "
                + List.of(spans);
    }

    private static BusinessCalendar calendar(Random random) {
        String weekly;
        do {
            var text = new StringBuilder();
            for (String day : DAYS) {
                String hours = DAY_HOURS.get(random.nextInt(DAY_HOURS.size()));
                if (!hours.isEmpty()) {
                    text.append(day).append(' ').append(hours).append("; ");
                }
            }
            weekly = text.toString();
        } while (!readable(weekly));
        List<String> closed = new ArrayList<>();
        for (int i = random.nextInt(13); i > 0; i--) {
            closed.add(random.nextBoolean()
                    ? LocalDate.of(2015, 1, 1).plusDays(random.nextInt(365 * 20 + 1)).toString()
                    : "--" + LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)).toString().substring(5));
        }
        return new BusinessCalendar(ZoneId.of(ZONES.get(random.nextInt(ZONES.size()))), BusinessHours.parse(weekly),
                Holidays.parse(String.join(",", closed)));
    }

    private static Instant start(Random random) {
        return Instant.ofEpochSecond(FIRST_START + (long) (random.nextDouble() * (LAST_START - FIRST_START)));
    }

    private static Duration span(Random random) {
        return Duration.ofMinutes(random.nextInt(60 * 24 * 30 + 1));
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
