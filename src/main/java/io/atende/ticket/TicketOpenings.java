package io.atende.ticket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for new tickets. An account's creations queue on its protocol counter row from the increment until
 * the commit, and the commit waits for the disk, so one transaction per ticket caps an account at one disk flush
 * per ticket however many clients it has. Here the tickets that this node's threads open at the same moment are
 * written in one transaction: the first thread to find no write running takes every ticket queued so far, writes
 * them in protocol order and commits once; the others wait for that commit and return. A ticket opened alone still
 * costs one transaction, and waits for nobody. An account's tickets queued together are handed to their writer
 * together, so that it can write them in one statement: the counter's lock is then held for one statement's
 * planning and round trip, not one per ticket.
 *
 * <p>Each ticket was checked before it queued, so a batch fails only on what the checks could not see (a department
 * deleted meanwhile, a lost connection). When a write fails, nothing of the batch is kept, and every ticket of it is
 * written again in a transaction of its own, so each thread gets the outcome of its own ticket and no other. When
 * the commit fails, every thread gets that failure: the commit may have happened all the same. Protocols stay
 * consecutive and committed in their order: a batch takes its numbers under the counter's lock like a single
 * ticket does, and commits them all at once.
 */
@Component
class TicketOpenings {

    /** Accounts are spread over this many independent queues, so one account's batch does not hold up another's. */
    private static final int STRIPES = 8;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final TransactionTemplate transactions;
    private final TransactionTemplate reading;
    private final int batchSize;
    private final DistributionSummary batches;
    private final Counter rewritten;

    TicketOpenings(PlatformTransactionManager transactionManager, MeterRegistry meters,
                   @Value("${atende.tickets.opening-batch-size:64}") int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("atende.tickets.opening-batch-size must be at least 1, was " + batchSize);
        }
        this.transactions = new TransactionTemplate(transactionManager);
        this.reading = new TransactionTemplate(transactionManager);
        this.reading.setReadOnly(true);
        this.batchSize = batchSize;
        this.batches = DistributionSummary.builder("atende.tickets.openings.batch")
                .description("Tickets written in one transaction").baseUnit("tickets").register(meters);
        this.rewritten = Counter.builder("atende.tickets.openings.rewritten")
                .description("Shared transactions that failed and were written again ticket by ticket").register(meters);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Runs {@code check} in a read-only transaction of its own (the reads of one ticket's checks share it), then
     * writes what it answered as {@link #write(String, Supplier)} does, with {@code writeTogether}: it gets the checked
     * openings of one account that are written in the same transaction with the same {@code writeTogether} (the
     * same instance), in protocol order, and answers one result for each, in the same order.
     */
    <C, T> T open(String accountId, Supplier<C> check, Function<List<C>, List<T>> writeTogether) {
        C checked = reading.execute(status -> check.get());
        return take(new Turn<>(accountId, checked, writeTogether));
    }

    /** Runs {@code writer} in a transaction, possibly shared with other openings, and answers once it committed. */
    <T> T write(String accountId, Supplier<T> writer) {
        return take(new Turn<Supplier<T>, T>(accountId, writer, TicketOpenings::each));
    }

    private static <T> List<T> each(List<Supplier<T>> writers) {
        var written = new ArrayList<T>(writers.size());
        writers.forEach(writer -> written.add(writer.get()));
        return written;
    }

    private <T> T take(Turn<?, T> turn) {
        var stripe = stripes[Math.floorMod(turn.accountId.hashCode(), STRIPES)];
        stripe.queue.add(turn);
        stripe.writing.lock();
        try {
            while (!turn.settled) {
                writeBatch(stripe.take(batchSize));
            }
        } finally {
            stripe.writing.unlock();
        }
        return turn.outcome();
    }

    private void writeBatch(List<Turn<?, ?>> batch) {
        // Counter rows are locked in account order, so two nodes' batches of the same accounts cannot deadlock.
        // The sort is stable: an account's tickets keep the order they queued in.
        batch.sort(Comparator.comparing((Turn<?, ?> turn) -> turn.accountId));
        if (batch.size() > 1) {
            var written = new AtomicBoolean();
            try {
                transactions.executeWithoutResult(status -> {
                    writeTogether(batch);
                    // What waits for the commit (the webhook outbox's rows) is written now, so that its failure
                    // counts as a write's and each ticket is tried alone.
                    status.flush();
                    written.set(true);
                });
                batch.forEach(Turn::succeed);
                batches.record(batch.size());
                return;
            } catch (RuntimeException | Error batchFailure) {
                if (written.get()) {
                    // The commit itself failed, and a commit whose answer was lost may have happened: writing the
                    // tickets again could open each twice, so every request gets the failure, as a lone ticket would.
                    batch.forEach(turn -> turn.fail(batchFailure));
                    return;
                }
                // A write failed, so nothing of the batch was kept: each ticket is written alone below and meets its
                // own fate.
                rewritten.increment();
            }
        }
        for (var turn : batch) {
            try {
                transactions.executeWithoutResult(status -> Turn.write(List.of(turn)));
                turn.succeed();
                batches.record(1);
            } catch (RuntimeException | Error failure) {
                turn.fail(failure);
            }
        }
    }

    /** Hands each run of turns of the same account and writer to that writer at once. */
    private static void writeTogether(List<Turn<?, ?>> batch) {
        int start = 0;
        while (start < batch.size()) {
            var first = batch.get(start);
            int end = start + 1;
            while (end < batch.size() && batch.get(end).accountId.equals(first.accountId) && batch.get(end).writer == first.writer) {
                end++;
            }
            Turn.write(batch.subList(start, end));
            start = end;
        }
    }

    private static final class Stripe {
        final Queue<Turn<?, ?>> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock writing = new ReentrantLock();

        List<Turn<?, ?>> take(int most) {
            var batch = new ArrayList<Turn<?, ?>>();
            Turn<?, ?> next;
            while (batch.size() < most && (next = queue.poll()) != null) {
                batch.add(next);
            }
            return batch;
        }
    }

    /** One thread's ticket: written by whichever thread holds the stripe's turn, read back by its own thread. */
    private static final class Turn<C, T> {
        final String accountId;
        final C input;
        final Function<List<C>, List<T>> writer;
        private T written;
        private Throwable failure;
        // Set and read under the stripe's lock, which also publishes written and failure to the waiting thread.
        private boolean settled;

        Turn(String accountId, C input, Function<List<C>, List<T>> writer) {
            this.accountId = accountId;
            this.input = input;
            this.writer = writer;
        }

        /** Writes turns that share their writer (and account) with one call of it. */
        @SuppressWarnings("unchecked")
        static <C, T> void write(List<? extends Turn<?, ?>> together) {
            var turns = (List<Turn<C, T>>) together;
            var inputs = new ArrayList<C>(turns.size());
            turns.forEach(turn -> inputs.add(turn.input));
            var written = turns.get(0).writer.apply(inputs);
            if (written.size() != turns.size()) {
                throw new IllegalStateException("A writer of " + turns.size() + " openings answered " + written.size() + " results");
            }
            for (int i = 0; i < turns.size(); i++) {
                turns.get(i).written = written.get(i);
            }
        }

        void succeed() {
            settled = true;
        }

        void fail(Throwable cause) {
            failure = cause;
            settled = true;
        }

        T outcome() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return written;
        }
    }
}
