package io.atende.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands the items a transaction collects (the events it published, say) to their handler together,
 * still inside that transaction: when it flushes or just before it commits. A transaction that
 * opened 64 tickets is thus handled with one set of reads instead of 64. Outside a transaction each
 * item is handled at once; one collected after the transaction's last flush (by another
 * synchronization's {@code beforeCommit}) is handled at once too, still inside the transaction. A
 * rolled-back transaction hands over nothing it had not flushed, and that is rolled back with it.
 */
public final class TransactionBatches {

    private TransactionBatches() {
    }

    /**
     * Collects {@code item} for {@code handler}, one batch per {@code owner} and transaction. The batch is found
     * among the current synchronizations rather than bound as a resource, so that a transaction suspended for an
     * inner one keeps its own items.
     */
    public static <T> void collect(Object owner, T item, Consumer<List<T>> handler) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            handler.accept(List.of(item));
            return;
        }
        @SuppressWarnings("unchecked")
        Batch<T> batch = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(Batch.class::isInstance).map(Batch.class::cast)
                .filter(candidate -> candidate.owner == owner).findFirst().orElse(null);
        if (batch == null) {
            batch = new Batch<>(owner, handler);
            TransactionSynchronizationManager.registerSynchronization(batch);
        } else if (batch.committing) {
            handler.accept(List.of(item));
            return;
        }
        batch.items.add(item);
    }

    private static final class Batch<T> implements TransactionSynchronization {

        private final Object owner;
        private final Consumer<List<T>> handler;
        private final List<T> items = new ArrayList<>();
        private boolean committing;

        Batch(Object owner, Consumer<List<T>> handler) {
            this.owner = owner;
            this.handler = handler;
        }

        @Override
        public void flush() {
            if (!items.isEmpty()) {
                var taken = List.copyOf(items);
                items.clear();
                handler.accept(taken);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flush();
            committing = true;
        }
    }
}
