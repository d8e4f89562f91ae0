package io.atende.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.atende.chat.ChatAccepted;
import io.atende.chat.ChatChanged;
import io.atende.chat.ChatFinished;
import io.atende.chat.ChatCreated;
import io.atende.chat.ChatManagement;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.Worker;
import io.atende.platform.Workers;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketEvent;
import io.atende.ticket.TicketFinished;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketOperatorLinked;
import io.atende.ticket.TicketReplied;
import io.atende.ticket.TicketTransferred;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the live log from committed ticket and chat events. The request that made the change only queues the event
 * in memory after its commit; a worker of the node then reads the tickets and chats concerned (their department,
 * operator, protocol and subject after the change) and appends the entries in one transaction, so a busy write path
 * pays nothing for the streams. An event queued when the node dies is lost: the live log is a hint that makes pages
 * current sooner, and every page reads the truth when it loads.
 */
@Component
class LiveEventRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEventRecorder.class);
    private static final int BATCH = 500;
    /** Beyond this many waiting events (a database that stopped answering) new ones are dropped rather than kept. */
    private static final int MAX_QUEUED = 50_000;

    private final TicketManagement tickets;
    private final ChatManagement chats;
    private final LiveEventLog events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker writer;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    LiveEventRecorder(TicketManagement tickets, ChatManagement chats, LiveEventLog events, TransactionTemplate transactions,
                      Clock clock, Workers workers) {
        this.tickets = tickets;
        this.chats = chats;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.writer = workers.create(new Worker.Settings("live-events", Duration.ofSeconds(1), BATCH, Duration.ofSeconds(5)),
                this::write);
    }

    /** What a committed event says before its subject is read. */
    private record Pending(String accountId, LiveEvent.Kind kind, String subjectId, String actorId) {
    }

    @EventListener
    void on(TicketEvent event) {
        LiveEvent.Kind kind = null;
        if (event instanceof TicketCreated) {
            kind = LiveEvent.Kind.TICKET_CREATED;
        } else if (event instanceof TicketReplied replied) {
            kind = replied.byOperator() ? LiveEvent.Kind.TICKET_OPERATOR_REPLIED : LiveEvent.Kind.TICKET_CUSTOMER_REPLIED;
        } else if (event instanceof TicketOperatorLinked) {
            kind = LiveEvent.Kind.TICKET_ASSIGNED;
        } else if (event instanceof TicketTransferred transferred) {
            kind = transferred.operatorId() != null ? LiveEvent.Kind.TICKET_ASSIGNED : LiveEvent.Kind.TICKET_TRANSFERRED;
        } else if (event instanceof TicketFinished) {
            kind = LiveEvent.Kind.TICKET_FINISHED;
        }
        if (kind != null) {
            afterCommit(new Pending(event.accountId(), kind, event.ticketId(), actingOperator()));
        }
    }

    @EventListener
    void on(ChatCreated event) {
        afterCommit(new Pending(event.accountId(), LiveEvent.Kind.CHAT_QUEUED, event.chatId(), actingOperator()));
    }

    @EventListener
    void on(ChatAccepted event) {
        afterCommit(new Pending(event.accountId(), LiveEvent.Kind.CHAT_ACCEPTED, event.chatId(), actingOperator()));
    }

    @EventListener
    void on(ChatChanged event) {
        afterCommit(new Pending(event.accountId(), LiveEvent.Kind.CHAT_CHANGED, event.chatId(), actingOperator()));
    }

    @EventListener
    void on(ChatFinished event) {
        afterCommit(new Pending(event.accountId(), LiveEvent.Kind.CHAT_CHANGED, event.chatId(), actingOperator()));
    }

    private static String actingOperator() {
        var actor = Actors.current();
        return actor.kind() == Actor.Kind.OPERATOR ? actor.id() : null;
    }

    private void afterCommit(Pending pending) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(pending);
                }
            });
        } else {
            enqueue(pending);
        }
    }

    private void enqueue(Pending pending) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return;
        }
        queue.add(pending);
        writer.wake();
    }

    /** Appends up to a batch of queued events; returns how many it took. */
    private int write() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next; batch.size() < BATCH && (next = queue.poll()) != null; ) {
            queued.decrementAndGet();
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        var now = clock.instant();
        Map<String, List<String>> ticketsByAccount = new LinkedHashMap<>();
        batch.stream().filter(pending -> !pending.kind().isChat())
                .forEach(pending -> ticketsByAccount.computeIfAbsent(pending.accountId(), key -> new ArrayList<>()).add(pending.subjectId()));
        transactions.executeWithoutResult(status -> {
            Map<String, io.atende.ticket.TicketView> found = new LinkedHashMap<>();
            ticketsByAccount.forEach((account, ids) -> tickets.findAll(account, ids)
                    .forEach((id, ticket) -> found.put(account + '/' + id, ticket)));
            for (var pending : batch) {
                if (pending.kind().isChat()) {
                    chats.findChat(pending.accountId(), pending.subjectId()).ifPresent(chat -> events.append(new LiveEvent(0,
                            pending.accountId(), pending.kind(), chat.id(), chat.departmentId(), chat.operatorId(), pending.actorId(),
                            null, chat.protocol(), null, now)));
                } else {
                    var ticket = found.get(pending.accountId() + '/' + pending.subjectId());
                    if (ticket != null) {
                        events.append(new LiveEvent(0, pending.accountId(), pending.kind(), ticket.id(), ticket.departmentId(),
                                ticket.operatorId(), pending.actorId(), null, ticket.protocol(), ticket.subject(), now));
                    }
                }
            }
        });
        return batch.size();
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() {
        writer.stop();
        if (queued.get() > 0) {
            log.info("Stopping with {} live events unwritten; open pages pick the changes up when they reload", queued.get());
        }
    }

    @Override
    public boolean isRunning() {
        return writer.isRunning();
    }
}
