package io.atende.webhook;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.atende.platform.Ids;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivers the outbox. Runs on every node: a poller claims due deliveries with
 * {@code FOR UPDATE SKIP LOCKED} in a short transaction (marking them with a claim token and a
 * lease), hands them to a bounded pool of senders, and records each attempt in another short
 * transaction. No database lock is held while a receiver answers; a node that dies mid-attempt
 * leaves a lease that simply expires, and the delivery is tried again (at least once).
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookRepository repository;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node;
    private final Semaphore wakeups = new Semaphore(0);
    private final Semaphore slots;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Counter gone;

    private volatile boolean running;
    private Thread poller;
    private ExecutorService senders;
    private ScheduledExecutorService housekeeping;

    WebhookDispatcher(WebhookRepository repository, WebhookSender sender, WebhookProperties properties,
                      PlatformTransactionManager transactionManager, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.sender = sender;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.node = nodeName();
        this.slots = new Semaphore(Math.max(1, properties.concurrency()));
        this.delivered = outcome(meters, "delivered");
        this.retried = outcome(meters, "retried");
        this.failed = outcome(meters, "failed");
        this.gone = outcome(meters, "gone");
        Gauge.builder("atende.webhook.queue.depth", repository, WebhookRepository::pendingCount)
                .description("Deliveries waiting for their first or next attempt").register(meters);
        Gauge.builder("atende.webhook.queue.oldest.due.age", this, WebhookDispatcher::oldestDueAgeSeconds)
                .baseUnit("seconds").description("How long the oldest due delivery has been waiting").register(meters);
    }

    /** Looks for due deliveries now rather than at the next poll (called after a local commit queued some). */
    void wake() {
        wakeups.release();
    }

    @Override
    public void start() {
        if (!properties.dispatcherEnabled()) {
            return;
        }
        running = true;
        AtomicInteger count = new AtomicInteger();
        senders = Executors.newFixedThreadPool(Math.max(1, properties.concurrency()), task -> {
            Thread thread = new Thread(task, "webhook-sender-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhook-retention");
            thread.setDaemon(true);
            return thread;
        });
        long cleanup = properties.cleanupInterval().toMillis();
        // A random start spreads the nodes' cleanups apart; running it on several nodes is harmless.
        housekeeping.scheduleWithFixedDelay(this::removeExpired, ThreadLocalRandom.current().nextLong(cleanup / 2 + 1), cleanup,
                TimeUnit.MILLISECONDS);
        poller = new Thread(this::poll, "webhook-dispatcher");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public void stop() {
        running = false;
        if (poller == null) {
            return;
        }
        wake();
        housekeeping.shutdownNow();
        try {
            poller.join(5_000);
            senders.shutdown();
            // Attempts still running after this keep their lease, which expires: the delivery is simply tried again.
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
        poller = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                wakeups.drainPermits();
                int free = slots.availablePermits();
                int claimed = free == 0 ? 0 : claimAndSubmit(free);
                if (claimed == 0 || claimed < free) {
                    wakeups.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                log.warn("Webhook dispatcher could not claim deliveries: {}", failure.toString());
                sleepQuietly(properties.pollInterval());
            }
        }
    }

    private int claimAndSubmit(int limit) throws InterruptedException {
        String token = Ids.newId();
        List<WebhookRepository.Candidate> claimed = transactions.execute(status -> claim(token, limit));
        for (var candidate : claimed) {
            slots.acquire();
            try {
                senders.execute(() -> {
                    try {
                        deliver(candidate, token);
                    } finally {
                        slots.release();
                        wake();
                    }
                });
            } catch (RuntimeException rejected) {
                slots.release();
                throw rejected;
            }
        }
        return claimed.size();
    }

    private List<WebhookRepository.Candidate> claim(String token, int limit) {
        Instant now = clock.instant();
        var due = repository.lockDue(now, limit);
        List<WebhookRepository.Candidate> claimed = new ArrayList<>();
        Set<String> probing = new HashSet<>();
        for (var candidate : due) {
            if (candidate.failuresInARow() >= properties.pauseAfterFailures()) {
                // A paused subscription gets one probe at a time; the rest waits for its answer.
                String key = candidate.accountId() + "/" + candidate.subscriptionId();
                if (probing.contains(key) || !repository.takeProbe(candidate.accountId(), candidate.subscriptionId(), now,
                        now.plus(properties.lease()))) {
                    continue;
                }
                probing.add(key);
            }
            repository.claim(candidate.accountId(), candidate.deliveryId(), token, now.plus(properties.lease()));
            claimed.add(candidate);
        }
        return claimed;
    }

    private void deliver(WebhookRepository.Candidate candidate, String token) {
        try {
            var work = repository.work(candidate.accountId(), candidate.deliveryId()).orElse(null);
            if (work == null || !token.equals(work.claimToken())) {
                return;
            }
            if (!work.subscription().active()) {
                repository.release(work.accountId(), work.deliveryId(), token, clock.instant());
                return;
            }
            var result = sender.send(work);
            transactions.executeWithoutResult(status -> record(work, token, result));
        } catch (RuntimeException failure) {
            log.warn("Webhook delivery {} could not be recorded: {}", candidate.deliveryId(), failure.toString());
        }
    }

    private void record(WebhookRepository.Work work, String token, WebhookSender.Result result) {
        String accountId = work.accountId();
        String subscriptionId = work.subscription().id();
        if (!repository.lockDelivery(accountId, work.deliveryId())) {
            return;  // the subscription was deleted while the attempt ran
        }
        Instant now = clock.instant();
        repository.insertAttempt(accountId, Ids.newId(), work.deliveryId(), result.startedAt(), result.durationMs(), result.statusCode(),
                result.response(), result.error(), node);
        String error = result.error() != null ? result.error()
                : result.succeeded() ? null : "HTTP " + result.statusCode();
        if (result.succeeded()) {
            repository.settle(accountId, work.deliveryId(), token, DeliveryStatus.DELIVERED, result.statusCode(), null, now, now);
            repository.subscriptionSucceeded(accountId, subscriptionId);
            delivered.increment();
            return;
        }
        if (result.statusCode() != null && result.statusCode() == 410) {
            repository.settle(accountId, work.deliveryId(), token, DeliveryStatus.FAILED, 410, error, now, now);
            repository.disableSubscription(accountId, subscriptionId, "gone", now);
            log.info("Webhook {} disabled: its receiver answered 410 Gone", subscriptionId);
            gone.increment();
            return;
        }
        int attempts = work.attempts() + 1;
        Duration wait = backoff(attempts);
        if (result.retryAfter() != null && result.retryAfter().compareTo(wait) > 0) {
            wait = result.retryAfter();
        }
        Instant next = now.plus(wait);
        if (next.isAfter(work.createdAt().plus(properties.maxAge()))) {
            repository.settle(accountId, work.deliveryId(), token, DeliveryStatus.FAILED, result.statusCode(), error, now, now);
            failed.increment();
        } else {
            repository.settle(accountId, work.deliveryId(), token, DeliveryStatus.PENDING, result.statusCode(), error, next, null);
            retried.increment();
        }
        int failures = repository.subscriptionFailed(accountId, subscriptionId, properties.pauseAfterFailures(), now.plus(probeDelay(
                work.subscription().consecutiveFailures() + 1)));
        if (failures == properties.pauseAfterFailures()) {
            log.info("Webhook {} paused after {} failures in a row; probing it from now on", subscriptionId, failures);
        }
    }

    /** Exponential backoff with jitter: about initial × 2^(n−1), capped, drawn from its upper half. */
    Duration backoff(int attempts) {
        long initial = properties.initialDelay().toMillis();
        long cap = properties.maxDelay().toMillis();
        long exponential = attempts >= 40 ? cap : Math.min(cap, initial << Math.max(0, attempts - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private Duration probeDelay(int failuresInARow) {
        int beyond = Math.max(0, failuresInARow - properties.pauseAfterFailures());
        long base = properties.probeInterval().toMillis();
        long delay = beyond >= 30 ? Long.MAX_VALUE : base << beyond;
        return Duration.ofMillis(Math.min(delay, properties.maxProbeInterval().toMillis()));
    }

    private void removeExpired() {
        try {
            int removed = transactions.execute(status -> repository.deleteOlderThan(clock.instant().minus(properties.retention())));
            if (removed > 0) {
                log.debug("Removed {} webhook attempts past retention", removed);
            }
        } catch (RuntimeException failure) {
            // Another node may be cleaning the same rows; the next run catches up.
            log.debug("Webhook retention cleanup skipped: {}", failure.toString());
        }
    }

    private double oldestDueAgeSeconds() {
        Instant now = clock.instant();
        return repository.oldestDue(now).map(due -> Duration.between(due, now).toMillis() / 1000.0).orElse(0.0);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("atende.webhook.deliveries").tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome").register(meters);
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            host = "node";
        }
        String name = host + "-" + Ids.newId().substring(0, 8);
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
