package io.atende.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import io.atende.department.DepartmentVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ticket counts changed in the transaction of every ticket insert and update (migration V82): every ticket by
 * department, situation, operator and priority ({@code ticket_tally}), and the tickets in a custom status by status,
 * department and situation ({@code ticket_status_tally}). Exact counts of queues and filtered lists then add up a
 * few hundred tally rows, however many tickets match.
 */
@Repository
class TicketTally {

    /** Where one ticket counts; no operator is the empty string, as in the table, and no status is null. */
    record Key(String departmentId, int situation, String operatorId, int priority, String statusId) {

        static Key of(Ticket ticket) {
            return new Key(ticket.departmentId, StoredCodes.situation(ticket.situation), ticket.operatorId == null ? "" : ticket.operatorId,
                    StoredCodes.priority(ticket.priority), ticket.statusId);
        }

        Counted main() {
            return new Counted(false, List.of(departmentId, situation, operatorId, priority));
        }

        Counted status() {
            return statusId == null ? null : new Counted(true, List.of(statusId, departmentId, situation));
        }
    }

    /** One tally row: which tally and its key columns, in primary-key order. */
    private record Counted(boolean status, List<Object> columns) {
    }

    /**
     * Rows are always locked in this order (the main tally before the status tally, each by key), so two transactions
     * moving tickets in opposite directions cannot deadlock.
     */
    private static final Comparator<Counted> LOCK_ORDER = Comparator.comparing(Counted::status)
            .thenComparing(counted -> counted.columns().toString());

    private final JdbcClient jdbc;

