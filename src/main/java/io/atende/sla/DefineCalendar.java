package io.atende.sla;

/**
 * A calendar's definition as given: {@code timeZone} an IANA zone id, {@code hours} in the text form of
 * {@link BusinessHours}, {@code holidays} as {@link Holidays} reads them. In an update a {@code null} member keeps
 * what the calendar has.
 */
public record DefineCalendar(String name, String timeZone, String hours, String holidays) {
}
