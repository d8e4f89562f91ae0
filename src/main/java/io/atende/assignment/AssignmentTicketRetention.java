package io.atende.assignment;

import java.util.List;

import io.atende.ticket.TicketRetentionAction;
import io.atende.ticket.TicketRetentionParticipant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A ticket that retention deletes no longer waits for an operator to be assigned. */
@Component
class AssignmentTicketRetention implements TicketRetentionParticipant {

    private final JdbcClient jdbc;

    AssignmentTicketRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(String accountId, List<String> ticketIds, TicketRetentionAction action) {
        if (action == TicketRetentionAction.DELETE) {
            jdbc.sql("delete from assignment_waiting where account_id = :account and ticket_id in (:tickets)")
                    .param("account", accountId).param("tickets", ticketIds).update();
        }
    }
}