    TicketTally(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts a new ticket. */
    void add(String accountId, Key key) {
        move(accountId, null, key);
    }

    /** Stops counting a deleted ticket. */
    void remove(String accountId, Key key) {
        Map<Counted, Integer> changes = new TreeMap<>(LOCK_ORDER);
        changes.put(key.main(), -1);
        if (key.status() != null) {
            changes.put(key.status(), -1);
        }
        changes.forEach((counted, delta) -> update(accountId, counted, delta));
    }

    /** Moves a ticket whose counted columns changed ({@code from} null: a new ticket). */
    void move(String accountId, Key from, Key to) {
        if (to.equals(from)) {
            return;
        }
        Map<Counted, Integer> changes = new TreeMap<>(LOCK_ORDER);
        if (from != null) {
            changes.merge(from.main(), -1, Integer::sum);
            if (from.status() != null) {
                changes.merge(from.status(), -1, Integer::sum);
            }
        }
        changes.merge(to.main(), 1, Integer::sum);
        if (to.status() != null) {
            changes.merge(to.status(), 1, Integer::sum);
        }
        changes.forEach((counted, delta) -> {
            if (delta != 0) {
                change(accountId, counted, delta);
            }
        });
    }

    /** The whole account's tallies, added up by department and situation and by status and situation. */
    TicketTallies all(String accountId, String operatorId, DepartmentVisibility visibility) {
        if (!visibility.all() && visibility.departmentIds().isEmpty()) {
            return new TicketTallies(List.of(), List.of());
        }
        String seen = visibility.all() ? "" : " and department_id in (:visible)";
        var byDepartment = jdbc.sql("""
                select department_id, situation, sum(tickets) as tickets,
                       sum(case when operator_id = :operator then tickets else 0 end) as operator_tickets,
                       sum(case when operator_id = '' then tickets else 0 end) as unassigned_tickets
                from ticket_tally where account_id = :account""" + seen + " group by department_id, situation")
                .params(visible(visibility)).param("account", accountId).param("operator", operatorId == null ? "" : operatorId)
                .query((rs, n) -> new TicketTallies.ByDepartment(rs.getString("department_id"), situation(rs),
                        rs.getLong("tickets"), rs.getLong("operator_tickets"), rs.getLong("unassigned_tickets")))
                .list();
        var byStatus = jdbc.sql("""
                select status_id, situation, sum(tickets) as tickets
                from ticket_status_tally where account_id = :account""" + seen + " group by status_id, situation")
                .params(visible(visibility)).param("account", accountId)
                .query((rs, n) -> new TicketTallies.ByStatus(rs.getString("status_id"), situation(rs), rs.getLong("tickets")))
                .list();
        return new TicketTallies(byDepartment, byStatus);
    }

    private static Map<String, Object> visible(DepartmentVisibility visibility) {
        return visibility.all() ? Map.of() : Map.of("visible", visibility.departmentIds());
    }

    private static Situation situation(ResultSet rs) throws SQLException {
        return StoredCodes.situation(rs.getInt("situation"));
    }

    /**
     * The number of tickets matching the filter, when a tally can tell: the filter uses only department, situation,
     * operator (or none) and priority, or only status, department and situation, and at least one of them. Empty otherwise.
     */
    OptionalLong count(String accountId, TicketQuery filter) {
        boolean situations = filter.situations() != null && !filter.situations().isEmpty();
        boolean priorities = filter.priorities() != null && !filter.priorities().isEmpty();
        boolean beyondTallies = filter.customerIds() != null || filter.createdFrom() != null || filter.createdTo() != null
                || filter.updatedFrom() != null || filter.minProtocol() != null || filter.maxProtocol() != null
                || !SearchText.words(filter.text()).isEmpty() || filter.categoryId() != null || !filter.slaStatuses().isEmpty()
                || (filter.statusId() != null && (filter.operatorId() != null || filter.unassigned() || priorities));
        if (beyondTallies || (!situations && !priorities && filter.departmentId() == null && filter.visibility().all() && filter.statusId() == null
                && filter.operatorId() == null && !filter.unassigned())) {
            return OptionalLong.empty();
        }
        List<String> where = new ArrayList<>(List.of("account_id = :account"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        if (situations) {
            where.add("situation in (:situations)");
            params.put("situations", StoredCodes.situations(filter.situations()));
        }
        if (priorities) {
            where.add("priority in (:priorities)");
            params.put("priorities", StoredCodes.priorities(filter.priorities()));
        }
        equal(where, params, "department_id", filter.departmentId());
        if (!filter.visibility().all()) {
            where.add("department_id in (:visible)");
            params.put("visible", filter.visibility().departmentIds());
        }
        equal(where, params, "status_id", filter.statusId());
        equal(where, params, "operator_id", filter.operatorId());
        if (filter.unassigned()) {
            // No operator is the empty string in the tally (see Key).
            where.add("operator_id = ''");
        }
        String table = filter.statusId() != null ? "ticket_status_tally" : "ticket_tally";
        return OptionalLong.of(jdbc.sql("select coalesce(sum(tickets), 0) from " + table + " where " + String.join(" and ", where))
                .params(params).query(Long.class).single());
    }

    private static void equal(List<String> where, Map<String, Object> params, String column, String value) {
        if (value != null) {
            where.add(column + " = :" + column);
            params.put(column, value);
        }
    }

    private void change(String accountId, Counted counted, int delta) {
        if (update(accountId, counted, delta) == 0) {
            // First ticket of this combination: create its row (a concurrent first one may win; either way it exists).
            String insert = counted.status()
                    ? "insert into ticket_status_tally (account_id, status_id, department_id, situation, tickets)"
                            + " values (:account, :k0, :k1, :k2, 0) on conflict do nothing"
                    : "insert into ticket_tally (account_id, department_id, situation, operator_id, priority, tickets)"
                            + " values (:account, :k0, :k1, :k2, :k3, 0) on conflict do nothing";
            jdbc.sql(insert).params(keyParams(accountId, counted)).update();
            update(accountId, counted, delta);
        }
    }

    private int update(String accountId, Counted counted, int delta) {
        String update = counted.status()
                ? "update ticket_status_tally set tickets = tickets + :delta"
                        + " where account_id = :account and status_id = :k0 and department_id = :k1 and situation = :k2"
                : "update ticket_tally set tickets = tickets + :delta where account_id = :account and department_id = :k0"
                        + " and situation = :k1 and operator_id = :k2 and priority = :k3";
        return jdbc.sql(update).params(keyParams(accountId, counted)).param("delta", delta).update();
    }

    /** The key columns as :k0, :k1… */
    private static Map<String, Object> keyParams(String accountId, Counted counted) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        for (int i = 0; i < counted.columns().size(); i++) {
            params.put("k" + i, counted.columns().get(i));
        }
        return params;
    }
}
