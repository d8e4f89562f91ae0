package io.atende.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads of the reports: grouped aggregates of the period's facts, by {@code (account_id, kind, on_day)}, read from the index alone on PostgreSQL. Medians and
 * percentiles are the database's exact {@code percentile_cont} over the period's durations.
 */
@Repository
class ReportRepository {

    /** A group's aggregates of one kind of fact. */
    record Aggregate(String group, FactKind kind, long count, Double median, Double p90, long judged,
                     long met, long graded, long gradeSum, long answered, long solved, long workSeconds) {

        /** The counts and sums of every group, by kind, in one group named {@code ""} (no medians). */
        static List<Aggregate> sumByKind(List<Aggregate> aggregates) {
            Map<FactKind, Aggregate> sums = new EnumMap<>(FactKind.class);
            for (var one : aggregates) {
                sums.merge(one.kind(), new Aggregate("", one.kind(), one.count(), null, null, one.judged(), one.met(),
                        one.graded(), one.gradeSum(), one.answered(), one.solved(), one.workSeconds()), (a, b) ->
                        new Aggregate("", a.kind(), a.count() + b.count(), null, null, a.judged() + b.judged(), a.met() + b.met(),
                                a.graded() + b.graded(), a.gradeSum() + b.gradeSum(), a.answered() + b.answered(),
                                a.solved() + b.solved(), a.workSeconds() + b.workSeconds()));
            }
            return List.copyOf(sums.values());
        }
    }

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The period's facts of these kinds by group and kind; {@code groupExpression} {@code null} puts them all in one
     * group named {@code ""}.
     */
    List<Aggregate> aggregates(String accountId, ReportQuery query, String groupExpression, List<FactKind> kinds) {
        var params = new LinkedHashMap<String, Object>();
        String group = groupExpression == null ? "''" : groupExpression;
        String where = where(accountId, query, params) + " and on_day >= :from and on_day <= :to and kind in (:kinds)";
        params.put("from", query.from());
        params.put("to", query.to());
        params.put("kinds", kinds.stream().map(Enum::name).toList());
        String sql = "select " + group + " as grp, kind, count(*) as n,"
                + " percentile_cont(0.5) within group (order by seconds) as p50,"
                + " percentile_cont(0.9) within group (order by seconds) as p90,"
                + " count(sla_met) as judged, sum(case when sla_met then 1 else 0 end) as met_count,"
                + " count(grade) as graded, coalesce(sum(grade), 0) as grades,"
                + " count(solved) as answered, sum(case when solved then 1 else 0 end) as solved_count,"
                + " coalesce(sum(work_seconds), 0) as work"
                + " from report_ticket_fact" + where
                + " group by " + (groupExpression == null ? "kind" : group + ", kind");
        return jdbc.sql(sql).params(params).query(ReportRepository::aggregate).list();
    }

    /**
     * What a report reads from the per-day rollups: a slice, and the group of that slice its filter keeps ({@code null}
     * for every group).
     */
    record Rollup(TicketRollups.Slice slice, String group) {

        /**
         * The rollup that answers the query, if one does: without filters any grouping; with one filter a grouping by
         * time or by the filter's own dimension. Other combinations read the facts.
         */
        static Optional<Rollup> of(ReportQuery query) {
            if (!query.visibility().all()) {
                // The rollups add up every department of a slice; a limited visibility counts from the facts.
                return Optional.empty();
            }
            Map<ReportGrouping, String> filters = new EnumMap<>(ReportGrouping.class);
            if (query.departmentId() != null) {
                filters.put(ReportGrouping.DEPARTMENT, query.departmentId());
            }
            if (query.operatorId() != null) {
                filters.put(ReportGrouping.OPERATOR, query.operatorId());
            }
            if (query.categoryId() != null) {
                filters.put(ReportGrouping.CATEGORY, query.categoryId());
            }
            if (query.channel() != null) {
                filters.put(ReportGrouping.CHANNEL, query.channel());
            }
            var grouping = query.groupBy();
            if (filters.isEmpty()) {
                return Optional.of(new Rollup(grouping.isTime() ? TicketRollups.Slice.ALL
                        : TicketRollups.Slice.valueOf(grouping.name()), null));
            }
            if (filters.size() == 1) {
                var filter = filters.entrySet().iterator().next();
                if (grouping.isTime() || grouping == filter.getKey()) {
                    return Optional.of(new Rollup(TicketRollups.Slice.valueOf(filter.getKey().name()), filter.getValue()));
                }
            }
            return Optional.empty();
        }

        /** The rollups' column for a grouping: the day, week or month, or the slice's group. */
        static String column(ReportGrouping grouping) {
            return grouping.isTime() ? grouping.column() : "group_id";
        }
    }

