package io.atende.ticket;

import java.time.Clock;

import io.atende.customer.CustomerMergeParticipant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tickets follow a merged customer: each of the merged customer's tickets, under its row lock, moves to the customer
 * it was merged into, with a customer change in its history and a {@code ticket.updated} event.
 */
@Component
class TicketCustomerMerge implements CustomerMergeParticipant {

    private final TicketRepository repository;
    private final TicketHistory history;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketCustomerMerge(TicketRepository repository, TicketHistory history, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void moveRecords(String accountId, String fromCustomerId, String intoCustomerId) {
        for (String ticketId : repository.idsOfCustomer(accountId, fromCustomerId)) {
            var ticket = repository.lock(accountId, ticketId).orElse(null);
            if (ticket == null || !fromCustomerId.equals(ticket.customerId)) {
                continue;
            }
            ticket.note(TicketField.CUSTOMER, null, ticket.customerId, intoCustomerId);
            ticket.customerId = intoCustomerId;
            ticket.touched(clock.instant());
            repository.changeCustomer(accountId, ticket.id, intoCustomerId);
            repository.update(ticket);
            history.recordChanges(ticket, TicketChannel.OTHER);
            ticket.drainEvents().forEach(events::publishEvent);
        }
    }
}
