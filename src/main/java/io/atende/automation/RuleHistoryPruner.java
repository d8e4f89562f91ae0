package io.atende.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.platform.PageRequest;
import io.atende.platform.Worker;
import io.atende.platform.Workers;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes, every {@code atende.automation.prune-interval} on each node, what rules remembered and no longer need,
 * once it is older than {@code atende.automation.retention}: the runs of trigger events that have left the queue (a
 * judged event is never judged again), and the tickets automations acted on that have been finished or cancelled
 * since before the retention, or no longer exist. A ticket still open keeps its rows however old they are, since
 * they are what stops an automation from acting on it again while its conditions hold. Account by account, in small
 * transactions, on indexes that start with the account; running on several nodes at once is harmless.
 */
@Component
class RuleHistoryPruner implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(RuleHistoryPruner.class);
    private static final int BATCH = 500;

    private final RuleRepository repository;
    private final AccountManagement accounts;
    private final TicketManagement tickets;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration retention;
    private final Worker worker;

    RuleHistoryPruner(RuleRepository repository, AccountManagement accounts, TicketManagement tickets,
                      PlatformTransactionManager transactionManager, Clock clock, Workers workers,
                      @Value("${atende.automation.retention}") Duration retention,
                      @Value("${atende.automation.prune-interval}") Duration interval) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("atende.automation.retention must be positive");
        }
        this.repository = repository;
        this.accounts = accounts;
        this.tickets = tickets;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.retention = retention;
        // A pass is never "full": the next one waits for the interval.
        this.worker = workers.create(new Worker.Settings("automation-pruning", interval, Integer.MAX_VALUE, Duration.ofSeconds(10)),
                this::prune);
    }

    private int prune() {
        Instant cutoff = clock.instant().minus(retention);
        int removed = 0;
        for (int page = 1; !worker.stopping(); page++) {
            List<AccountView> batch = accounts.list(PageRequest.of(page)).items();
            for (AccountView account : batch) {
                if (worker.stopping()) {
                    break;
                }
                removed += pruneRuns(account.id(), cutoff) + pruneHits(account.id(), cutoff);
            }
            if (batch.size() < PageRequest.DEFAULT_SIZE) {
                break;
            }
        }
        if (removed > 0) {
            log.debug("Removed {} trigger runs and automation hits older than {}", removed, cutoff);
        }
        return removed;
    }

    private int pruneRuns(String accountId, Instant cutoff) {
        int removed = 0;
        int last;
        do {
            last = transactions.execute(status -> repository.pruneRuns(accountId, cutoff, BATCH));
            removed += last;
        } while (last > 0 && !worker.stopping());
        return removed;
    }

    private int pruneHits(String accountId, Instant cutoff) {
        int removed = 0;
        String after = "";
        while (!worker.stopping()) {
            String from = after;
            List<String> remembered = repository.ticketsHitBefore(accountId, cutoff, from, BATCH);
            if (remembered.isEmpty()) {
                break;
            }
            Map<String, TicketView> found = tickets.find(accountId, remembered).stream()
                    .collect(Collectors.toMap(TicketView::id, Function.identity()));
            List<String> done = remembered.stream().filter(id -> {
                TicketView ticket = found.get(id);
                return ticket == null || !ticket.situation().isOpen() && ticket.situationAt() != null
                        && ticket.situationAt().isBefore(cutoff);
            }).toList();
            removed += transactions.execute(status -> repository.forgetHitsBefore(accountId, cutoff, done));
            after = remembered.get(remembered.size() - 1);
            if (remembered.size() < BATCH) {
                break;
            }
        }
        return removed;
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
