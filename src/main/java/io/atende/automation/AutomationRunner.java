package io.atende.automation;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.LeaseHolders;
import io.atende.platform.PageRequest;
import io.atende.platform.Worker;
import io.atende.platform.Workers;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.TicketView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sweeps the open tickets of every account that has active automations, every {@code atende.automation.sweep-interval}
 * (5 minutes), on one node at a time: the one that holds the sweep's lease, taken for each sweep and released after it. For each ticket and automation, in position order: when the
 * conditions hold and the automation has not acted on the ticket since they last started holding, its actions are
 * applied in a transaction of their own, in its name, and the ticket is remembered; when they no longer hold, it is
 * forgotten, so the automation may act again later. A refused action is counted as a failed run and remembered too,
 * so a failing automation does not retry the same ticket on every sweep. Conditions and the lease are judged on the
 * application's clock. The remembered ticket's key makes an automation act once on it even when a node that stalled
 * past its lease wakes up while another sweeps: the second node's changes roll back with its duplicate row.
 */
@Component
class AutomationRunner implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(AutomationRunner.class);
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Set<Situation> OPEN = Arrays.stream(Situation.values()).filter(Situation::isOpen).collect(Collectors.toSet());

    private final RuleRepository repository;
    private final Conditions conditions;
    private final Actions actions;
    private final TicketManagement tickets;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker worker;
    private final String holder = LeaseHolders.newName();

    AutomationRunner(RuleRepository repository, Conditions conditions, Actions actions, TicketManagement tickets,
                     MessageSource messages, PlatformTransactionManager transactionManager, Clock clock, Workers workers,
                     @Value("${atende.automation.sweep-interval}") Duration interval) {
        this.repository = repository;
        this.conditions = conditions;
        this.actions = actions;
        this.tickets = tickets;
        this.messages = messages;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        // A sweep is never "full": the next one waits for the interval.
        this.worker = workers.create(new Worker.Settings("automations", interval, Integer.MAX_VALUE, Duration.ofSeconds(10)),
                this::sweep, this::releaseLease);
    }

    private int sweep() {
        Boolean leased = transactions.execute(status -> repository.leaseSweep(holder, clock.instant(), clock.instant().plus(LEASE)));
        if (!Boolean.TRUE.equals(leased)) {
            return 0;
        }
        int acted = 0;
        try {
            for (String accountId : repository.accountsWithAutomations()) {
                // Renewed account by account: a node that lost the lease (stalled past it) stops sweeping.
                if (worker.stopping() || !leaseKept()) {
                    break;
                }
                acted += sweep(accountId);
            }
        } catch (LeaseLost lost) {
            log.info("The automation sweep's lease ran out before it acted on a ticket; another node sweeps now");
        } finally {
            // Released after each sweep, so whichever node comes first sweeps next time.
            releaseLease();
        }
        return acted;
    }

    private int sweep(String accountId) {
        List<RuleView> automations = repository.list(accountId, RuleKind.AUTOMATION).stream().filter(RuleView::active).toList();
        int acted = 0;
        long after = 0;
        while (!worker.stopping()) {
            var query = new TicketQuery(OPEN, Set.of(), null, null, null, null, false, null, null, null, null, null, null, after + 1,
                    null, null, Set.of(), TicketQuery.Sort.PROTOCOL, TicketQuery.Direction.ASCENDING, null);
            List<TicketView> page = tickets.list(accountId, query, PageRequest.of(1)).items();
            for (TicketView ticket : page) {
                acted += judge(accountId, ticket.id(), automations);
                after = ticket.protocol();
            }
            if (page.size() < PageRequest.DEFAULT_SIZE) {
                break;
            }
        }
        return acted;
    }

    private int judge(String accountId, String ticketId, List<RuleView> automations) {
        int acted = 0;
        var facts = conditions.facts(accountId, ticketId, TicketChannel.OTHER, clock.instant());
        for (var automation : automations) {
            if (!facts.ticket().ticket().situation().isOpen()) {
                break;
            }
            boolean holds = conditions.hold(accountId, automation.matchAll(), automation.conditions(), facts);
            boolean hit = repository.hit(accountId, automation.id(), ticketId);
            if (!holds) {
                if (hit) {
                    transactions.executeWithoutResult(status -> repository.forgetHit(accountId, automation.id(), ticketId));
                }
                continue;
            }
            if (hit) {
                continue;
            }
            // Renewed before each action too, so that a node that stalled past its lease never acts beside the one
            // that took it over.
            if (!leaseKept()) {
                throw new LeaseLost();
            }
            run(accountId, ticketId, automation);
            acted++;
            facts = conditions.facts(accountId, ticketId, TicketChannel.OTHER, clock.instant());
        }
        return acted;
    }

    private boolean leaseKept() {
        return Boolean.TRUE.equals(transactions.execute(status -> repository.leaseSweep(holder, clock.instant(), clock.instant().plus(LEASE))));
    }

    private void releaseLease() {
        transactions.executeWithoutResult(status -> repository.releaseSweep(holder));
    }

    /** The sweep's lease was taken over by another node: this sweep ends. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    private void run(String accountId, String ticketId, RuleView automation) {
        try (var acting = Actors.acting(Actor.rule(automation.id(), automation.name()))) {
            RuleChain.running(List.of(), automation.id(), () -> transactions.executeWithoutResult(status -> {
                actions.apply(accountId, ticketId, null, automation.actions(), TicketChannel.OTHER);
                repository.recordHit(accountId, automation.id(), ticketId, clock.instant());
                repository.countRun(accountId, automation.id(), clock.instant(), null);
            }));
        } catch (DuplicateKeyException actedElsewhere) {
            // Another node acted on the ticket at the same moment and remembered it first; this node's changes rolled back.
            log.debug("Automation {} of account {} already acted on ticket {}", automation.id(), accountId, ticketId);
        } catch (RuntimeException refused) {
            String error = RuleFailures.describe(messages, refused);
            log.info("Automation {} of account {} failed on ticket {}: {}", automation.id(), accountId, ticketId, error);
            try {
                transactions.executeWithoutResult(status -> {
                    repository.recordHit(accountId, automation.id(), ticketId, clock.instant());
                    repository.countRun(accountId, automation.id(), clock.instant(), error);
                });
            } catch (DuplicateKeyException actedElsewhere) {
                log.debug("Automation {} of account {} already acted on ticket {}", automation.id(), accountId, ticketId);
            }
        }
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
