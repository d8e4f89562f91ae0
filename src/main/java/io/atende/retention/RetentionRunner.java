package io.atende.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.mail.MailManagement;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.LeaseHolders;
import io.atende.platform.PageRequest;
import io.atende.platform.Worker;
import io.atende.platform.Workers;
import io.atende.ticket.TicketRetention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies every account's retention policy each {@code atende.retention.interval} (1 hour), on one node at a time:
 * the one holding the sweep's lease, taken for each sweep, renewed account by account and released after it. Tickets
 * and raw messages go in batches of {@value #BATCH}, each in a transaction of its own, so a sweep that stops half way
 * leaves every ticket either done or untouched. Everything is judged on the application's clock.
 */
@Component
class RetentionRunner implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(RetentionRunner.class);
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int BATCH = 100;

    private final RetentionRepository repository;
    private final RetentionManagement policies;
    private final TicketRetention tickets;
    private final MailManagement mail;
    private final AccountManagement accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker worker;
    private final String holder = LeaseHolders.newName();

    RetentionRunner(RetentionRepository repository, RetentionManagement policies, TicketRetention tickets, MailManagement mail,
                    AccountManagement accounts, PlatformTransactionManager transactionManager, Clock clock, Workers workers,
                    @Value("${atende.retention.interval}") Duration interval) {
        this.repository = repository;
        this.policies = policies;
        this.tickets = tickets;
        this.mail = mail;
        this.accounts = accounts;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        // A sweep is never "full": the next one waits for the interval.
        this.worker = workers.create(new Worker.Settings("retention", interval, Integer.MAX_VALUE, Duration.ofSeconds(10)), this::sweep,
                this::releaseLease);
    }

    private int sweep() {
        if (!lease()) {
            return 0;
        }
        int done = 0;
        try {
            int page = 1;
            while (true) {
                var accountPage = accounts.list(PageRequest.of(page));
                for (AccountView account : accountPage.items()) {
                    // Renewed account by account: a node that lost the lease (stalled past it) stops.
                    if (worker.stopping() || !lease()) {
                        return done;
                    }
                    done += apply(account.id());
                }
                if (accountPage.items().size() < PageRequest.DEFAULT_SIZE) {
                    break;
                }
                page++;
            }
        } finally {
            releaseLease();
        }
        return done;
    }

    private boolean lease() {
        return Boolean.TRUE.equals(transactions.execute(status -> repository.leaseSweep(holder, clock.instant(), clock.instant().plus(LEASE))));
    }

    private void releaseLease() {
        transactions.executeWithoutResult(status -> repository.releaseSweep(holder));
    }

    private int apply(String accountId) {
        var policy = policies.policy(accountId);
        Instant now = clock.instant();
        int handledTickets = 0;
        Instant ticketCutoff = RetentionManagement.ticketCutoff(policy, now);
        if (ticketCutoff != null) {
            try (var acting = Actors.acting(Actor.SYSTEM)) {
                int batch;
                do {
                    batch = tickets.apply(accountId, ticketCutoff, policy.ticketAction(), BATCH, clock.instant());
                    handledTickets += batch;
                } while (batch == BATCH && !worker.stopping());
            }
        }
        Instant rawCutoff = policies.rawCutoff(policy, now);
        int purged = 0;
        int batch;
        do {
            batch = mail.pruneInboundRaw(accountId, rawCutoff, BATCH * 5);
            purged += batch;
        } while (batch == BATCH * 5 && !worker.stopping());
        if (handledTickets > 0) {
            log.info("Retention of account {}: {} tickets ({})", accountId, handledTickets, policy.ticketAction());
        }
        return handledTickets + purged;
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
