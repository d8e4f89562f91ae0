package io.atende.report;

import java.time.LocalDate;

import io.atende.department.DepartmentVisibility;

/**
 * A report's period (whole days in the account's time zone, both included), grouping and filters; {@code null}
 * filters do not filter.
 *
 * @param channel    a {@link io.atende.ticket.TicketChannel} name
 * @param visibility the departments the asker sees (a limited token's): tickets and chats of others are not counted
 */
public record ReportQuery(LocalDate from, LocalDate to, ReportGrouping groupBy, String departmentId, String operatorId,
                          String categoryId, String channel, DepartmentVisibility visibility) {

    public ReportQuery {
        visibility = visibility == null ? DepartmentVisibility.ALL : visibility;
    }

    /** A query that sees every department. */
    public ReportQuery(LocalDate from, LocalDate to, ReportGrouping groupBy, String departmentId, String operatorId,
                       String categoryId, String channel) {
        this(from, to, groupBy, departmentId, operatorId, categoryId, channel, DepartmentVisibility.ALL);
    }

    /** The same query, counting only the departments this visibility sees. */
    public ReportQuery visibleTo(DepartmentVisibility seen) {
        return new ReportQuery(from, to, groupBy, departmentId, operatorId, categoryId, channel, visibility.and(seen));
    }
}
