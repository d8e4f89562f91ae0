package io.atende.ticket;

import java.util.List;

import io.atende.customer.CustomerErasure;
import io.atende.customer.CustomerErasureParticipant;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Erases what the customer's tickets say ({@link TicketErasing}) and notes them for the participants after it. */
@Component
@Order(CustomerErasureParticipant.RECORD_OWNERS)
class TicketCustomerErasure implements CustomerErasureParticipant {

    private final TicketRepository tickets;
    private final TicketErasing erasing;

    TicketCustomerErasure(TicketRepository tickets, TicketErasing erasing) {
        this.tickets = tickets;
        this.erasing = erasing;
    }

    @Override
    public void erase(CustomerErasure erasure) {
        List<String> ids = tickets.idsOfCustomer(erasure.accountId(), erasure.customerId());
        erasing.erase(erasure.accountId(), ids);
        erasure.erased(ids);
    }
}
