package io.atende.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.atende.platform.Worker;
import io.atende.platform.Workers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the SLA alerts that fell due, on every node: account by account it locks the due targets no other node
 * holds ({@code FOR UPDATE SKIP LOCKED}), publishes their {@link TicketSlaAlerted} events and records them as sent in
 * the same transaction, so the webhook outbox and the e-mail notifications commit with the record and no alert is
 * published twice. It looks every {@code atende.sla.alert-interval} (10 s), so an alert goes out within that of its moment.
 */
@Component
class SlaAlertWorker implements Worker.Owner {

    private static final int BATCH = 100;

    private final SlaAlertSchedule schedule;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker worker;

    SlaAlertWorker(SlaAlertSchedule schedule, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
                   Clock clock, Workers workers, @Value("${atende.sla.alert-interval}") Duration interval) {
        this.schedule = schedule;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.worker = workers.create(new Worker.Settings("sla-alerts", interval, BATCH, Duration.ofSeconds(10)), this::publishDue);
    }

    /** One round over the accounts; full when some account had a full batch, so the next round runs at once. */
    private int publishDue() {
        int done = 0;
        for (String accountId : schedule.accountsWithPolicies()) {
            if (worker.stopping()) {
                break;
            }
            Integer published = transactions.execute(status -> publishDue(accountId, clock.instant()));
            done += published == null ? 0 : published;
        }
        return done;
    }

    private int publishDue(String accountId, Instant now) {
        var due = schedule.lockDue(accountId, now, BATCH);
        for (var target : due) {
            boolean warn = target.warnedAt() == null && target.warningAt() != null && !target.warningAt().isAfter(now);
            boolean breach = target.breachAlertedAt() == null && target.breachAt() != null && !target.breachAt().isAfter(now);
            Instant next = SlaAlertSchedule.earliest(target.warnedAt() == null && !warn ? target.warningAt() : null,
                    target.breachAlertedAt() == null && !breach ? target.breachAt() : null);
            // The record is conditional on the alerts still being unsent, and published only when it took.
            if (!schedule.published(accountId, target, warn, breach, now, next)) {
                continue;
            }
            if (warn) {
                events.publishEvent(new TicketSlaAlerted(accountId, target.ticketId(), target.target(), SlaAlert.WARNING,
                        target.policyId(), target.warningAt()));
            }
            if (breach) {
                events.publishEvent(new TicketSlaAlerted(accountId, target.ticketId(), target.target(), SlaAlert.BREACH,
                        target.policyId(), target.breachAt()));
            }
        }
        return due.size();
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
