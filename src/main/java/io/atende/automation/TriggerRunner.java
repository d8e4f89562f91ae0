package io.atende.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.Ids;
import io.atende.platform.Worker;
import io.atende.platform.Workers;
import io.atende.ticket.TicketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges queued ticket events against the account's active triggers, on every node: it claims events no other node
 * holds for a lease, then for each event runs the triggers that listen to it in position order, each in its own
 * name. A few events are judged in one transaction; when one of their runs is refused, they are judged again with
 * each run in a transaction of its own, so that a refused action undoes only that trigger's changes and is recorded
 * with the trigger. A trigger's run is recorded with its changes, keyed by event, so a trigger acts at most
 * once per event even when the event is judged again after a node died.
 */
@Component
class TriggerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TriggerRunner.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int TOGETHER = 10;
    /**
     * Each commit that queues an event wakes the worker: after a round that found less than a batch, the next one
     * waits this long from it, so that the events of many commits are claimed and judged together rather than one or
     * two a round, each round paying its own transactions.
     */
    private static final long MIN_ROUND_GAP_MS = 200;

    private final RuleRepository repository;
    private final TriggerManagement triggers;
    private final Conditions conditions;
    private final Actions actions;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker worker;
    private long lastShortRound;

    TriggerRunner(RuleRepository repository, TriggerManagement triggers, Conditions conditions, Actions actions,
                  MessageSource messages, PlatformTransactionManager transactionManager, Clock clock, Workers workers,
                  @Value("${atende.automation.trigger-interval}") Duration interval) {
        this.repository = repository;
        this.triggers = triggers;
        this.conditions = conditions;
        this.actions = actions;
        this.messages = messages;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.worker = workers.create(new Worker.Settings("triggers", interval, BATCH, Duration.ofSeconds(10)), this::runDue);
    }

    void wake() {
        worker.wake();
    }

    private int runDue() throws InterruptedException {
        if (lastShortRound != 0) {
            long since = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastShortRound);
            lastShortRound = 0;
            if (since < MIN_ROUND_GAP_MS) {
                Thread.sleep(MIN_ROUND_GAP_MS - since);
            }
        }
        String token = Ids.newId();
        List<String[]> claimed = transactions.execute(status -> {
            // The queue runs on the node's real clock, as it was written (TriggerQueue), whatever clock the rules judge by.
            Instant now = Instant.now();
            var due = repository.lockDue(now, BATCH);
            byAccount(due).forEach((accountId, ids) -> repository.claim(accountId, ids, token, now.plus(LEASE)));
            return due;
        });
        if (claimed == null) {
            return 0;
        }
        for (int from = 0; from < claimed.size() && !worker.stopping(); from += TOGETHER) {
            judgeTogether(claimed.subList(from, Math.min(claimed.size(), from + TOGETHER)), token);
        }
        if (!claimed.isEmpty() && claimed.size() < BATCH) {
            lastShortRound = System.nanoTime();
        }
        return claimed.size();
    }

    /**
     * Judges a few events in one transaction: every run of every trigger that holds, their changes and the events
     * leaving the queue commit together, which is most of what a rule-made change costs. When anything in it fails
     * (a refused action, say), all of it rolls back, events and collected side effects included, and each event is
     * judged again trigger by trigger, each run in a transaction of its own, so that the failure is recorded with
     * its trigger and the other triggers' changes stand. A node that stops midway leaves the group to be judged
     * again after the lease; runs recorded with their changes keep each trigger from acting twice.
     */
    private void judgeTogether(List<String[]> group, String token) {
        try {
            transactions.executeWithoutResult(status -> byAccount(group).forEach((accountId, ids) -> {
                var events = inQueueOrder(repository.stillClaimed(accountId, ids, token), ids);
                var ran = repository.ranOn(accountId, ids);
                // The group's tickets in one read; a ticket a run changed is read again for its next event.
                var read = new HashMap<>(conditions.tickets(accountId, events.stream().map(RuleRepository.QueuedEvent::ticketId).toList()));
                for (var event : events) {
                    var ticket = read.get(event.ticketId());
                    var facts = ticket == null ? null : new Conditions.Facts(ticket, TicketChannel.valueOf(event.channel()), clock.instant());
                    if (judge(event, facts, ran.getOrDefault(event.id(), Set.of()), this::runInside)) {
                        read.remove(event.ticketId());
                    }
                }
                repository.done(accountId, ids);
            }));
        } catch (RuntimeException failed) {
            log.debug("Judging {} trigger events together failed; judging them one trigger at a time: {}", group.size(), failed.toString());
            for (String[] key : group) {
                if (worker.stopping()) {
                    return;
                }
                List<String> id = List.of(key[1]);
                repository.stillClaimed(key[0], id, token).forEach(event -> {
                    judge(event, null, repository.ranOn(key[0], id).getOrDefault(event.id(), Set.of()), this::runAlone);
                    transactions.executeWithoutResult(status -> repository.done(key[0], id));
                });
            }
        }
    }

    private static Map<String, List<String>> byAccount(List<String[]> keys) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        keys.forEach(key -> ids.computeIfAbsent(key[0], account -> new ArrayList<>()).add(key[1]));
        return ids;
    }

    /** The events in the order they were queued (the order of {@code ids}), which their triggers see. */
    private static List<RuleRepository.QueuedEvent> inQueueOrder(List<RuleRepository.QueuedEvent> events, List<String> ids) {
        return events.stream().sorted(Comparator.comparingInt(event -> ids.indexOf(event.id()))).toList();
    }

    /**
     * @param facts the ticket as already read, or {@code null} to read it when a trigger is to be judged
     * @param ran   the triggers a node already ran on this event before it stopped halfway through it
     * @return whether a trigger ran (and so may have changed the ticket)
     */
    private boolean judge(RuleRepository.QueuedEvent event, Conditions.Facts facts, Set<String> ran,
                          BiConsumer<RuleRepository.QueuedEvent, RuleView> run) {
        TicketChannel channel = TicketChannel.valueOf(event.channel());
        boolean changed = false;
        for (var trigger : triggers.active(event.accountId())) {
            if (!trigger.events().contains(event.event()) || event.ruleIds().contains(trigger.id()) || ran.contains(trigger.id())) {
                continue;
            }
            // Read when a trigger is to be judged, and again only after a run changed the ticket.
            if (facts == null) {
                facts = conditions.facts(event.accountId(), event.ticketId(), channel, clock.instant());
            }
            if (!conditions.hold(event.accountId(), trigger.matchAll(), trigger.conditions(), facts)) {
                continue;
            }
            run.accept(event, trigger);
            changed = true;
            facts = null;
        }
        return changed;
    }

    /** A run inside the group's transaction: a failure propagates and rolls the whole group back. */
    private void runInside(RuleRepository.QueuedEvent event, RuleView trigger) {
        try (var acting = Actors.acting(Actor.rule(trigger.id(), trigger.name()))) {
            RuleChain.running(event.ruleIds(), trigger.id(), () -> apply(event, trigger));
        }
    }

    /** A run in a transaction of its own: a failure undoes only this trigger's changes and is recorded with it. */
    private void runAlone(RuleRepository.QueuedEvent event, RuleView trigger) {
        try (var acting = Actors.acting(Actor.rule(trigger.id(), trigger.name()))) {
            RuleChain.running(event.ruleIds(), trigger.id(), () -> transactions.executeWithoutResult(status -> apply(event, trigger)));
        } catch (RuntimeException refused) {
            String error = RuleFailures.describe(messages, refused);
            log.info("Trigger {} of account {} failed on ticket {}: {}", trigger.id(), event.accountId(), event.ticketId(), error);
            transactions.executeWithoutResult(status ->
                    repository.recordRun(event.accountId(), event.id(), trigger.id(), event.ticketId(), clock.instant(), error));
        }
    }

    private void apply(RuleRepository.QueuedEvent event, RuleView trigger) {
        actions.apply(event.accountId(), event.ticketId(), null, trigger.actions(), TicketChannel.OTHER);
        repository.recordRun(event.accountId(), event.id(), trigger.id(), event.ticketId(), clock.instant(), null);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
