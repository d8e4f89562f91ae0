package io.atende.mail;

import java.util.List;

import io.atende.ticket.TicketRetentionAction;
import io.atende.ticket.TicketRetentionParticipant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets the mail about tickets that retention anonymizes or deletes: the messages sent about them go with their
 * attempts, and the log of incoming mail keeps what became of each message read into them but not its sender, subject
 * nor the message as it came.
 */
@Component
class MailTicketRetention implements TicketRetentionParticipant {

    private final JdbcClient jdbc;

    MailTicketRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(String accountId, List<String> ticketIds, TicketRetentionAction action) {
        jdbc.sql("""
                delete from mail_attempt where account_id = :account
                   and message_id in (select id from mail_message where account_id = :account and ticket_id in (:tickets))""")
                .param("account", accountId).param("tickets", ticketIds).update();
        jdbc.sql("delete from mail_message where account_id = :account and ticket_id in (:tickets)")
                .param("account", accountId).param("tickets", ticketIds).update();
        jdbc.sql("""
                delete from mail_inbound_raw where account_id = :account
                   and inbound_id in (select id from mail_inbound where account_id = :account and ticket_id in (:tickets))""")
                .param("account", accountId).param("tickets", ticketIds).update();
        jdbc.sql("update mail_inbound set sender = null, subject = null, detail = null where account_id = :account and ticket_id in (:tickets)")
                .param("account", accountId).param("tickets", ticketIds).update();
    }
}
