package io.atende.automation;

import java.util.List;

import io.atende.ticket.TicketRetentionAction;
import io.atende.ticket.TicketRetentionParticipant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A ticket that retention deletes leaves nothing in the rules' memory: its queued trigger events, the trigger runs
 * and the automations' hits on it go too. An anonymized ticket keeps them (no personal data; each rule's counts).
 */
@Component
class RuleTicketRetention implements TicketRetentionParticipant {

    private final JdbcClient jdbc;

    RuleTicketRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(String accountId, List<String> ticketIds, TicketRetentionAction action) {
        if (action != TicketRetentionAction.DELETE) {
            return;
        }
        for (String table : List.of("automation_trigger_event", "automation_trigger_run", "automation_rule_hit")) {
            jdbc.sql("delete from " + table + " where account_id = :account and ticket_id in (:tickets)")
                    .param("account", accountId).param("tickets", ticketIds).update();
        }
    }
}
