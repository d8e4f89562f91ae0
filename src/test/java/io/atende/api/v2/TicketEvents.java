package io.atende.api.v2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.atende.ticket.TicketEvent;

import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * Records every ticket event whose transaction committed, as the webhook module will receive them. A plain
 * component on the test class path, so that the shared test context picks it up by scanning.
 */
@Component
public class TicketEvents {

    private final List<TicketEvent> seen = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(TicketEvent event) {
        seen.add(event);
    }

    /** The names of the events of one ticket, in publication order. */
    public List<String> of(String ticketId) {
        return seen.stream().filter(event -> event.ticketId().equals(ticketId)).map(TicketEvent::eventName).toList();
    }

    /** The names of every event of the account. */
    public List<String> ofAccount(String accountId) {
        return seen.stream().filter(event -> event.accountId().equals(accountId)).map(TicketEvent::eventName).toList();
    }
}
