package io.atende.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
