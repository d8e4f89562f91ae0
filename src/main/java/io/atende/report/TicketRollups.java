package io.atende.report;

import java.sql.Date;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.atende.platform.Database;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-day rollups of the ticket facts ({@code report_ticket_day} and its duration histograms in
 * {@code report_ticket_minutes}, migration V161): when a ticket's facts are rewritten, what its old facts counted is
 * taken off and what its new ones count is added, in the same transaction, as one batched upsert per table of the
 * rows that changed (in key order, so that two transactions never wait on each other's rows in a cycle).
 */
@Repository
class TicketRollups {

    /** The slices a fact counts in, and the ones a report can read. */
    enum Slice {
        ALL, DEPARTMENT, OPERATOR, CATEGORY, CHANNEL;

        String groupOf(TicketFact fact) {
            return switch (this) {
                case ALL -> TicketFacts.NONE;
                case DEPARTMENT -> fact.departmentId();
                case OPERATOR -> fact.operatorId();
                case CATEGORY -> fact.categoryId();
                case CHANNEL -> fact.channel();
            };
        }
    }

    /** A row of report_ticket_day: what the slice's group counted of a kind on a day. */
    record DayKey(Slice slice, LocalDate day, String group, String kind) {
    }

    record MinuteKey(Slice slice, LocalDate day, String group, String kind, long bucket) {
    }

    private static final Comparator<DayKey> DAY_ORDER = Comparator.comparing(DayKey::slice).thenComparing(DayKey::day)
            .thenComparing(DayKey::group).thenComparing(DayKey::kind);
    private static final Comparator<MinuteKey> MINUTE_ORDER = Comparator.comparing(MinuteKey::slice)
            .thenComparing(MinuteKey::day).thenComparing(MinuteKey::group).thenComparing(MinuteKey::kind)
            .thenComparingLong(MinuteKey::bucket);

    private static final String DAY_COLUMNS = "account_id, slice, on_day, group_id, kind, on_week, on_month, facts, judged, met,"
            + " graded, grade_sum, answered, solved, work_seconds";
    private static final String DAY_UPSERT_POSTGRESQL = "insert into report_ticket_day (" + DAY_COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (account_id, slice, on_day, group_id, kind) do update set"
            + " facts = report_ticket_day.facts + excluded.facts, judged = report_ticket_day.judged + excluded.judged,"
            + " met = report_ticket_day.met + excluded.met, graded = report_ticket_day.graded + excluded.graded,"
            + " grade_sum = report_ticket_day.grade_sum + excluded.grade_sum,"
            + " answered = report_ticket_day.answered + excluded.answered, solved = report_ticket_day.solved + excluded.solved,"
            + " work_seconds = report_ticket_day.work_seconds + excluded.work_seconds";
    private static final String DAY_UPSERT_H2 = "merge into report_ticket_day t using (values (cast(? as varchar(32)),"
            + " cast(? as varchar(16)), cast(? as date), cast(? as varchar(32)), cast(? as varchar(16)), cast(? as date),"
            + " cast(? as date), cast(? as bigint), cast(? as bigint), cast(? as bigint), cast(? as bigint), cast(? as bigint),"
            + " cast(? as bigint), cast(? as bigint), cast(? as bigint))) s (" + DAY_COLUMNS + ")"
            + " on t.account_id = s.account_id and t.slice = s.slice and t.on_day = s.on_day and t.group_id = s.group_id"
            + " and t.kind = s.kind"
            + " when matched then update set facts = t.facts + s.facts, judged = t.judged + s.judged, met = t.met + s.met,"
            + " graded = t.graded + s.graded, grade_sum = t.grade_sum + s.grade_sum, answered = t.answered + s.answered,"
            + " solved = t.solved + s.solved, work_seconds = t.work_seconds + s.work_seconds"
            + " when not matched then insert (" + DAY_COLUMNS + ") values (s.account_id, s.slice, s.on_day, s.group_id,"
            + " s.kind, s.on_week, s.on_month, s.facts, s.judged, s.met, s.graded, s.grade_sum, s.answered, s.solved,"
            + " s.work_seconds)";
    private static final String MINUTE_COLUMNS = "account_id, slice, on_day, group_id, kind, bucket, on_week, on_month, facts";
    private static final String MINUTE_UPSERT_POSTGRESQL = "insert into report_ticket_minutes (" + MINUTE_COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (account_id, slice, on_day, group_id, kind, bucket) do update set"
            + " facts = report_ticket_minutes.facts + excluded.facts";
    private static final String MINUTE_UPSERT_H2 = "merge into report_ticket_minutes t using (values (cast(? as varchar(32)),"
            + " cast(? as varchar(16)), cast(? as date), cast(? as varchar(32)), cast(? as varchar(16)), cast(? as bigint),"
            + " cast(? as date), cast(? as date), cast(? as bigint))) s (" + MINUTE_COLUMNS + ")"
            + " on t.account_id = s.account_id and t.slice = s.slice and t.on_day = s.on_day and t.group_id = s.group_id"
            + " and t.kind = s.kind and t.bucket = s.bucket"
            + " when matched then update set facts = t.facts + s.facts"
            + " when not matched then insert (" + MINUTE_COLUMNS + ") values (s.account_id, s.slice, s.on_day, s.group_id,"
            + " s.kind, s.bucket, s.on_week, s.on_month, s.facts)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final boolean postgresql;

    TicketRollups(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, Database database) {
        this.jdbc = jdbc;
        this.named = named;
        this.postgresql = database == Database.POSTGRESQL;
    }

    /** The facts of these tickets as they are stored, for what they count (their replies left out: not rolled up). */
    List<TicketFact> stored(String accountId, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        return named.query("""
                select kind, on_day, ended_day, department_id, operator_id, category_id, channel, seconds, sla_met, grade,
                       solved, work_seconds
                from report_ticket_fact where account_id = :account and ticket_id in (:tickets) and kind <> 'REPLY'""",
                Map.of("account", accountId, "tickets", List.copyOf(ticketIds)), (rs, row) -> {
                    Date ended = rs.getDate("ended_day");
                    long seconds = rs.getLong("seconds");
                    Long duration = rs.wasNull() ? null : seconds;
                    boolean met = rs.getBoolean("sla_met");
                    Boolean slaMet = rs.wasNull() ? null : met;
                    int grade = rs.getInt("grade");
                    Integer graded = rs.wasNull() ? null : grade;
                    boolean solved = rs.getBoolean("solved");
                    Boolean answered = rs.wasNull() ? null : solved;
                    long work = rs.getLong("work_seconds");
                    Long worked = rs.wasNull() ? null : work;
                    return new TicketFact(FactKind.valueOf(rs.getString("kind")), null, rs.getDate("on_day").toLocalDate(),
                            ended == null ? null : ended.toLocalDate(), rs.getString("department_id"),
                            rs.getString("operator_id"), rs.getString("category_id"), rs.getString("channel"), null,
                            duration, slaMet, graded, answered, worked);
                });
    }

    /** Takes what {@code before} counted off the rollups and adds what {@code after} counts. */
    void move(String accountId, Collection<TicketFact> before, Collection<TicketFact> after) {
        Map<DayKey, long[]> days = new TreeMap<>(DAY_ORDER);
        Map<MinuteKey, long[]> minutes = new TreeMap<>(MINUTE_ORDER);
        before.forEach(fact -> count(fact, -1, days, minutes));
        after.forEach(fact -> count(fact, 1, days, minutes));
        List<Object[]> dayRows = new ArrayList<>();
        days.forEach((key, sums) -> {
            if (Arrays.stream(sums).anyMatch(sum -> sum != 0)) {
                boolean closed = key.kind().equals("CLOSED");
                dayRows.add(new Object[]{accountId, key.slice().name(), Date.valueOf(key.day()), key.group(), key.kind(),
                        new SqlParameterValue(Types.DATE, closed ? null : Date.valueOf(week(key.day()))),
                        new SqlParameterValue(Types.DATE, closed ? null : Date.valueOf(key.day().withDayOfMonth(1))),
                        sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]});
            }
        });
        List<Object[]> minuteRows = new ArrayList<>();
        minutes.forEach((key, count) -> {
            if (count[0] != 0) {
                minuteRows.add(new Object[]{accountId, key.slice().name(), Date.valueOf(key.day()), key.group(), key.kind(),
                        key.bucket(), Date.valueOf(week(key.day())), Date.valueOf(key.day().withDayOfMonth(1)), count[0]});
            }
        });
        upsert(DAY_UPSERT_POSTGRESQL, DAY_UPSERT_H2, dayRows);
        upsert(MINUTE_UPSERT_POSTGRESQL, MINUTE_UPSERT_H2, minuteRows);
    }

    private void upsert(String postgresqlSql, String h2Sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgresql) {
            jdbc.batchUpdate(postgresqlSql, rows);
            return;
        }
        // H2's MERGE is not atomic: when two transactions add the first counts of a key at once, both insert and one
        // is refused. The row exists then, so adding again updates it; row by row, so that nothing counts twice.
        for (Object[] row : rows) {
            try {
                jdbc.update(h2Sql, row);
            } catch (DuplicateKeyException raced) {
                jdbc.update(h2Sql, row);
            }
        }
    }

    private static void count(TicketFact fact, int sign, Map<DayKey, long[]> days, Map<MinuteKey, long[]> minutes) {
        if (fact.kind() == FactKind.REPLY) {
            return;
        }
        for (Slice slice : Slice.values()) {
            String group = slice.groupOf(fact);
            long[] sums = days.computeIfAbsent(new DayKey(slice, fact.day(), group, fact.kind().name()), key -> new long[8]);
            sums[0] += sign;
            if (fact.slaMet() != null) {
                sums[1] += sign;
                sums[2] += fact.slaMet() ? sign : 0;
            }
            if (fact.grade() != null) {
                sums[3] += sign;
                sums[4] += (long) sign * fact.grade();
            }
            if (fact.solved() != null) {
                sums[5] += sign;
                sums[6] += fact.solved() ? sign : 0;
            }
            if (fact.workSeconds() != null) {
                sums[7] += sign * fact.workSeconds();
            }
            if (fact.kind() == FactKind.OPEN && fact.endedDay() != null) {
                days.computeIfAbsent(new DayKey(slice, fact.endedDay(), group, "CLOSED"), key -> new long[8])[0] += sign;
            }
            if (fact.seconds() != null && (fact.kind() == FactKind.FIRST_REPLY || fact.kind() == FactKind.FINISHED)) {
                minutes.computeIfAbsent(new MinuteKey(slice, fact.day(), group, fact.kind().name(),
                        DurationHistogram.bucket(fact.seconds())), key -> new long[1])[0] += sign;
            }
        }
    }

    private static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * The account's rollup rows that count something, sorted, as text: what the rollups kept change by change
     * are compared with ({@link #recounted}).
     */
    List<String> dump(String accountId) {
        List<String> lines = new ArrayList<>(jdbc.query("""
                select slice, on_day, group_id, kind, on_week, on_month, facts, judged, met, graded, grade_sum, answered, solved,
                       work_seconds
                from report_ticket_day where account_id = ? and facts <> 0 order by slice, on_day, group_id, kind""",
                (rs, row) -> line(rs, 14), accountId));
        lines.addAll(jdbc.query("""
                select slice, on_day, group_id, kind, bucket, on_week, on_month, facts
                from report_ticket_minutes where account_id = ? and facts <> 0 order by slice, on_day, group_id, kind, bucket""",
                (rs, row) -> line(rs, 8), accountId));
        lines.sort(null);
        return lines;
    }

    /** What {@link #dump} would answer for rollups computed afresh from the account's facts as stored. */
    List<String> recounted(String accountId) {
        List<TicketFact> all = stored(accountId);
        Map<DayKey, long[]> days = new TreeMap<>(DAY_ORDER);
        Map<MinuteKey, long[]> minutes = new TreeMap<>(MINUTE_ORDER);
        all.forEach(fact -> count(fact, 1, days, minutes));
        List<String> lines = new ArrayList<>();
        days.forEach((key, sums) -> {
            if (sums[0] != 0) {
                boolean closed = key.kind().equals("CLOSED");
                var line = new StringBuilder().append(key.slice()).append('|').append(key.day()).append('|').append(key.group())
                        .append('|').append(key.kind()).append('|').append(closed ? null : week(key.day())).append('|')
                        .append(closed ? null : key.day().withDayOfMonth(1)).append('|');
                for (long sum : sums) {
                    line.append(sum).append('|');
                }
                lines.add(line.toString());
            }
        });
        minutes.forEach((key, count) -> {
            if (count[0] != 0) {
                lines.add(key.slice() + "|" + key.day() + "|" + key.group() + "|" + key.kind() + "|" + key.bucket() + "|"
                        + week(key.day()) + "|" + key.day().withDayOfMonth(1) + "|" + count[0] + "|");
            }
        });
        lines.sort(null);
        return lines;
    }

    private List<TicketFact> stored(String accountId) {
        List<String> tickets = jdbc.queryForList("select distinct ticket_id from report_ticket_fact where account_id = ?",
                String.class, accountId);
        return tickets.isEmpty() ? List.of() : stored(accountId, tickets);
    }

    private static String line(java.sql.ResultSet rs, int columns) throws java.sql.SQLException {
        var line = new StringBuilder();
        for (int column = 1; column <= columns; column++) {
            Object value = rs.getObject(column);
            if (value instanceof java.sql.Date date) {
                value = date.toLocalDate();
            } else if (value instanceof Number number) {
                value = number.longValue();
            }
            line.append(value).append('|');
        }
        return line.toString();
    }
}
