package io.atende.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A report: its query, a row per group in order, and the whole period's figures ({@code null} where a report has no
 * total, as the operator report).
 *
 * @param <F> the figures of a row
 */
public record Report<F>(ReportQuery query, List<Row<F>> rows, F total) {

    /**
     * @param group the day, week (its Monday) or month (its first day) as {@code yyyy-MM-dd}, or the id of the
     *              department, operator or category ({@code ""} for none), or the channel's name
     * @param name  what the group is called: the department's, operator's or category's name; the group otherwise
     */
    public record Row<F>(String group, String name, F figures) {
    }

    /**
     * The rows as a table: {@code group}, {@code name} and the figures' columns; the whole period last, as group
     * "total", when the report has one.
     */
    public ReportTable table(List<String> figureColumns, Function<F, List<Object>> values) {
        List<String> columns = new ArrayList<>(List.of("group", "name"));
        columns.addAll(figureColumns);
        List<List<Object>> cells = new ArrayList<>();
        for (var row : rows) {
            List<Object> line = new ArrayList<>(List.of(row.group(), row.name()));
            line.addAll(values.apply(row.figures()));
            cells.add(line);
        }
        if (total != null) {
            List<Object> last = new ArrayList<>(List.of("total", ""));
            last.addAll(values.apply(total));
            cells.add(last);
        }
        return new ReportTable(columns, cells);
    }
}