    /**
     * The period's rollups of these kinds by group and kind, without medians or percentiles; {@code groupColumn}
     * {@code null} puts them all in one group named {@code ""}.
     */
    List<Aggregate> rolledUp(String accountId, ReportQuery query, Rollup rollup, String groupColumn, List<FactKind> kinds) {
        var params = new LinkedHashMap<String, Object>();
        String group = groupColumn == null ? "''" : groupColumn;
        String sql = "select " + group + " as grp, kind, sum(facts) as n, sum(judged) as judged, sum(met) as met_count,"
                + " sum(graded) as graded, sum(grade_sum) as grades, sum(answered) as answered, sum(solved) as solved_count,"
                + " sum(work_seconds) as work from report_ticket_day" + rollupWhere(accountId, query, rollup, params)
                + " and kind in (:kinds) group by " + (groupColumn == null ? "kind" : group + ", kind")
                + " having sum(facts) <> 0";
        params.put("kinds", kinds.stream().map(Enum::name).toList());
        return jdbc.sql(sql).params(params).query((rs, row) -> {
            Object value = rs.getObject("grp");
            return new Aggregate(value instanceof java.sql.Date date ? date.toLocalDate().toString() : String.valueOf(value),
                    FactKind.valueOf(rs.getString("kind")), rs.getLong("n"), null, null, rs.getLong("judged"),
                    rs.getLong("met_count"), rs.getLong("graded"), rs.getLong("grades"), rs.getLong("answered"),
                    rs.getLong("solved_count"), rs.getLong("work"));
        }).list();
    }

