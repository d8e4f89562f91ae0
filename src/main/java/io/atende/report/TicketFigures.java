package io.atende.report;

import java.util.Arrays;
import java.util.List;

/**
 * The ticket figures of one row of a report (see docs/reports.md). Durations are in minutes; a median, percentile,
 * percent or average over nothing is {@code null}.
 */
public record TicketFigures(long created, long finished, long cancelled, long merged, long reopened, long backlog,
                            Double firstReplyMedianMinutes, Double firstReplyP90Minutes, Double resolutionMedianMinutes,
                            Double resolutionP90Minutes, Double slaFirstReplyMetPercent, Double slaResolutionMetPercent,
                            long evaluations, Double evaluationAverage, Double solvedPercent, long workMinutes) {

    /** The figures' names, in the order of {@link #values()}. */
    public static final List<String> COLUMNS = List.of("created", "finished", "cancelled", "merged", "reopened", "backlog",
            "first_reply_median_minutes", "first_reply_p90_minutes", "resolution_median_minutes", "resolution_p90_minutes",
            "sla_first_reply_met_percent", "sla_resolution_met_percent", "evaluations", "evaluation_average",
            "solved_percent", "work_minutes");

    public List<Object> values() {
        return Arrays.asList(created, finished, cancelled, merged, reopened, backlog, firstReplyMedianMinutes, firstReplyP90Minutes,
                resolutionMedianMinutes, resolutionP90Minutes, slaFirstReplyMetPercent, slaResolutionMetPercent, evaluations,
                evaluationAverage, solvedPercent, workMinutes);
    }
}
