package io.atende.live;

import java.time.Clock;
import java.time.Duration;

import io.atende.ticket.TicketManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operators announcing that they have a ticket's page open or are writing on it, for the colleagues on the same ticket
 * ("Ana is viewing", "Ana is replying"). An announcement is an entry of the live log that the streams of the operators
 * who may see the ticket carry, through whichever node; a page repeats its announcement every
 * {@link #REPEAT} while it stays open, and a reader forgets an announcement not repeated within {@link #EXPIRY}
 * (a closed laptop says nothing).
 */
@Service
public class TicketPresence {

    /** How often an open page repeats that its operator is there. */
    public static final Duration REPEAT = Duration.ofSeconds(20);
    /** How long an announcement holds without being repeated. */
    public static final Duration EXPIRY = Duration.ofSeconds(50);

    /** What an operator is doing on a ticket's page. */
    public enum State {
        VIEWING(LiveEvent.Kind.PRESENCE_VIEWING),
        REPLYING(LiveEvent.Kind.PRESENCE_REPLYING),
        LEFT(LiveEvent.Kind.PRESENCE_LEFT);

        private final LiveEvent.Kind kind;

        State(LiveEvent.Kind kind) {
            this.kind = kind;
        }
    }

    private final TicketManagement tickets;
    private final LiveEventLog events;
    private final Clock clock;

    TicketPresence(TicketManagement tickets, LiveEventLog events, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Announces that the operator is in {@code state} on the ticket.
     *
     * @throws io.atende.platform.NotFoundException when the account has no such ticket
     */
    @Transactional
    public void announce(String accountId, String ticketId, String operatorId, String operatorName, State state) {
        var ticket = tickets.get(accountId, ticketId);
        events.append(new LiveEvent(0, accountId, state.kind, ticket.id(), ticket.departmentId(), ticket.operatorId(), operatorId,
                operatorName, ticket.protocol(), null, clock.instant()));
    }
}
