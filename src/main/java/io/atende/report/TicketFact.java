package io.atende.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One fact of a ticket as the reports count it (see {@code report_ticket_fact}).
 *
 * @param endedDay for {@link FactKind#OPEN}: the day the stretch ended, {@code null} while it lasts
 * @param authorId the operator of a reply or a stopwatch entry
 * @param seconds  a duration: first reply time, or resolution time on the last finish
 * @param slaMet   whether the matching SLA target was met; {@code null} when no policy promised one
 */
record TicketFact(FactKind kind, Instant occurredAt, LocalDate day, LocalDate endedDay, String departmentId,
                  String operatorId, String categoryId, String channel, String authorId, Long seconds, Boolean slaMet,
                  Integer grade, Boolean solved, Long workSeconds) {
}
