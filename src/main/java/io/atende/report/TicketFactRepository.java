package io.atende.report;

import static io.atende.platform.SqlTimes.utc;

import java.sql.Date;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

/** The rows of {@code report_ticket_fact}: a ticket's rows are replaced together. */
@Repository
class TicketFactRepository {

    private static final String INSERT = """
            insert into report_ticket_fact (account_id, ticket_id, seq, kind, occurred_at, on_day, on_week, on_month, ended_day,
                                            department_id, operator_id, category_id, channel, author_id, seconds, sla_met,
                                            grade, solved, work_seconds)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TicketRollups rollups;

    TicketFactRepository(JdbcTemplate jdbc, TicketRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /**
     * Replaces the facts of these tickets of the account with the given ones, and moves the per-day rollups with them;
     * {@code fresh} are tickets opened in this transaction, which have no facts yet to read.
     */
    void replace(String accountId, Map<String, List<TicketFact>> factsByTicket, Set<String> fresh) {
        if (factsByTicket.isEmpty()) {
            return;
        }
        List<String> known = factsByTicket.keySet().stream().filter(id -> !fresh.contains(id)).toList();
        var before = rollups.stored(accountId, known);
        delete(accountId, known);
        List<Object[]> rows = new ArrayList<>();
        factsByTicket.forEach((ticketId, facts) -> {
            int seq = 0;
            for (var fact : facts) {
                rows.add(new Object[]{accountId, ticketId, ++seq, fact.kind().name(), utc(fact.occurredAt()),
                        Date.valueOf(fact.day()), Date.valueOf(fact.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                        Date.valueOf(fact.day().withDayOfMonth(1)),
                        new SqlParameterValue(Types.DATE, fact.endedDay() == null ? null : Date.valueOf(fact.endedDay())),
                        fact.departmentId(), fact.operatorId(), fact.categoryId(), fact.channel(),
                        new SqlParameterValue(Types.VARCHAR, fact.authorId()),
                        new SqlParameterValue(Types.BIGINT, fact.seconds()), new SqlParameterValue(Types.BOOLEAN, fact.slaMet()),
                        new SqlParameterValue(Types.INTEGER, fact.grade()), new SqlParameterValue(Types.BOOLEAN, fact.solved()),
                        new SqlParameterValue(Types.BIGINT, fact.workSeconds())});
            }
        });
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
        rollups.move(accountId, before, factsByTicket.values().stream().flatMap(List::stream).toList());
    }

    private void delete(String accountId, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return;
        }
        List<Object[]> keys = ticketIds.stream().map(id -> new Object[]{accountId, id}).toList();
        jdbc.batchUpdate("delete from report_ticket_fact where account_id = ? and ticket_id = ?", keys);
    }

    /** Every fact of the account, in key order: what a recount compares with. */
    List<String> dump(String accountId) {
        return jdbc.query("""
                select ticket_id, seq, kind, occurred_at, on_day, on_week, on_month, ended_day, department_id, operator_id, category_id,
                       channel, author_id, seconds, sla_met, grade, solved, work_seconds
                from report_ticket_fact where account_id = ? order by ticket_id, seq""", (rs, row) -> {
            var line = new StringBuilder();
            for (int column = 1; column <= 18; column++) {
                Object value = column == 4 ? io.atende.platform.SqlTimes.instant(rs, "occurred_at") : rs.getObject(column);
                line.append(value).append('|');
            }
            return line.toString();
        }, accountId);
    }
}
