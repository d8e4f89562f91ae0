package io.atende.ticket;

import java.util.Locale;

import io.atende.customer.CustomerErasure;
import io.atende.customer.CustomerErasureParticipant;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An erased customer follows no ticket any more: their address leaves every ticket they were copied on. */
@Component
@Order(CustomerErasureParticipant.TRACES)
class TicketFollowerErasure implements CustomerErasureParticipant {

    private final JdbcClient jdbc;

    TicketFollowerErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(CustomerErasure erasure) {
        String email = erasure.email() == null ? "" : erasure.email().strip().toLowerCase(Locale.ROOT);
        jdbc.sql("delete from ticket_follower where account_id = :account and (customer_id = :customer or email = :email)")
                .param("account", erasure.accountId()).param("customer", erasure.customerId()).param("email", email).update();
        // Their answers on other customers' tickets stay (the ticket's conversation) but no longer say whose they were.
        jdbc.sql("delete from ticket_message_author where account_id = :account and (customer_id = :customer or email = :email)")
                .param("account", erasure.accountId()).param("customer", erasure.customerId()).param("email", email).update();
    }
}
