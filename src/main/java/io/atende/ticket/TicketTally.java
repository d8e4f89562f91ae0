package io.atende.ticket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ticket counts per combination of the list's equality filters (table {@code ticket_tally}), changed in the
 * transaction of every ticket insert and update. Exact counts of queues and filtered lists then add up a few
 * hundred tally rows, however many tickets match.
 */
@Repository
class TicketTally {

    /** Where one ticket counts; "none" is the empty string, as in the table. */
    record Key(String departmentId, int situation, String operatorId, int priority, String statusId, String categoryId) {

        static Key of(Ticket ticket) {
            return new Key(ticket.departmentId, ticket.situation.code(), orNone(ticket.operatorId), ticket.priority,
                    orNone(ticket.statusId), orNone(ticket.categoryId));
        }

        private static String orNone(String id) {
            return id == null ? "" : id;
        }
    }

    /** Rows are always locked in this order, so two transactions moving tickets in opposite directions cannot deadlock. */
    private static final Comparator<Key> LOCK_ORDER = Comparator.comparing(Key::departmentId).thenComparingInt(Key::situation)
            .thenComparing(Key::operatorId).thenComparingInt(Key::priority).thenComparing(Key::statusId)
            .thenComparing(Key::categoryId);

    private final JdbcClient jdbc;

    TicketTally(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts a new ticket. */
    void add(String accountId, Key key) {
        change(accountId, key, 1);
    }

    /** Moves a ticket whose filtered columns changed from one combination to another. */
    void move(String accountId, Key from, Key to) {
        if (from.equals(to)) {
            return;
        }
        if (LOCK_ORDER.compare(from, to) < 0) {
            change(accountId, from, -1);
            change(accountId, to, 1);
        } else {
            change(accountId, to, 1);
            change(accountId, from, -1);
        }
    }

    /**
     * The number of tickets matching the filter, when the tally can tell: the filter uses only its columns
     * (situation, department, status, category, operator, priority) and at least one of them. Empty otherwise.
     */
    OptionalLong count(String accountId, TicketFilter filter) {
        boolean beyondTally = filter.customerIds() != null || filter.createdFrom() != null || filter.createdTo() != null
                || filter.updatedFrom() != null || filter.minProtocol() != null || filter.maxProtocol() != null
                || !SearchText.words(filter.search()).isEmpty();
        List<String> where = new ArrayList<>(List.of("account_id = :account"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        if (filter.situations() != null && !filter.situations().isEmpty()) {
            where.add("situation in (:situations)");
            params.put("situations", filter.situations());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            where.add("priority in (:priorities)");
            params.put("priorities", filter.priorities());
        }
        equal(where, params, "department_id", filter.departmentId());
        equal(where, params, "status_id", filter.statusId());
        equal(where, params, "category_id", filter.categoryId());
        equal(where, params, "operator_id", filter.operatorId());
        if (beyondTally || where.size() == 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.sql("select coalesce(sum(tickets), 0) from ticket_tally where " + String.join(" and ", where))
                .params(params).query(Long.class).single());
    }

    private static void equal(List<String> where, Map<String, Object> params, String column, String value) {
        if (value != null) {
            where.add(column + " = :" + column);
            params.put(column, value);
        }
    }

    private void change(String accountId, Key key, int delta) {
        if (update(accountId, key, delta) == 0) {
            // First ticket of this combination: create its row (a concurrent first one may win; either way it exists).
            jdbc.sql("""
                    insert into ticket_tally (account_id, department_id, situation, operator_id, priority, status_id, category_id,
                        tickets)
                    values (:account, :department, :situation, :operator, :priority, :status, :category, 0)
                    on conflict do nothing""")
                    .params(keyParams(accountId, key)).update();
            update(accountId, key, delta);
        }
    }

    private int update(String accountId, Key key, int delta) {
        return jdbc.sql("""
                update ticket_tally set tickets = tickets + :delta
                where account_id = :account and department_id = :department and situation = :situation
                  and operator_id = :operator and priority = :priority and status_id = :status and category_id = :category""")
                .params(keyParams(accountId, key)).param("delta", delta).update();
    }

    private static Map<String, Object> keyParams(String accountId, Key key) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        params.put("department", key.departmentId());
        params.put("situation", key.situation());
        params.put("operator", key.operatorId());
        params.put("priority", key.priority());
        params.put("status", key.statusId());
        params.put("category", key.categoryId());
        return params;
    }
}
