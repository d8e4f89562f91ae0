package io.atende.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atende.platform.RuleViolationException;

/**
 * When a team works: weekly hours read on the wall clock of a time zone, less holidays. It measures business time
 * exactly: a range is open from the instant its wall-clock start occurs to the instant its end occurs, so a day on
 * which the clocks change has an hour more or less of it. A wall-clock time skipped by a change opens or closes at the
 * change; one that occurs twice is taken the first time.
 */
public final class BusinessCalendar {

    /** How far ahead a deadline is looked for before the calendar is said to have too little business time. */
    static final int HORIZON_YEARS = 100;

    private static final BusinessCalendar ALWAYS = new BusinessCalendar(ZoneOffset.UTC, BusinessHours.ALWAYS, Holidays.NONE);

    private final ZoneId zone;
    private final BusinessHours hours;
    private final Holidays holidays;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<int[]>> segments;

    public BusinessCalendar(ZoneId zone, BusinessHours hours, Holidays holidays) {
        this.zone = Objects.requireNonNull(zone);
        this.hours = Objects.requireNonNull(hours);
        this.holidays = Objects.requireNonNull(holidays);
        this.rules = zone.getRules();
        this.segments = hours.segmentsByDay();
    }

    /** Every minute counts: 24 hours a day, 7 days a week, no holidays. */
    public static BusinessCalendar twentyFourSeven() {
        return ALWAYS;
    }

    public ZoneId zone() {
        return zone;
    }

    public BusinessHours hours() {
        return hours;
    }

    public Holidays holidays() {
        return holidays;
    }

    /**
     * The instant at which {@code businessTime} of business time has passed since {@code start}: the earliest instant
     * by which that much has accumulated, so a span that ends with a range ends at the range's close. A zero span ends
     * at {@code start}. Refused as a rule when the calendar has too little business time to reach it within
     * {@value #HORIZON_YEARS} years.
     */
    public Instant deadline(Instant start, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("negative business time: " + businessTime);
        }
        if (businessTime.isZero()) {
            return start;
        }
        Duration remaining = businessTime;
        LocalDate day = LocalDate.ofInstant(start, zone);
        LocalDate horizon = day.plusYears(HORIZON_YEARS);
        for (; !day.isAfter(horizon); day = day.plusDays(1)) {
            if (holidays.closes(day)) {
                continue;
            }
            for (int[] segment : segments.get(day.getDayOfWeek())) {
                Instant open = instant(day, segment[0]);
                Instant close = instant(day, segment[1]);
                if (open.isBefore(start)) {
                    open = start;
                }
                if (!close.isAfter(open)) {
                    continue;
                }
                Duration available = Duration.between(open, close);
                if (remaining.compareTo(available) <= 0) {
                    return open.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new RuleViolationException("calendar.beyond_horizon", HORIZON_YEARS);
    }

    /** The business time between two instants; negative when {@code to} comes before {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return businessTimeBetween(to, from).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            if (holidays.closes(day)) {
                continue;
            }
            for (int[] segment : segments.get(day.getDayOfWeek())) {
                Instant open = instant(day, segment[0]);
                Instant close = instant(day, segment[1]);
                if (open.isBefore(from)) {
                    open = from;
                }
                if (close.isAfter(to)) {
                    close = to;
                }
                if (close.isAfter(open)) {
                    total = total.plus(Duration.between(open, close));
                }
            }
        }
        return total;
    }

    /** The instant a wall-clock minute of a day occurs: at the change when skipped, the first time when repeated. */
    private Instant instant(LocalDate day, int minute) {
        LocalDateTime local = day.atStartOfDay().plusMinutes(minute);
        var offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.toInstant(offsets.get(0));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessCalendar calendar && zone.equals(calendar.zone) && hours.equals(calendar.hours)
                && holidays.equals(calendar.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, hours, holidays);
    }

    @Override
    public String toString() {
        return zone + " " + hours + (holidays.texts().isEmpty() ? "" : " except " + String.join(", ", holidays.texts()));
    }
}
