package io.atende.chat;

import java.util.List;

import io.atende.ticket.TicketRetentionAction;
import io.atende.ticket.TicketRetentionParticipant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A chat that was turned into a ticket retention deletes stays, no longer linked to it. */
@Component
class ChatTicketRetention implements TicketRetentionParticipant {

    private final JdbcClient jdbc;

    ChatTicketRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(String accountId, List<String> ticketIds, TicketRetentionAction action) {
        if (action == TicketRetentionAction.DELETE) {
            jdbc.sql("update chat set ticket_id = null where account_id = :account and ticket_id in (:tickets)")
                    .param("account", accountId).param("tickets", ticketIds).update();
        }
    }
}
