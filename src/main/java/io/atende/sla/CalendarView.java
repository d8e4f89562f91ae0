package io.atende.sla;

import java.time.Instant;

/** A named business calendar of an account. */
public record CalendarView(String id, String name, BusinessCalendar calendar, Instant createdAt) {
}
