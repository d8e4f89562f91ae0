package io.atende.report;

/** What the rows of a report stand for: a stretch of time, or one department, operator, category or channel. */
public enum ReportGrouping {
    DAY("on_day"), WEEK("on_week"), MONTH("on_month"), DEPARTMENT("department_id"), OPERATOR("operator_id"),
    CATEGORY("category_id"), CHANNEL("channel");

    private final String column;

    ReportGrouping(String column) {
        this.column = column;
    }

    /** Whether each row is a stretch of time (and the period is cut into all of them, empty ones included). */
    public boolean isTime() {
        return this == DAY || this == WEEK || this == MONTH;
    }

    String column() {
        return column;
    }
}
