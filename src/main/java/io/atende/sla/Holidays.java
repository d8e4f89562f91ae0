package io.atende.sla;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.atende.platform.InvalidInputException;

/**
 * The days a calendar is closed from midnight to midnight, local time: fixed dates ({@code 2026-11-20}) and dates that
 * recur every year ({@code --12-25}; {@code --02-29} only in leap years).
 */
public record Holidays(Set<LocalDate> dates, Set<MonthDay> yearly) {

    static final int MAX_HOLIDAYS = 500;

    public static final Holidays NONE = new Holidays(Set.of(), Set.of());

    public Holidays {
        dates = Set.copyOf(dates);
        yearly = Set.copyOf(yearly);
    }

    /**
     * Reads holidays separated by commas, semicolons or white space; an unreadable one is refused naming
     * {@code holidays}. Blank text means none.
     */
    public static Holidays parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Set<LocalDate> dates = new TreeSet<>();
        Set<MonthDay> yearly = new TreeSet<>();
        for (String item : text.strip().split("[,;\\s]+")) {
            try {
                if (item.matches("--\\d{2}-\\d{2}")) {
                    yearly.add(MonthDay.parse(item));
                } else if (item.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    dates.add(LocalDate.parse(item));
                } else {
                    throw new InvalidInputException("holidays", "calendar.holiday_invalid", item);
                }
            } catch (DateTimeException notADate) {
                throw new InvalidInputException("holidays", "calendar.holiday_invalid", item);
            }
        }
        if (dates.size() + yearly.size() > MAX_HOLIDAYS) {
            throw new InvalidInputException("holidays", "calendar.too_many_holidays", MAX_HOLIDAYS);
        }
        return new Holidays(dates, yearly);
    }

    /** Whether the calendar is closed all of this local day. */
    public boolean closes(LocalDate day) {
        return dates.contains(day) || (!yearly.isEmpty() && yearly.contains(MonthDay.from(day)));
    }

    /** Each holiday in its text form, the yearly ones first, each group in date order. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        new TreeSet<>(yearly).forEach(day -> texts.add(day.toString()));
        new TreeSet<>(dates).forEach(day -> texts.add(day.toString()));
        return texts;
    }
}
