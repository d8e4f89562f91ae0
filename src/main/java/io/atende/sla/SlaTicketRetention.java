package io.atende.sla;

import java.util.List;

import io.atende.ticket.TicketRetentionAction;
import io.atende.ticket.TicketRetentionParticipant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A ticket that retention deletes takes its service-level clocks with it (targets, alerts, transitions); an anonymized
 * one keeps them, as they hold no personal data and the reports count them.
 */
@Component
class SlaTicketRetention implements TicketRetentionParticipant {

    private final JdbcClient jdbc;

    SlaTicketRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(String accountId, List<String> ticketIds, TicketRetentionAction action) {
        if (action != TicketRetentionAction.DELETE) {
            return;
        }
        for (String table : List.of("sla_ticket_target", "sla_ticket_transition")) {
            jdbc.sql("delete from " + table + " where account_id = :account and ticket_id in (:tickets)")
                    .param("account", accountId).param("tickets", ticketIds).update();
        }
    }
}
