package io.atende.report;

import java.util.Arrays;
import java.util.List;

/**
 * The chat figures of one row of the chat report (see docs/reports.md): chats queued in the period, how many of them
 * were accepted and abandoned, their wait and duration in minutes, and their evaluations.
 */
public record ChatFigures(long queued, long accepted, long abandoned, Double waitMedianMinutes, Double waitP90Minutes,
                          Double durationMedianMinutes, Double durationP90Minutes, long evaluations,
                          Double evaluationAverage) {

    /** The figures' names, in the order of {@link #values()}. */
    public static final List<String> COLUMNS = List.of("queued", "accepted", "abandoned", "wait_median_minutes",
            "wait_p90_minutes", "duration_median_minutes", "duration_p90_minutes", "evaluations", "evaluation_average");

    public List<Object> values() {
        return Arrays.asList(queued, accepted, abandoned, waitMedianMinutes, waitP90Minutes, durationMedianMinutes,
                durationP90Minutes, evaluations, evaluationAverage);
    }
}
