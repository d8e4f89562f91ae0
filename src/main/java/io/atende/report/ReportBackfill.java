package io.atende.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.atende.account.AccountTimeZoneChanged;
import io.atende.chat.ChatManagement;
import io.atende.platform.LeaseHolders;
import io.atende.platform.Worker;
import io.atende.platform.Workers;
import io.atende.ticket.TicketManagement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes report facts again in the background, for the accounts listed in {@code report_backfill}: after the
 * upgrade that brought the facts (only tickets and chats without facts), when an administrator asks for a full
 * recount, and when the account moves to another time zone (every fact re-dated). It walks the account's tickets,
 * then its chats, in id order, {@value #BATCH} per transaction, the ones it recomputes locked meanwhile so that it
 * never races a change of them, and records where it stopped, so that a restart resumes there.
 * One node at a time works on an account: the one holding the row's lease. With nothing pending, a run is one read of
 * an empty table every {@code atende.report.backfill-interval}.
 */
@Component
class ReportBackfill implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(ReportBackfill.class);
    static final int BATCH = 50;
    private static final int SCAN = 500;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final BackfillRepository backfills;
    private final TicketFactKeeper ticketFacts;
    private final ChatFactKeeper chatFacts;
    private final TicketManagement tickets;
    private final ChatManagement chats;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker worker;
    private final String holder = LeaseHolders.newName();

    ReportBackfill(BackfillRepository backfills, TicketFactKeeper ticketFacts, ChatFactKeeper chatFacts, TicketManagement tickets,
                   ChatManagement chats, PlatformTransactionManager transactionManager, Clock clock, Workers workers,
                   @Value("${atende.report.backfill-interval}") Duration interval) {
        this.backfills = backfills;
        this.ticketFacts = ticketFacts;
        this.chatFacts = chatFacts;
        this.tickets = tickets;
        this.chats = chats;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.worker = workers.create(new Worker.Settings("report-backfill", interval, BATCH, Duration.ofSeconds(10)), this::batch,
                () -> transactions.executeWithoutResult(status -> backfills.release(holder)));
    }

    /** Asks for the account's facts to be computed again, every ticket and chat; the worker starts once this commits. */
    void request(String accountId) {
        backfills.request(accountId, true, clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }

    /** Facts are dated in the account's time zone: a move re-dates them all. */
    @EventListener
    void on(AccountTimeZoneChanged event) {
        request(event.accountId());
    }

    /** One batch of the oldest pending recount (or the one this node is on); how much it did, 0 with nothing pending. */
    private int batch() {
        // The lease runs on the node's real clock, as other workers' leases do.
        Instant now = Instant.now();
        var claimed = transactions.execute(status -> backfills.claim(holder, now, now.plus(LEASE)));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        var backfill = claimed.get();
        Integer done = transactions.execute(status -> step(backfill));
        return done == null ? 0 : done;
    }

    private int step(BackfillRepository.Backfill backfill) {
        String accountId = backfill.accountId();
        if (backfill.ticketAfter() != null) {
            List<String> ids = tickets.ticketIdsAfter(accountId, backfill.ticketAfter(), scan(backfill));
            Set<String> done = backfill.full() ? Set.of() : backfills.ticketsWithFacts(accountId, ids);
            var batch = Batch.of(ids, done, scan(backfill));
            if (!batch.todo().isEmpty()) {
                tickets.lockTickets(accountId, batch.todo());
                ticketFacts.recompute(accountId, batch.todo(), Set.of());
            }
            backfills.advance(backfill, batch.after(), backfill.chatAfter());
            return BATCH;
        }
        if (backfill.chatAfter() != null) {
            List<String> ids = chats.chatIdsAfter(accountId, backfill.chatAfter(), scan(backfill));
            Set<String> done = backfill.full() ? Set.of() : backfills.chatsWithFacts(accountId, ids);
            var batch = Batch.of(ids, done, scan(backfill));
            if (!batch.todo().isEmpty()) {
                chats.lockChats(accountId, batch.todo());
                chatFacts.recompute(accountId, batch.todo());
            }
            backfills.advance(backfill, null, batch.after());
            return BATCH;
        }
        backfills.finish(backfill);
        log.info("Report facts of account {} computed again ({})", accountId, backfill.full() ? "full recount" : "missing facts");
        return 1;
    }

    /** How many ids a batch looks at: those to recompute, or ten times as many when only some lack facts. */
    private static int scan(BackfillRepository.Backfill backfill) {
        return backfill.full() ? BATCH : SCAN;
    }

    /**
     * What a batch recomputes (at most {@value #BATCH} of the ids looked at, those not done already) and where the
     * next one starts: after the last id looked at, or just before the first left for later; {@code null} when
     * fewer than {@code scanned} ids were left, so the walk is over.
     */
    record Batch(List<String> todo, String after) {

        static Batch of(List<String> ids, Set<String> done, int scanned) {
            List<String> todo = new ArrayList<>();
            for (int index = 0; index < ids.size(); index++) {
                String id = ids.get(index);
                if (done.contains(id)) {
                    continue;
                }
                if (todo.size() == BATCH) {
                    return new Batch(todo, ids.get(index - 1));
                }
                todo.add(id);
            }
            return new Batch(todo, ids.size() < scanned ? null : ids.get(ids.size() - 1));
        }
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
