package io.atende.customeraccess;

import io.atende.customer.CustomerErasure;
import io.atende.customer.CustomerErasureParticipant;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Removes the customer's portal account: credentials, invitation and reset links, the second factor, and every
 * signed-in session (a session keeps the customer's name and address).
 */
@Component
@Order(CustomerErasureParticipant.TRACES)
class PortalCustomerErasure implements CustomerErasureParticipant {

    private final JdbcClient jdbc;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    PortalCustomerErasure(JdbcClient jdbc, FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    @Override
    public void erase(CustomerErasure erasure) {
        for (String table : new String[] {"portal_token", "customer_recovery_code", "customer_two_factor", "portal_customer"}) {
            jdbc.sql("delete from " + table + " where account_id = :account and customer_id = :customer")
                    .param("account", erasure.accountId()).param("customer", erasure.customerId()).update();
        }
        sessions.findByPrincipalName(PortalCustomer.principalName(erasure.accountId(), erasure.customerId())).keySet()
                .forEach(sessions::deleteById);
    }
}
