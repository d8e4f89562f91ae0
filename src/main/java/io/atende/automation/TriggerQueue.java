package io.atende.automation;

import java.time.Instant;
import java.util.List;

import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.DomainEvent;
import io.atende.platform.Ids;
import io.atende.platform.TransactionBatches;
import io.atende.sla.TicketSlaAlerted;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketEvent;
import io.atende.ticket.TicketFinished;
import io.atende.ticket.TicketReplied;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes each ticket event that some active trigger of the account listens to into the trigger queue, in the
 * transaction that published it, so triggers judge it only once it is committed and in a transaction of their own.
 * An account without such a trigger pays one read of the node's copy of its triggers.
 */
@Component
class TriggerQueue {

    private final RuleRepository repository;
    private final TriggerManagement triggers;
    private final TriggerRunner runner;

    TriggerQueue(RuleRepository repository, TriggerManagement triggers, TriggerRunner runner) {
        this.repository = repository;
        this.triggers = triggers;
        this.runner = runner;
    }

    @EventListener
    void on(TicketEvent event) {
        queue(event, event.ticketId(), name(event), channel(event));
    }

    @EventListener
    void on(TicketSlaAlerted alerted) {
        queue(alerted, alerted.ticketId(), alerted.eventName(), TicketChannel.OTHER);
    }

    private void queue(DomainEvent event, String ticketId, String name, TicketChannel channel) {
        if (name == null) {
            return;
        }
        List<String> chain = RuleChain.current();
        if (chain.size() >= RuleChain.MAX_DEPTH) {
            return;
        }
        boolean wanted = triggers.active(event.accountId()).stream()
                .anyMatch(trigger -> trigger.events().contains(name) && !chain.contains(trigger.id()));
        if (!wanted) {
            return;
        }
        var queued = new RuleRepository.QueuedEvent(event.accountId(), Ids.newId(), ticketId, name, channel.name(), chain.size(), chain);
        // The real clock, not the rules' one: the queue only orders events and says when one is due.
        TransactionBatches.collect(this, queued, rows -> repository.enqueue(rows, Instant.now()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.wake();
                }
            });
        } else {
            runner.wake();
        }
    }

    /** The trigger event a ticket event is; null for one no trigger can run on. */
    static String name(TicketEvent event) {
        if (event instanceof TicketReplied replied) {
            return replied.byOperator() ? "ticket.replied_by_operator" : "ticket.replied_by_customer";
        }
        String name = event.eventName();
        return RuleView.EVENTS.contains(name) ? name : null;
    }

    /** The channel the event names, else the one its actor acts through. */
    private static TicketChannel channel(TicketEvent event) {
        TicketChannel named = event instanceof TicketCreated created ? created.channel()
                : event instanceof TicketReplied replied ? replied.channel()
                : event instanceof TicketFinished finished ? finished.channel() : TicketChannel.OTHER;
        if (named != TicketChannel.OTHER) {
            return named;
        }
        Actor actor = Actors.current();
        return switch (actor.kind()) {
            case OPERATOR -> TicketChannel.CONSOLE;
            case CUSTOMER -> TicketChannel.PORTAL;
            case API_TOKEN -> TicketChannel.API;
            case EMAIL -> TicketChannel.EMAIL;
            case RULE, ASSIGNMENT, IMPORT, SYSTEM -> TicketChannel.OTHER;
        };
    }
}
