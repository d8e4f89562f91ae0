package io.atende.console.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atende.platform.Html;

/**
 * A bar chart drawn on the server as SVG: light, no script, and the same numbers as the table shown under it. Each
 * label gets one bar per series, side by side; a missing value draws no bar.
 */
record BarChart(String title, List<String> labels, List<Series> series) {

    record Series(String name, String colour, List<? extends Number> values) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    /** The SVG element; its title names the chart and the table that follows holds its data. */
    String svg() {
        double max = 0;
        for (var one : series) {
            for (Number value : one.values()) {
                if (value != null) {
                    max = Math.max(max, value.doubleValue());
                }
            }
        }
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - 8;
        int plotHeight = HEIGHT - BOTTOM - TOP;
        var svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        for (int step = 0; step <= 4; step++) {
            double value = top * step / 4;
            int y = TOP + plotHeight - (int) Math.round(plotHeight * step / 4.0);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - 8).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#d0d5dd\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#475467\">").append(number(value)).append("</text>");
        }
        int count = Math.max(labels.size(), 1);
        double slot = (double) plotWidth / count;
        double barWidth = Math.max(1, (slot * 0.8) / Math.max(series.size(), 1));
        int every = Math.max(1, (int) Math.ceil(count / 12.0));
        for (int i = 0; i < labels.size(); i++) {
            double x0 = LEFT + i * slot + slot * 0.1;
            for (int s = 0; s < series.size(); s++) {
                Number value = series.get(s).values().get(i);
                if (value == null || top == 0) {
                    continue;
                }
                double height = plotHeight * value.doubleValue() / top;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        x0 + s * barWidth, TOP + plotHeight - height, barWidth, height, series.get(s).colour()));
            }
            if (i % every == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\" fill=\"#475467\">",
                        LEFT + i * slot + slot / 2, HEIGHT - 10)).append(Html.escape(shortLabel(labels.get(i)))).append("</text>");
            }
        }
        int legendX = LEFT;
        for (var one : series) {
            svg.append("<rect x=\"").append(legendX).append("\" y=\"0\" width=\"10\" height=\"10\" fill=\"").append(one.colour())
                    .append("\"/><text x=\"").append(legendX + 14).append("\" y=\"9\" font-size=\"11\" fill=\"#101828\">")
                    .append(Html.escape(one.name())).append("</text>");
            legendX += 24 + 7 * one.name().length();
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** The table of the chart's data: a row per label, a column per series. */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            for (var one : series) {
                Number value = one.values().get(i);
                row.add(value == null ? "—" : number(value.doubleValue()));
            }
            rows.add(row);
        }
        return rows;
    }

    List<String> header() {
        List<String> header = new ArrayList<>();
        header.add("");
        series.forEach(one -> header.add(one.name()));
        return header;
    }

    private static String shortLabel(String label) {
        return label.length() == 10 && label.charAt(4) == '-' ? label.substring(5) : label;
    }

    private static double niceCeiling(double max) {
        if (max <= 0) {
            return 0;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[]{1, 2, 4, 8, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
