package io.atende.retention;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.atende.ticket.TicketRetentionAction;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.utc;

@Repository
class RetentionRepository {

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RetentionPolicy> find(String accountId) {
        return jdbc.sql("select ticket_months, ticket_action, inbound_raw_days from retention_policy where account_id = :account")
                .param("account", accountId)
                .query((rs, n) -> new RetentionPolicy((Integer) rs.getObject("ticket_months", Integer.class),
                        TicketRetentionAction.valueOf(rs.getString("ticket_action").toUpperCase(Locale.ROOT)),
                        (Integer) rs.getObject("inbound_raw_days", Integer.class)))
                .optional();
    }

    void save(String accountId, RetentionPolicy policy, Instant now) {
        var action = policy.ticketAction().name().toLowerCase(Locale.ROOT);
        int updated = jdbc.sql("""
                update retention_policy set ticket_months = :months, ticket_action = :action, inbound_raw_days = :days, updated_at = :now
                 where account_id = :account""")
                .param("account", accountId).param("months", policy.ticketMonths()).param("action", action)
                .param("days", policy.inboundRawDays()).param("now", utc(now)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into retention_policy (account_id, ticket_months, ticket_action, inbound_raw_days, updated_at)
                    values (:account, :months, :action, :days, :now)""")
                    .param("account", accountId).param("months", policy.ticketMonths()).param("action", action)
                    .param("days", policy.inboundRawDays()).param("now", utc(now)).update();
        }
    }

    boolean leaseSweep(String holder, Instant now, Instant until) {
        return jdbc.sql("""
                update retention_sweep_lease set holder = :holder, lease_until = :until
                 where id = 'retention' and (holder is null or holder = :holder or lease_until is null or lease_until <= :now)""")
                .param("holder", holder).param("until", utc(until)).param("now", utc(now)).update() == 1;
    }

    void releaseSweep(String holder) {
        jdbc.sql("update retention_sweep_lease set holder = null, lease_until = null where id = 'retention' and holder = :holder")
                .param("holder", holder).update();
    }
}
