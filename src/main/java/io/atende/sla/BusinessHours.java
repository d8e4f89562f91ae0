package io.atende.sla;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.atende.platform.InvalidInputException;

/**
 * The weekly opening hours of a calendar, such as {@code mon-fri 08:00-12:00, 13:00-18:00; sat 08:00-12:00}. A range
 * whose end is not after its start runs past midnight into the next day ({@code fri 23:00-02:00} ends on Saturday);
 * {@code 24:00} ends a range at midnight. Ranges never overlap, so that no minute counts twice.
 */
public record BusinessHours(List<Range> ranges) {

    static final int MINUTES_PER_DAY = 24 * 60;
    private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");
    private static final int MAX_RANGES = 200;

    /** Every minute of every day. */
    public static final BusinessHours ALWAYS = parse("mon-sun 00:00-24:00");

    /**
     * One opening: from {@code startMinute} of {@code day} (0 is midnight) for up to a day, ending at {@code endMinute}
     * counted from the same midnight, so a range past midnight ends after minute 1440.
     */
    public record Range(DayOfWeek day, int startMinute, int endMinute) {

        public Range {
            if (startMinute < 0 || startMinute >= MINUTES_PER_DAY || endMinute <= startMinute
                    || endMinute - startMinute > MINUTES_PER_DAY) {
                throw new IllegalArgumentException("range out of a day: " + startMinute + "-" + endMinute);
            }
        }

        int weekStart() {
            return (day.getValue() - 1) * MINUTES_PER_DAY + startMinute;
        }

        int length() {
            return endMinute - startMinute;
        }
    }

    public BusinessHours {
        ranges = ranges.stream().sorted(Comparator.comparing(Range::weekStart)).toList();
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no business hours");
        }
    }

    /** Reads the text form; a malformed part, an overlap or no range at all is refused naming {@code hours}. */
    public static BusinessHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("hours", "parameter.required");
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : text.strip().toLowerCase(Locale.ROOT).split("[;\\n]+")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            if (parts.length < 2) {
                throw invalid(trimmed);
            }
            List<DayOfWeek> days = days(parts[0], trimmed);
            for (String range : parts[1].split("[,\\s]+")) {
                if (range.isEmpty()) {
                    continue;
                }
                var match = RANGE.matcher(range);
                if (!match.matches()) {
                    throw invalid(trimmed);
                }
                int start = minute(match.group(1), match.group(2), false, trimmed);
                int end = minute(match.group(3), match.group(4), true, trimmed);
                if (end <= start) {
                    end += MINUTES_PER_DAY;
                }
                if (end - start > MINUTES_PER_DAY || start == MINUTES_PER_DAY) {
                    throw invalid(trimmed);
                }
                for (DayOfWeek day : days) {
                    ranges.add(new Range(day, start, end));
                }
            }
        }
        if (ranges.isEmpty()) {
            throw new InvalidInputException("hours", "parameter.required");
        }
        if (ranges.size() > MAX_RANGES) {
            throw new InvalidInputException("hours", "calendar.too_many_ranges", MAX_RANGES);
        }
        var hours = new BusinessHours(ranges);
        hours.refuseOverlaps();
        return hours;
    }

    /**
     * The openings of a day of the week as minute pairs within that day, by start: its own ranges up to midnight and
     * the part after midnight of the previous day's ranges that run past it.
     */
    Map<DayOfWeek, List<int[]>> segmentsByDay() {
        Map<DayOfWeek, List<int[]>> segments = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            segments.put(day, new ArrayList<>());
        }
        for (Range range : ranges) {
            segments.get(range.day()).add(new int[] {range.startMinute(), Math.min(range.endMinute(), MINUTES_PER_DAY)});
            if (range.endMinute() > MINUTES_PER_DAY) {
                segments.get(range.day().plus(1)).add(new int[] {0, range.endMinute() - MINUTES_PER_DAY});
            }
        }
        segments.values().forEach(list -> list.sort(Comparator.comparingInt(pair -> pair[0])));
        return segments;
    }

    /** The text form, days with the same ranges grouped: {@code mon-fri 08:00-18:00; sat 08:00-12:00}. */
    @Override
    public String toString() {
        List<String> perDay = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            perDay.add(String.join(", ", ranges.stream().filter(range -> range.day() == day)
                    .map(range -> clock(range.startMinute()) + "-" + clock(range.endMinute() == MINUTES_PER_DAY
                            ? MINUTES_PER_DAY : range.endMinute() % MINUTES_PER_DAY)).toList()));
        }
        List<String> entries = new ArrayList<>();
        int first = 0;
        while (first < 7) {
            int last = first;
            while (last + 1 < 7 && perDay.get(last + 1).equals(perDay.get(first))) {
                last++;
            }
            if (!perDay.get(first).isEmpty()) {
                String days = first == last ? DAY_NAMES.get(first) : DAY_NAMES.get(first) + "-" + DAY_NAMES.get(last);
                entries.add(days + " " + perDay.get(first));
            }
            first = last + 1;
        }
        return String.join("; ", entries);
    }

    private void refuseOverlaps() {
        // Sorted by start in the week; each range must end before the next starts, the last one wrapping to Monday.
        for (int i = 0; i < ranges.size(); i++) {
            Range current = ranges.get(i);
            Range next = ranges.get((i + 1) % ranges.size());
            int end = current.weekStart() + current.length();
            int nextStart = next.weekStart() + (i + 1 == ranges.size() ? MINUTES_PER_WEEK : 0);
            if (end > nextStart) {
                throw new InvalidInputException("hours", "calendar.hours_overlap", DAY_NAMES.get(next.day().getValue() - 1));
            }
        }
    }

    private static List<DayOfWeek> days(String text, String entry) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : text.split(",")) {
            String[] bounds = item.split("-", -1);
            if (bounds.length > 2) {
                throw invalid(entry);
            }
            int from = DAY_NAMES.indexOf(bounds[0]);
            int to = DAY_NAMES.indexOf(bounds[bounds.length - 1]);
            if (from < 0 || to < 0) {
                throw invalid(entry);
            }
            // fri-mon runs over the weekend.
            for (int day = from; ; day = (day + 1) % 7) {
                if (!days.contains(DayOfWeek.of(day + 1))) {
                    days.add(DayOfWeek.of(day + 1));
                }
                if (day == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static int minute(String hours, String minutes, boolean end, String entry) {
        int hour = Integer.parseInt(hours);
        int minute = Integer.parseInt(minutes);
        if (minute > 59 || hour > 24 || (hour == 24 && (minute != 0 || !end))) {
            throw invalid(entry);
        }
        return hour * 60 + minute;
    }

    private static String clock(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private static InvalidInputException invalid(String entry) {
        return new InvalidInputException("hours", "calendar.hours_invalid", entry);
    }
}
