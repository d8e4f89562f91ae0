package io.atende.report;

import java.util.Arrays;
import java.util.List;

/** One operator's figures over a period (see docs/reports.md). */
public record OperatorFigures(long ticketsHandled, long replies, long finished, Double firstReplyMedianMinutes,
                              Double resolutionMedianMinutes, long evaluations, Double evaluationAverage, long workMinutes,
                              long chatsAccepted) {

    /** The figures' names, in the order of {@link #values()}. */
    public static final List<String> COLUMNS = List.of("tickets_handled", "replies", "finished", "first_reply_median_minutes",
            "resolution_median_minutes", "evaluations", "evaluation_average", "work_minutes", "chats_accepted");

    public List<Object> values() {
        return Arrays.asList(ticketsHandled, replies, finished, firstReplyMedianMinutes, resolutionMedianMinutes, evaluations,
                evaluationAverage, workMinutes, chatsAccepted);
    }
}
