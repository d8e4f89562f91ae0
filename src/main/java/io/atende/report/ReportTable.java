package io.atende.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report as a table: its column names (snake_case, the same the API's JSON uses) and its rows of values (numbers,
 * text or {@code null}), so that the JSON, the CSV and the console's tables show the same cells.
 */
public record ReportTable(List<String> columns, List<List<Object>> rows) {

    /** Each row as a map from column to value, in column order. */
    public List<Map<String, Object>> records() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (var row : rows) {
            records.add(record(row));
        }
        return records;
    }

    public Map<String, Object> record(List<Object> row) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            record.put(columns.get(i), row.get(i));
        }
        return record;
    }

    /**
     * RFC 4180 CSV with a header line: fields with commas, quotes or line breaks are quoted, and text that a
     * spreadsheet would take for a formula ({@code = + - @} first) is prefixed with a quote mark.
     */
    public String toCsv() {
        var csv = new StringBuilder();
        line(csv, new ArrayList<>(columns));
        for (var row : rows) {
            line(csv, row);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
