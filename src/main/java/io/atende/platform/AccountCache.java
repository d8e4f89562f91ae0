package io.atende.platform;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A node's copy of something each account configures and hot paths read often (its SLA policies, its triggers),
 * loaded on first use and dropped when the account changes it on any node. Made by {@link AccountCaches}.
 * <p>
 * The owner calls {@link #changed(String)} inside the transaction that changes what the value is derived from: this
 * node drops its copy at once and again when the transaction ends (so nothing read in between survives, commit or
 * rollback), and the other nodes drop theirs when their next poll sees the committed change, about a second later.
 *
 * @param <V> an immutable value: every caller of {@link #get(String)} shares it
 */
public final class AccountCache<V> {

    private final String topic;
    private final Function<String, V> loader;
    private final AccountCaches caches;
    private final Cache<String, V> values = Caffeine.newBuilder().maximumSize(10_000).build();
    // Bumped by every drop: a load that began before a drop must not keep what it read.
    private final AtomicLong generation = new AtomicLong();

    AccountCache(String topic, Function<String, V> loader, AccountCaches caches) {
        this.topic = topic;
        this.loader = loader;
        this.caches = caches;
    }

    /** The topic that names this cache's changes in the database. */
    public String topic() {
        return topic;
    }

    /** The account's value: this node's copy, or freshly loaded when it has none. */
    public V get(String accountId) {
        V cached = values.getIfPresent(accountId);
        if (cached != null) {
            return cached;
        }
        long readAt = generation.get();
        V loaded = loader.apply(accountId);
        // What a transaction that changes the value reads is not committed yet: it is for that transaction alone.
        if (loaded != null && !changedInThisTransaction(accountId)) {
            keep(accountId, loaded, readAt);
        }
        return loaded;
    }

    /**
     * Records that the account's value changes in the current transaction: every node will load it again. Outside a
     * transaction the change is recorded on its own.
     */
    public void changed(String accountId) {
        caches.record(accountId, topic);
        drop(accountId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            @SuppressWarnings("unchecked")
            Set<String> changed = (Set<String>) TransactionSynchronizationManager.getResource(this);
            if (changed == null) {
                Set<String> accounts = new HashSet<>();
                TransactionSynchronizationManager.bindResource(this, accounts);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(AccountCache.this);
                        accounts.forEach(AccountCache.this::drop);
                    }
                });
                changed = accounts;
            }
            changed.add(accountId);
        }
    }

    private boolean changedInThisTransaction(String accountId) {
        Object changed = TransactionSynchronizationManager.getResource(this);
        return changed instanceof Set<?> accounts && accounts.contains(accountId);
    }

    void drop(String accountId) {
        generation.incrementAndGet();
        values.invalidate(accountId);
    }

    void dropAll() {
        generation.incrementAndGet();
        values.invalidateAll();
    }

    private void keep(String accountId, V loaded, long readAt) {
        values.put(accountId, loaded);
        if (generation.get() != readAt) {
            values.invalidate(accountId);
        }
    }
}