    /** The period's duration histograms (first replies and resolutions) by group and kind: bucket to how many. */
    Map<String, Map<FactKind, NavigableMap<Long, Long>>> histograms(String accountId, ReportQuery query, Rollup rollup,
                                                                            String groupColumn) {
        var params = new LinkedHashMap<String, Object>();
        String group = groupColumn == null ? "''" : groupColumn;
        String sql = "select " + group + " as grp, kind, bucket, sum(facts) as n from report_ticket_minutes"
                + rollupWhere(accountId, query, rollup, params) + " group by " + (groupColumn == null ? "" : group + ", ")
                + "kind, bucket having sum(facts) <> 0";
        Map<String, Map<FactKind, NavigableMap<Long, Long>>> histograms = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            Object value = rs.getObject("grp");
            String name = value instanceof java.sql.Date date ? date.toLocalDate().toString() : String.valueOf(value);
            histograms.computeIfAbsent(name, key -> new EnumMap<>(FactKind.class))
                    .computeIfAbsent(FactKind.valueOf(rs.getString("kind")), key -> new TreeMap<>())
                    .merge(rs.getLong("bucket"), rs.getLong("n"), Long::sum);
        });
        return histograms;
    }

    /** Tickets open at the end of {@code day} by group, from the rollups: the stretches opened up to it less those closed. */
    Map<String, Long> rolledUpOpenAtEndOf(String accountId, Rollup rollup, LocalDate day, boolean byGroup) {
        var params = new LinkedHashMap<String, Object>();
        var where = new StringBuilder(" where account_id = :account and slice = :slice and on_day <= :day"
                + " and kind in ('OPEN', 'CLOSED')");
        params.put("account", accountId);
        params.put("slice", rollup.slice().name());
        params.put("day", day);
        if (rollup.group() != null) {
            where.append(" and group_id = :group");
            params.put("group", rollup.group());
        }
        Map<String, Long> open = new LinkedHashMap<>();
        jdbc.sql("select " + (byGroup ? "group_id" : "''") + " as grp,"
                        + " sum(case when kind = 'OPEN' then facts else -facts end) as n from report_ticket_day" + where
                        + (byGroup ? " group by group_id" : ""))
                .params(params).query(rs -> {
                    long count = rs.getLong("n");
                    if (count != 0) {
                        open.put(rs.getString("grp"), count);
                    }
                });
        return open;
    }

    private static String rollupWhere(String accountId, ReportQuery query, Rollup rollup, Map<String, Object> params) {
        var where = new StringBuilder(" where account_id = :account and slice = :slice and on_day >= :from and on_day <= :to");
        params.put("account", accountId);
        params.put("slice", rollup.slice().name());
        params.put("from", query.from());
        params.put("to", query.to());
        if (rollup.group() != null) {
            where.append(" and group_id = :group");
            params.put("group", rollup.group());
        }
        return where.toString();
    }

    /** Tickets open at the end of {@code day}, by group ({@code ""} for all when {@code groupColumn} is null). */
    Map<String, Long> openAtEndOf(String accountId, ReportQuery query, LocalDate day, String groupColumn) {
        var params = new LinkedHashMap<String, Object>();
        String group = groupColumn == null ? "''" : groupColumn;
        String where = where(accountId, query, params)
                + " and kind = 'OPEN' and on_day <= :day and (ended_day is null or ended_day > :day)";
        params.put("day", day);
        Map<String, Long> open = new LinkedHashMap<>();
        jdbc.sql("select " + group + " as grp, count(*) as n from report_ticket_fact" + where
                        + (groupColumn == null ? "" : " group by " + group))
                .params(params).query(rs -> {
                    open.put(rs.getString("grp"), rs.getLong("n"));
                });
        return open;
    }

    /** Distinct tickets with any of these kinds of facts in the period, by the expression's group. */
    Map<String, Long> distinctTickets(String accountId, ReportQuery query, String groupExpression, List<FactKind> kinds) {
        var params = new LinkedHashMap<String, Object>();
        String where = where(accountId, query, params) + " and on_day >= :from and on_day <= :to and kind in (:kinds)";
        params.put("from", query.from());
        params.put("to", query.to());
        params.put("kinds", kinds.stream().map(Enum::name).toList());
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select grp, count(distinct ticket_id) as n from (select " + groupExpression + " as grp, ticket_id"
                        + " from report_ticket_fact" + where + ") facts group by grp")
                .params(params).query(rs -> {
                    counts.put(rs.getString("grp"), rs.getLong("n"));
                });
        return counts;
    }

    /** A group's chat aggregates. */
    record ChatAggregate(String group, long queued, long accepted, long abandoned, Double waitMedian, Double waitP90,
                         Double durationMedian, Double durationP90, long graded, long gradeSum) {
    }

    /** The chats queued in the period by group ({@code ""} for all when {@code groupColumn} is null). */
    List<ChatAggregate> chatAggregates(String accountId, ReportQuery query, String groupColumn) {
        var params = new LinkedHashMap<String, Object>();
        String group = groupColumn == null ? "''" : groupColumn;
        var where = new StringBuilder(" where account_id = :account and on_day >= :from and on_day <= :to");
        params.put("account", accountId);
        params.put("from", query.from());
        params.put("to", query.to());
        if (query.departmentId() != null) {
            where.append(" and department_id = :department");
            params.put("department", query.departmentId());
        }
        if (!query.visibility().all()) {
            // An empty visibility matches nothing: the list holds an id no department has.
            where.append(" and department_id in (:visibleDepartments)");
            params.put("visibleDepartments", query.visibility().departmentIds().isEmpty() ? List.of("")
                    : List.copyOf(query.visibility().departmentIds()));
        }
        if (query.operatorId() != null) {
            where.append(" and operator_id = :operator");
            params.put("operator", query.operatorId());
        }
        String sql = "select " + group + " as grp, count(*) as queued,"
                + " sum(case when accepted then 1 else 0 end) as accepted_count,"
                + " sum(case when abandoned then 1 else 0 end) as abandoned_count,"
                + " percentile_cont(0.5) within group (order by wait_seconds) as w50,"
                + " percentile_cont(0.9) within group (order by wait_seconds) as w90,"
                + " percentile_cont(0.5) within group (order by duration_seconds) as d50,"
                + " percentile_cont(0.9) within group (order by duration_seconds) as d90,"
                + " count(grade) as graded, coalesce(sum(grade), 0) as grades"
                + " from report_chat_fact" + where + (groupColumn == null ? "" : " group by " + group);
        return jdbc.sql(sql).params(params).query((rs, row) -> {
            Object value = rs.getObject("grp");
            return new ChatAggregate(value instanceof java.sql.Date date ? date.toLocalDate().toString() : String.valueOf(value),
                    rs.getLong("queued"), rs.getLong("accepted_count"), rs.getLong("abandoned_count"), decimal(rs, "w50"),
                    decimal(rs, "w90"), decimal(rs, "d50"), decimal(rs, "d90"), rs.getLong("graded"), rs.getLong("grades"));
        }).list();
    }

    private static String where(String accountId, ReportQuery query, Map<String, Object> params) {
        var where = new StringBuilder(" where account_id = :account");
        params.put("account", accountId);
        if (query.departmentId() != null) {
            where.append(" and department_id = :department");
            params.put("department", query.departmentId());
        }
        if (!query.visibility().all()) {
            // An empty visibility matches nothing: the list holds an id no department has.
            where.append(" and department_id in (:visibleDepartments)");
            params.put("visibleDepartments", query.visibility().departmentIds().isEmpty() ? List.of("")
                    : List.copyOf(query.visibility().departmentIds()));
        }
        if (query.operatorId() != null) {
            where.append(" and operator_id = :operator");
            params.put("operator", query.operatorId());
        }
        if (query.categoryId() != null) {
            where.append(" and category_id = :category");
            params.put("category", query.categoryId());
        }
        if (query.channel() != null) {
            where.append(" and channel = :channel");
            params.put("channel", query.channel());
        }
        return where.toString();
    }

    private static Aggregate aggregate(ResultSet rs, int row) throws SQLException {
        Object group = rs.getObject("grp");
        return new Aggregate(group instanceof java.sql.Date date ? date.toLocalDate().toString() : String.valueOf(group),
                FactKind.valueOf(rs.getString("kind")), rs.getLong("n"), decimal(rs, "p50"),
                decimal(rs, "p90"), rs.getLong("judged"), rs.getLong("met_count"), rs.getLong("graded"), rs.getLong("grades"),
                rs.getLong("answered"), rs.getLong("solved_count"), rs.getLong("work"));
    }

    private static Double decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
