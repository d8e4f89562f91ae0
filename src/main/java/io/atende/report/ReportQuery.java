package io.atende.report;

import java.time.LocalDate;

/**
 * A report's period (whole days in the account's time zone, both included), grouping and filters; {@code null}
 * filters do not filter.
 *
 * @param channel a {@link io.atende.ticket.TicketChannel} name
 */
public record ReportQuery(LocalDate from, LocalDate to, ReportGrouping groupBy, String departmentId, String operatorId,
                          String categoryId, String channel) {
}
