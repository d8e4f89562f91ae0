package io.atende.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.utc;

@Repository
class AssignmentRepository {

    /** A department with work for automatic assignment. */
    record DepartmentKey(String accountId, String departmentId) {
    }

    private final JdbcClient jdbc;

    AssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Puts the ticket in the department's queue (or moves it there), due at once. */
    void enqueue(String accountId, String ticketId, String departmentId, Instant now) {
        int moved = jdbc.sql("""
                update assignment_waiting set department_id = :department, queued_at = :now, check_after = :now
                 where account_id = :account and ticket_id = :ticket""")
                .param("account", accountId).param("ticket", ticketId).param("department", departmentId).param("now", utc(now))
                .update();
        if (moved == 0) {
            jdbc.sql("""
                    insert into assignment_waiting (account_id, ticket_id, department_id, queued_at, check_after)
                    values (:account, :ticket, :department, :now, :now)""")
                    .param("account", accountId).param("ticket", ticketId).param("department", departmentId).param("now", utc(now))
                    .update();
        }
    }

    void dequeue(String accountId, String ticketId) {
        jdbc.sql("delete from assignment_waiting where account_id = :account and ticket_id = :ticket")
                .param("account", accountId).param("ticket", ticketId).update();
    }

    /** Empties the department's queue: its tickets are left to the operators. */
    void dropWaiting(String accountId, String departmentId) {
        jdbc.sql("delete from assignment_waiting where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).update();
    }

    /** The department's longest-waiting ticket, whether due or not: the department is being served. */
    Optional<String> firstWaiting(String accountId, String departmentId) {
        return jdbc.sql("""
                select ticket_id from assignment_waiting where account_id = :account and department_id = :department
                 order by queued_at, ticket_id limit 1""")
                .param("account", accountId).param("department", departmentId).query(String.class).optional();
    }

    /** The department's waiting tickets, longest-waiting first. */
    List<String> waiting(String accountId, String departmentId) {
        return jdbc.sql("""
                select ticket_id from assignment_waiting where account_id = :account and department_id = :department
                 order by queued_at, ticket_id""")
                .param("account", accountId).param("department", departmentId).query(String.class).list();
    }

    /** Nobody can take the department's tickets now: they are looked at again at {@code until} or when nudged. */
    void postpone(String accountId, String departmentId, Instant until) {
        jdbc.sql("update assignment_waiting set check_after = :until where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).param("until", utc(until)).update();
    }

    /** Departments with a ticket due or a nudge, across accounts. */
    List<DepartmentKey> departmentsDue(Instant now, int limit) {
        var due = jdbc.sql("""
                select distinct account_id, department_id from assignment_waiting where check_after <= :now""")
                .param("now", utc(now)).query((rs, row) -> new DepartmentKey(rs.getString("account_id"), rs.getString("department_id")))
                .list();
        var nudged = jdbc.sql("select account_id, department_id from assignment_cursor where nudged = true")
                .query((rs, row) -> new DepartmentKey(rs.getString("account_id"), rs.getString("department_id"))).list();
        return java.util.stream.Stream.concat(due.stream(), nudged.stream()).distinct().limit(limit).toList();
    }

    /** Makes sure the department has its cursor row, the lock its assignments take turns on. */
    void ensureCursor(String accountId, String departmentId) {
        jdbc.sql("""
                insert into assignment_cursor (account_id, department_id, last_operator_id, nudged)
                values (:account, :department, null, false) on conflict do nothing""")
                .param("account", accountId).param("department", departmentId).update();
    }

    /**
     * Locks the department's cursor row until the transaction ends and answers who got its last ticket; empty when
     * the row does not exist or, with {@code skipLocked}, when another transaction holds it.
     */
    Optional<Optional<String>> lockCursor(String accountId, String departmentId, boolean skipLocked) {
        return jdbc.sql("select last_operator_id from assignment_cursor where account_id = :account and department_id = :department for update"
                        + (skipLocked ? " skip locked" : ""))
                .param("account", accountId).param("department", departmentId)
                .query((rs, row) -> Optional.ofNullable(rs.getString("last_operator_id"))).optional();
    }

    /** Records who got the department's last ticket, and that every nudge so far has been looked at. */
    void advance(String accountId, String departmentId, String lastOperatorId) {
        jdbc.sql("""
                update assignment_cursor set last_operator_id = :operator, nudged = false
                 where account_id = :account and department_id = :department""")
                .param("account", accountId).param("department", departmentId).param("operator", lastOperatorId).update();
    }

    void clearNudge(String accountId, String departmentId) {
        jdbc.sql("update assignment_cursor set nudged = false where account_id = :account and department_id = :department and nudged = true")
                .param("account", accountId).param("department", departmentId).update();
    }

    /** Something that may let waiting tickets through happened in the account: every department looks again. */
    void nudge(String accountId) {
        jdbc.sql("update assignment_cursor set nudged = true where account_id = :account and nudged = false")
                .param("account", accountId).update();
    }

    /** Forgets a department that no longer exists. */
    void forget(String accountId, String departmentId) {
        dropWaiting(accountId, departmentId);
        jdbc.sql("delete from assignment_cursor where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).update();
    }
}
