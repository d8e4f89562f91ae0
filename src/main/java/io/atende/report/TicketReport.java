package io.atende.report;

import java.util.ArrayList;
import java.util.List;

/** The ticket report: a row per group, in order, and the whole period's figures. */
public record TicketReport(ReportQuery query, List<Row> rows, TicketFigures total) {

    /** The rows as a table: {@code group}, {@code name} and the figures; the whole period last, as group "total". */
    public ReportTable table() {
        List<String> columns = new ArrayList<>(List.of("group", "name"));
        columns.addAll(TicketFigures.COLUMNS);
        List<List<Object>> cells = new ArrayList<>();
        for (var row : rows) {
            List<Object> line = new ArrayList<>(List.of(row.group(), row.name()));
            line.addAll(row.figures().values());
            cells.add(line);
        }
        List<Object> last = new ArrayList<>(List.of("total", ""));
        last.addAll(total.values());
        cells.add(last);
        return new ReportTable(columns, cells);
    }

    /**
     * @param group the day, week (its Monday) or month (its first day) as {@code yyyy-MM-dd}, or the id of the
     *              department, operator or category ({@code ""} for none), or the channel's name
     * @param name  what the group is called: the department's, operator's or category's name; the group otherwise
     */
    public record Row(String group, String name, TicketFigures figures) {
    }
}
