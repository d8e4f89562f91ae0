package io.atende.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.SqlTimes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether anyone is there to take a chat: an operator is available while their chat desk is open
 * (the console reports it at every refresh of the queue) and for {@code atende.chat.operator-away-after}
 * after it closes, unless they declared themselves away or offline ({@link OperatorManagement#setAvailability}).
 * The time seen is kept in the database, so every node answers alike.
 */
@Service
public class ChatAvailability {

    // The desk refreshes every few seconds; writing once in a while is enough to stay available.
    private static final Duration WRITE_EVERY = Duration.ofSeconds(20);

    private final JdbcClient jdbc;
    private final OperatorManagement operators;
    private final DepartmentManagement departments;
    private final Duration awayAfter;
    private final Clock clock;
    private final Cache<String, Instant> written = Caffeine.newBuilder().expireAfterWrite(WRITE_EVERY).maximumSize(100_000).build();

    ChatAvailability(JdbcClient jdbc, OperatorManagement operators, DepartmentManagement departments,
                     @Value("${atende.chat.operator-away-after:2m}") Duration awayAfter, Clock clock) {
        this.jdbc = jdbc;
        this.operators = operators;
        this.departments = departments;
        this.awayAfter = awayAfter;
        this.clock = clock;
    }

    /** The operator has the chat desk open now. */
    @Transactional
    public void operatorAtDesk(String accountId, String operatorId) {
        String key = accountId + '/' + operatorId;
        if (written.getIfPresent(key) != null) {
            return;
        }
        var now = SqlTimes.utc(clock.instant());
        int updated = jdbc.sql("update chat_operator_presence set seen_at = :now where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).param("now", now).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into chat_operator_presence (account_id, operator_id, seen_at) values (:account, :operator, :now)
                    on conflict do nothing""")
                    .param("account", accountId).param("operator", operatorId).param("now", now).update();
        }
        written.put(key, clock.instant());
    }

    /**
     * Whether an active operator who may take the department's chats (any department's when
     * {@code departmentId} is {@code null}) had the chat desk open lately.
     */
    @Transactional(readOnly = true)
    public boolean anyoneAvailable(String accountId, String departmentId) {
        List<String> present = jdbc.sql("select operator_id from chat_operator_presence where account_id = :account and seen_at > :since")
                .param("account", accountId).param("since", SqlTimes.utc(clock.instant().minus(awayAfter)))
                .query(String.class).list();
        if (present.isEmpty()) {
            return false;
        }
        var unavailable = operators.declaredUnavailable(accountId, present);
        var active = operators.findAll(accountId, present).values().stream().filter(OperatorView::active)
                .map(OperatorView::id).filter(id -> !unavailable.contains(id)).toList();
        if (active.isEmpty() || departmentId == null) {
            return !active.isEmpty();
        }
        // One read for the department's members, not one per present operator: the widget asks on every page view.
        return !departments.membersAmong(accountId, departmentId, active).isEmpty();
    }
}
