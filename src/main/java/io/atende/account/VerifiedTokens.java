package io.atende.account;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Callers whose token this node verified in the last {@link #LIFETIME}, by token hash, so that an
 * API request does not read its token and account again. A change to tokens or accounts made on
 * this node forgets every entry at once (and again after its commit); on other nodes an entry
 * lives at most {@link #LIFETIME}, which bounds how long a revoked token still works there.
 */
@Component
class VerifiedTokens {

    static final Duration LIFETIME = Duration.ofSeconds(2);

    private final Cache<String, Verified> byHash = Caffeine.newBuilder()
            .expireAfterWrite(LIFETIME)
            .maximumSize(10_000)
            .build();
    // Bumped by every local change: a lookup that began before a change must not store what it read.
    private final AtomicLong generation = new AtomicLong();

    /** A caller verified from the database, with when its token was last marked as used. */
    record Verified(Caller caller, AtomicReference<Instant> lastUsedAt) {
    }

    Verified find(String tokenHash) {
        return byHash.getIfPresent(tokenHash);
    }

    long generation() {
        return generation.get();
    }

    /** Remembers what a lookup that began at {@code readAt} (a {@link #generation()}) found, unless something changed since. */
    void remember(String tokenHash, Verified verified, long readAt) {
        byHash.put(tokenHash, verified);
        if (generation.get() != readAt) {
            byHash.invalidate(tokenHash);
        }
    }

    /** Forgets every verified token now and, when called inside a transaction, again once it commits. */
    void forgetAll() {
        generation.incrementAndGet();
        byHash.invalidateAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                    byHash.invalidateAll();
                }
            });
        }
    }
}
