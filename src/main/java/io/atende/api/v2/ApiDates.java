package io.atende.api.v2;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dates on the wire (docs/api.md, Dates and time zones): written as {@code 2026-08-21 12:11:17-03:00} in the
 * account's time zone; read in TomTicket's {@code ±HHMM} form and the usual ISO variations.
 */
final class ApiDates {

    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");
    // The offset may arrive with its '+' turned into a space by a query string that was not encoded.
    // It belongs to a time: on a plain date, "2026-08-21 12" would otherwise read as midnight at +12:00.
    private static final Pattern INPUT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
                    + "\\s*(Z|z|[+\\- ]\\d{2}(?::?\\d{2})?)?)?");

    private ApiDates() {
    }

    /** A date as read: a local date-time, with the offset it carried if any. */
    record ParsedDate(LocalDateTime dateTime, ZoneOffset offset) {

        Instant resolve(ZoneId zone) {
            return offset == null ? dateTime.atZone(zone).toInstant() : dateTime.toInstant(offset);
        }
    }

    static String format(Instant instant, ZoneId zone) {
        return instant == null ? null : OUTPUT.format(instant.atZone(zone));
    }

    static Optional<ParsedDate> parse(String text) {
        var match = INPUT.matcher(text.strip());
        if (!match.matches()) {
            return Optional.empty();
        }
        try {
            var date = LocalDate.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
                    Integer.parseInt(match.group(3)));
            var time = LocalTime.MIDNIGHT;
            if (match.group(4) != null) {
                int nanos = match.group(7) == null ? 0 : Integer.parseInt((match.group(7) + "00000000").substring(0, 9));
                time = LocalTime.of(Integer.parseInt(match.group(4)), Integer.parseInt(match.group(5)),
                        match.group(6) == null ? 0 : Integer.parseInt(match.group(6)), nanos);
            }
            return Optional.of(new ParsedDate(LocalDateTime.of(date, time), offset(match.group(8))));
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    private static ZoneOffset offset(String text) {
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        int sign = text.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
