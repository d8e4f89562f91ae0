package io.atende.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.atende.platform.Ids;
import io.atende.platform.LeaseHolders;
import io.atende.platform.Worker;
import io.atende.platform.Workers;

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
 * Delivers the outbox. Runs on every node: a poller claims due deliveries in batches with
 * {@code FOR UPDATE SKIP LOCKED} in a short transaction (marking them with a claim token and a
 * lease), hands them to a bounded pool of senders, and a recorder writes the attempts that came
 * back, many per short transaction. No database lock is held while a receiver answers; a node
 * that dies mid-attempt leaves a lease that simply expires, and the delivery is tried again (at
 * least once).
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
    private static final long MIN_ROUND_GAP_MS = 10;
    private static final int MIN_SHARE = 8;

    /** Deliveries claimed and not yet answered: twice the senders, so a new batch is ready when one finishes. */
    private final Semaphore slots;
    private final int capacity;
    private final int claimThreshold;
    /** The longest one attempt can take; an attempt is not started when less than this is left of its lease. */
    private final Duration attemptBound;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Map<String, Instant> pausedHere = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Counter gone;

    private final Worker worker;
    /** When the last claim that took fewer than it wanted ended (poller thread only). */
    private long lastShortRound;

    private volatile boolean running;
    private Thread recorder;
    private ExecutorService senders;
    private ScheduledExecutorService housekeeping;

    WebhookDispatcher(WebhookRepository repository, WebhookSender sender, WebhookProperties properties,
                      PlatformTransactionManager transactionManager, Clock clock, MeterRegistry meters, Workers workers) {
        this.repository = repository;
        this.sender = sender;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.node = LeaseHolders.newName();
        this.capacity = 2 * Math.max(1, properties.concurrency());
        this.claimThreshold = Math.max(1, Math.min(properties.batchSize(), properties.concurrency()) / 2);
        this.slots = new Semaphore(capacity);
        this.attemptBound = properties.connectTimeout().plus(properties.readTimeout()).plusSeconds(1);
        this.delivered = outcome(meters, "delivered");
        this.retried = outcome(meters, "retried");
        this.failed = outcome(meters, "failed");
        this.gone = outcome(meters, "gone");
        Gauge.builder("atende.webhook.queue.depth", repository, WebhookRepository::pendingCount)
                .description("Deliveries waiting for their first or next attempt").register(meters);
        Gauge.builder("atende.webhook.queue.oldest.due.age", this, WebhookDispatcher::oldestDueAgeSeconds)
                .baseUnit("seconds").description("How long the oldest due delivery has been waiting").register(meters);
        this.worker = workers.create(new Worker.Settings("webhook-dispatcher", properties.pollInterval(), properties.batchSize(),
                Duration.ofSeconds(5)), this::claimRound);
    }

    /** Looks for due deliveries now rather than at the next poll (called after a local commit queued some). */
    void wake() {
        worker.wake();
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
        recorder = new Thread(this::recordOutcomes, "webhook-recorder");
        recorder.setDaemon(true);
        recorder.start();
        worker.start();
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        // The claim in flight hands its deliveries to the senders before the worker stops.
        worker.stop();
        housekeeping.shutdownNow();
        try {
            senders.shutdown();
            // Attempts still running after this keep their lease, which expires: the delivery is simply tried again.
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
            // The recorder writes what the senders reported, then ends.
            recorder.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * One round of the worker: claims as many deliveries as there are free slots (up to a batch) and
     * hands them to the senders. Near full, it waits (a sender's answer wakes it) until a useful batch
     * fits rather than claiming one or two at a time.
     */
    private int claimRound() throws InterruptedException {
        if (lastShortRound != 0) {
            // Commits wake the worker one by one; a short pause after a partial claim lets them gather into one claim.
            long since = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastShortRound);
            lastShortRound = 0;
            if (since < MIN_ROUND_GAP_MS) {
                Thread.sleep(MIN_ROUND_GAP_MS - since);
            }
        }
        int free = slots.availablePermits();
        if (free == 0 || free < Math.min(claimThreshold, capacity)) {
            return 0;
        }
        int wanted = Math.min(free, properties.batchSize());
        int claimed = claimAndSubmit(wanted);
        if (claimed < wanted) {
            lastShortRound = System.nanoTime();
        }
        return claimed;
    }

    private int claimAndSubmit(int limit) throws InterruptedException {
        String token = Ids.newId();
        List<Claimed> claimed = transactions.execute(status -> claim(token, limit));
        Map<String, byte[]> bodies = new ConcurrentHashMap<>();
        for (var delivery : claimed) {
            slots.acquire();
            try {
                senders.execute(() -> {
                    try {
                        deliver(delivery, bodies);
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

    /**
     * Claims up to {@code limit} deliveries in one transaction: the subscriptions with due work
     * (in random order, so that no account's backlog starves another's) each give their earliest
     * due deliveries, a share of the limit each; a paused subscription gives its single probe.
     */
    private List<Claimed> claim(String token, int limit) {
        repository.planForCurrentSize();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(properties.lease());
        var subscriptions = new ArrayList<>(repository.dueSubscriptions(now));
        Collections.shuffle(subscriptions);
        // Probes lock their subscription rows: take them first and in key order, as the recorder writes those rows,
        // so that a claim and a recording cannot deadlock.
        subscriptions.sort(Comparator.comparing((WebhookRepository.DueSubscription due) ->
                due.failuresInARow() < properties.pauseAfterFailures())
                .thenComparing(due -> due.failuresInARow() < properties.pauseAfterFailures() ? "" : due.accountId() + "/" + due.id()));
        // Each subscription asked costs a statement: ask at most limit / MIN_SHARE of them this round (the
        // shuffle lets the others have the next rounds), and each for its share of the limit.
        int asked = Math.max(1, Math.min(subscriptions.size(), limit / MIN_SHARE));
        int share = Math.max(1, (limit + asked - 1) / asked);
        Map<String, List<String>> idsByAccount = new LinkedHashMap<>();
        Set<String> probes = new HashSet<>();
        int taken = 0;
        for (var subscription : subscriptions) {
            if (taken >= limit) {
                break;
            }
            boolean probe = subscription.failuresInARow() >= properties.pauseAfterFailures();
            var ids = repository.lockDue(subscription.accountId(), subscription.id(), now, probe ? 1 : Math.min(share, limit - taken));
            if (ids.isEmpty()) {
                continue;
            }
            if (probe) {
                // A paused subscription gets one probe at a time; the rest waits for its answer.
                if (!repository.takeProbe(subscription.accountId(), subscription.id(), now, leaseUntil)) {
                    continue;
                }
                probes.add(ids.get(0));
            }
            idsByAccount.computeIfAbsent(subscription.accountId(), key -> new ArrayList<>()).addAll(ids);
            taken += ids.size();
        }
        List<Claimed> claimed = new ArrayList<>(taken);
        idsByAccount.forEach((accountId, ids) -> {
            repository.claim(accountId, ids, token, leaseUntil);
            for (var work : repository.work(accountId, ids)) {
                claimed.add(new Claimed(work, token, leaseUntil, probes.contains(work.deliveryId())));
            }
        });
        return claimed;
    }

    private void deliver(Claimed claimed, Map<String, byte[]> bodies) {
        var work = claimed.work();
        try {
            Instant now = clock.instant();
            if (!work.subscription().active() || (!claimed.probe() && pausedHere(work.accountId(), work.subscription().id(), now))
                    || now.plus(attemptBound).isAfter(claimed.leaseUntil())) {
                // Switched off or paused since the claim, or waited so long that the attempt could outlast
                // the lease (and another node send it too): give it back untried.
                repository.release(work.accountId(), work.deliveryId(), claimed.token(), now);
                return;
            }
            byte[] body;
            try {
                body = work.subscription().format() == WebhookFormat.STANDARD
                        ? bodies.computeIfAbsent(work.eventId(), event -> sender.body(work))  // the same for every standard subscription
                        : sender.body(work);
            } catch (RuntimeException unrenderable) {
                outcomes.add(new Outcome(claimed, sender.send(work)));  // recorded as a failed attempt, as before
                return;
            }
            outcomes.add(new Outcome(claimed, sender.send(work, body)));
        } catch (RuntimeException failure) {
            log.warn("Webhook delivery {} could not be sent: {}", work.deliveryId(), failure.toString());
        }
    }

    /** Records what the senders report, many attempts per transaction, until stopped and drained. */
    private void recordOutcomes() {
        List<Outcome> batch = new ArrayList<>();
        while (true) {
            try {
                Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!running && (senders == null || senders.isTerminated())) {
                        // A sender may have reported between the empty poll and its termination: record that too.
                        outcomes.drainTo(batch);
                        record(batch);
                        return;
                    }
                    continue;
                }
                batch.add(first);
                outcomes.drainTo(batch, properties.batchSize() - 1);
                record(batch);
            } catch (InterruptedException interrupted) {
                outcomes.drainTo(batch);
                record(batch);
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
            // Recorded deliveries let the next events of their subjects go.
            wake();
        }
    }

    private void record(List<Outcome> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            var counts = transactions.execute(status -> recordAll(batch));
            counts.forEach((counter, amount) -> counter.increment(amount));
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                // The lease expires and the delivery is tried again: at least once.
                log.warn("Webhook delivery {} could not be recorded: {}", batch.get(0).claimed().work().deliveryId(), failure.toString());
                return;
            }
            // One bad row (a deadlock with a deletion, say) must not cost the others their record.
            for (var outcome : batch) {
                record(List.of(outcome));
            }
        }
    }

    private Map<Counter, Integer> recordAll(List<Outcome> batch) {
        repository.planForCurrentSize();
        Map<String, List<String>> idsByAccount = new TreeMap<>();
        for (var outcome : batch) {
            idsByAccount.computeIfAbsent(outcome.claimed().work().accountId(), key -> new ArrayList<>())
                    .add(outcome.claimed().work().deliveryId());
        }
        Set<String> present = new HashSet<>();
        idsByAccount.forEach((accountId, ids) -> {
            Collections.sort(ids);
            repository.lockDeliveries(accountId, ids).forEach(id -> present.add(accountId + "/" + id));
        });
        Instant now = clock.instant();
        List<WebhookRepository.Attempt> attempts = new ArrayList<>();
        List<WebhookRepository.Settlement> settlements = new ArrayList<>();
        // Per subscription, in the order the answers came: s = success, f = failure, g = 410 Gone.
        Map<String, StringBuilder> answers = new TreeMap<>();
        Map<Counter, Integer> counts = new HashMap<>();
        // Subscriptions that had failures or a pause when their deliveries were claimed.
        Set<String> troubled = new HashSet<>();
        for (var outcome : batch) {
            var work = outcome.claimed().work();
            var result = outcome.result();
            if (!present.contains(work.accountId() + "/" + work.deliveryId())) {
                continue;  // the subscription was deleted while the attempt ran
            }
            String token = outcome.claimed().token();
            attempts.add(new WebhookRepository.Attempt(work.accountId(), Ids.newId(), work.deliveryId(), result.startedAt(),
                    result.durationMs(), result.statusCode(), result.response(), result.error(), node));
            String error = result.error() != null ? result.error() : result.succeeded() ? null : "HTTP " + result.statusCode();
            char answer;
            Counter counter;
            if (result.succeeded()) {
                settlements.add(new WebhookRepository.Settlement(work.accountId(), work.deliveryId(), token, DeliveryStatus.DELIVERED,
                        result.statusCode(), null, now, now));
                answer = 's';
                counter = delivered;
            } else if (result.statusCode() != null && result.statusCode() == 410) {
                settlements.add(new WebhookRepository.Settlement(work.accountId(), work.deliveryId(), token, DeliveryStatus.FAILED, 410,
                        error, now, now));
                answer = 'g';
                counter = gone;
            } else {
                Duration wait = backoff(work.attempts() + 1);
                if (result.retryAfter() != null && result.retryAfter().compareTo(wait) > 0) {
                    wait = result.retryAfter();
                }
                Instant next = now.plus(wait);
                boolean giveUp = next.isAfter(work.createdAt().plus(properties.maxAge()));
                settlements.add(new WebhookRepository.Settlement(work.accountId(), work.deliveryId(), token,
                        giveUp ? DeliveryStatus.FAILED : DeliveryStatus.PENDING, result.statusCode(), error, giveUp ? now : next,
                        giveUp ? now : null));
                answer = 'f';
                counter = giveUp ? failed : retried;
            }
            counts.merge(counter, 1, Integer::sum);
            String key = work.accountId() + "/" + work.subscription().id();
            answers.computeIfAbsent(key, any -> new StringBuilder()).append(answer);
            if (work.subscription().consecutiveFailures() != 0 || work.subscription().pausedUntil() != null) {
                troubled.add(key);
            }
        }
        if (!attempts.isEmpty()) {
            repository.insertAttempts(attempts);
            repository.settle(settlements);
        }
        // Healthy subscriptions that only succeeded (the usual case): one statement per account, which writes a row
        // only if a failure was counted since the claim.
        Map<String, List<String>> succeeded = new TreeMap<>();
        answers.forEach((key, sequence) -> {
            if (!troubled.contains(key) && sequence.chars().allMatch(answer -> answer == 's')) {
                int slash = key.indexOf('/');
                succeeded.computeIfAbsent(key.substring(0, slash), account -> new ArrayList<>()).add(key.substring(slash + 1));
                pausedHere.remove(key);
            }
        });
        succeeded.forEach(repository::subscriptionsSucceeded);
        // The others row by row in key order, as claims take probes, so that a claim and a recording (or two
        // recordings) cannot deadlock.
        answers.forEach((key, sequence) -> {
            if (troubled.contains(key) || !sequence.chars().allMatch(answer -> answer == 's')) {
                subscriptionAnswered(key, sequence.toString(), now);
            }
        });
        return counts;
    }

    /** Counts failures in a row (a success resets the count, 410 leaves it), pauses and disables the subscription. */
    private void subscriptionAnswered(String key, String sequence, Instant now) {
        int slash = key.indexOf('/');
        String accountId = key.substring(0, slash);
        String subscriptionId = key.substring(slash + 1);
        if (sequence.indexOf('g') >= 0) {
            repository.disableSubscription(accountId, subscriptionId, "gone", now);
            log.info("Webhook {} disabled: its receiver answered 410 Gone", subscriptionId);
        }
        int lastSuccess = sequence.lastIndexOf('s');
        int failuresAfter = (int) sequence.substring(lastSuccess + 1).chars().filter(answer -> answer == 'f').count();
        int failures;
        if (lastSuccess >= 0) {
            if (failuresAfter == 0) {
                repository.subscriptionSucceeded(accountId, subscriptionId);
                pausedHere.remove(key);
                return;
            }
            failures = failuresAfter;
            repository.subscriptionFailuresSince(accountId, subscriptionId, failures,
                    failures >= properties.pauseAfterFailures() ? now.plus(probeDelay(failures)) : null);
        } else if (failuresAfter > 0) {
            failures = repository.subscriptionFailed(accountId, subscriptionId, failuresAfter);
            if (failures >= properties.pauseAfterFailures()) {
                repository.pauseSubscription(accountId, subscriptionId, now.plus(probeDelay(failures)));
            }
        } else {
            return;
        }
        if (failures >= properties.pauseAfterFailures()) {
            pausedHere.put(key, now.plus(probeDelay(failures)));
            if (failures - failuresAfter < properties.pauseAfterFailures()) {
                log.info("Webhook {} paused after {} failures in a row; probing it from now on", subscriptionId, failures);
            }
        }
    }

    /** Whether this node paused the subscription itself and the pause still runs (other nodes' pauses are seen at the next claim). */
    private boolean pausedHere(String accountId, String subscriptionId, Instant now) {
        String key = accountId + "/" + subscriptionId;
        Instant until = pausedHere.get(key);
        if (until != null && !until.isAfter(now)) {
            pausedHere.remove(key, until);
            return false;
        }
        return until != null;
    }

    /** A claimed delivery on its way to a sender. */
    private record Claimed(WebhookRepository.Work work, String token, Instant leaseUntil, boolean probe) {
    }

    /** An attempt made, waiting to be recorded. */
    private record Outcome(Claimed claimed, WebhookSender.Result result) {
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
}
