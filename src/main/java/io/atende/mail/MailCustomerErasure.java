package io.atende.mail;

import java.util.List;
import java.util.Locale;

import io.atende.customer.CustomerErasure;
import io.atende.customer.CustomerErasureParticipant;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets the mail that names the customer: outgoing messages to the customer's address or about the erased tickets
 * (sent or pending, with their attempts) are purged; the log of incoming mail keeps what happened to each message
 * but not its sender nor subject.
 */
@Component
@Order(CustomerErasureParticipant.TRACES)
class MailCustomerErasure implements CustomerErasureParticipant {

    private final JdbcClient jdbc;

    MailCustomerErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(CustomerErasure erasure) {
        String account = erasure.accountId();
        String email = erasure.email() == null ? "" : erasure.email().strip().toLowerCase(Locale.ROOT);
        List<String> tickets = erasure.erasedRecordIds().isEmpty() ? List.of("") : List.copyOf(erasure.erasedRecordIds());
        String outgoing = """
                select id from mail_message where account_id = :account
                   and (ticket_id in (:tickets) or lower(recipient) = :email or lower(recipient) like :bracketed)""";
        jdbc.sql("delete from mail_attempt where account_id = :account and message_id in (" + outgoing + ")")
                .param("account", account).param("tickets", tickets).param("email", email).param("bracketed", "%<" + email + ">%")
                .update();
        jdbc.sql("""
                delete from mail_message where account_id = :account
                   and (ticket_id in (:tickets) or lower(recipient) = :email or lower(recipient) like :bracketed)""")
                .param("account", account).param("tickets", tickets).param("email", email).param("bracketed", "%<" + email + ">%")
                .update();
        jdbc.sql("""
                update mail_inbound set sender = null, subject = null, detail = null
                 where account_id = :account and (ticket_id in (:tickets) or lower(sender) = :email or lower(sender) like :bracketed)""")
                .param("account", account).param("tickets", tickets).param("email", email).param("bracketed", "%<" + email + ">%")
                .update();
    }
}
