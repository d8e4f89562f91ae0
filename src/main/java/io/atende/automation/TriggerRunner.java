package io.atende.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges queued ticket events against the account's active triggers, on every node: a transaction locks a group of
 * due events no other node holds, runs on each the triggers that listen to it in position order, each in its own
 * name, and deletes them, so that the lock is the claim and the runs, their changes and the events leaving the queue
 * commit together. When one of their runs is refused, the group rolls back and its events are claimed for a lease
 * and judged again with each run in a transaction of its own, so that a refused action undoes only that trigger's
 * changes and is recorded with the trigger. A run is recorded with its changes, keyed by event, so a trigger acts at
 * most once per event even when the event is judged again after a node died.
 */
@Component
class TriggerRunner implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(TriggerRunner.class);
    private static final int ROUND = 50;
    private static final int TOGETHER = 25;
    private static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * Each commit that queues an event wakes the worker: after a round that found less than a full one, the next one
     * waits this long from it, so that the events of many commits are judged together rather than one or two a
     * round, each round paying its own transactions.
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
        this.worker = workers.create(new Worker.Settings("triggers", interval, ROUND, Duration.ofSeconds(10)), this::runDue);
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
        int judged = 0;
        while (judged < ROUND && !worker.stopping()) {
            int group = judgeTogether();
            judged += group;
            if (group < TOGETHER) {
                break;
            }
        }
        if (judged > 0 && judged < ROUND) {
            lastShortRound = System.nanoTime();
        }
        return judged;
    }

    /**
     * Judges a group of due events in one transaction that locks them: every run of every trigger that holds, their
     * changes and the events leaving the queue commit together, which is most of what a rule-made change costs. When
     * anything in it fails (a refused action, say), all of it rolls back, collected side effects included, and the
     * events are judged again trigger by trigger ({@link #judgeOneByOne}).
     *
     * @return how many events the group took
     */
    private int judgeTogether() {
        List<RuleRepository.DueEvent> taken = new ArrayList<>();
        try {
            Integer judged = transactions.execute(status -> {
                // The queue runs on the node's real clock, as it was written (TriggerQueue), whatever clock the rules judge by.
                taken.addAll(repository.lockDue(Instant.now(), TOGETHER));
                byAccount(taken).forEach((accountId, due) -> {
                    var ids = due.stream().map(event -> event.event().id()).toList();
                    var claimedBefore = due.stream().filter(RuleRepository.DueEvent::claimedBefore).map(event -> event.event().id()).toList();
                    var ran = claimedBefore.isEmpty() ? Map.<String, Set<String>>of() : repository.ranOn(accountId, claimedBefore);
                    // The group's tickets in one read; a ticket a run changed is read again for its next event.
                    var read = new HashMap<>(conditions.tickets(accountId, due.stream().map(event -> event.event().ticketId()).toList()));
                    for (var dueEvent : due) {
                        var event = dueEvent.event();
                        var ticket = read.get(event.ticketId());
                        var facts = ticket == null ? null : new Conditions.Facts(ticket, TicketChannel.valueOf(event.channel()), clock.instant());
                        if (judge(event, facts, ran.getOrDefault(event.id(), Set.of()), this::runInside)) {
                            read.remove(event.ticketId());
                        }
                    }
                    repository.done(accountId, ids);
                });
                return taken.size();
            });
            return judged == null ? 0 : judged;
        } catch (RuntimeException failed) {
            if (taken.isEmpty()) {
                throw failed;
            }
            log.debug("Judging {} trigger events together failed; judging them one trigger at a time: {}", taken.size(), failed.toString());
            judgeOneByOne(taken);
            return taken.size();
        }
    }

    /**
     * Judges the events of a group that failed, each run in a transaction of its own: the events are first claimed
     * for a lease (no lock lasts across those transactions), and a node that stops midway leaves them to be judged
     * again after the lease; runs recorded with their changes keep each trigger from acting twice.
     */
    private void judgeOneByOne(List<RuleRepository.DueEvent> group) {
        String token = Ids.newId();
        Instant now = Instant.now();
        var byAccount = byAccount(group);
        transactions.executeWithoutResult(status -> byAccount.forEach((accountId, due) ->
                repository.claimDue(accountId, due.stream().map(event -> event.event().id()).toList(), token, now, now.plus(LEASE))));
        byAccount.forEach((accountId, due) -> {
            for (var dueEvent : due) {
                if (worker.stopping()) {
                    return;
                }
                List<String> id = List.of(dueEvent.event().id());
                repository.stillClaimed(accountId, id, token).forEach(event -> {
                    judge(event, null, repository.ranOn(accountId, id).getOrDefault(event.id(), Set.of()), this::runAlone);
                    transactions.executeWithoutResult(status -> repository.done(accountId, id));
                });
            }
        });
    }

    private static Map<String, List<RuleRepository.DueEvent>> byAccount(List<RuleRepository.DueEvent> events) {
        Map<String, List<RuleRepository.DueEvent>> byAccount = new LinkedHashMap<>();
        events.forEach(event -> byAccount.computeIfAbsent(event.event().accountId(), account -> new ArrayList<>()).add(event));
        return byAccount;
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
    public Worker worker() {
        return worker;
    }
}
