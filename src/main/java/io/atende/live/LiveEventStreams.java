package io.atende.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atende.platform.OpenStreams;
import io.atende.platform.Workers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every operator's live stream open on this node. Built like the chat streams: one thread reads the live log for all
 * of them with one query per round (the log is in the database, so changes made through any node show up), hands
 * each subscription the entries its operator may see, and tells idle ones so. Entries are read by id; an id missing
 * below the highest one read (a transaction of another node that has not committed yet) is looked for again in the
 * next rounds for a few seconds, so an entry that commits late is still delivered. A stream starts at the log's end:
 * what happened before it opened, its page loaded from the database.
 */
@Component
public class LiveEventStreams implements SmartLifecycle {

    private static final int EVENTS_PER_QUERY = 500;
    /** How long an id missing from the log is waited for; a transaction that has not committed by then rolled back. */
    private static final Duration MISSING_WAIT = Duration.ofSeconds(10);
    private static final int MAX_MISSING = 1_000;
    /** How long the log keeps its entries; every node deletes older ones now and then. */
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private final LiveEventLog events;
    private final Clock clock;
    private final Duration maxDuration;
    private final int maxOpen;
    private final int maxPerOperator;
    // Each operator's open streams, oldest first (their tabs and browsers); guarded by its own monitor.
    private final Map<String, Deque<Subscription>> perOperator = new HashMap<>();
    private final OpenStreams<Subscription> streams;
    // Touched by the poller thread and by subscribe (under this monitor).
    private long afterId = -1;
    private final Map<Long, Long> missing = new LinkedHashMap<>();
    private long nextCleanupNanos = System.nanoTime();

    @Autowired
    LiveEventStreams(LiveEventLog events, Clock clock,
                     @Value("${atende.live.stream.poll-interval:250ms}") Duration pollInterval,
                     @Value("${atende.live.stream.heartbeat:15s}") Duration heartbeat,
                     @Value("${atende.live.stream.max-duration:10m}") Duration maxDuration,
                     @Value("${atende.live.stream.max-open:1000}") int maxOpen,
                     @Value("${atende.live.stream.max-per-operator:8}") int maxPerOperator,
                     Workers workers) {
        this.events = events;
        this.clock = clock;
        this.maxDuration = maxDuration;
        this.maxOpen = maxOpen;
        this.maxPerOperator = maxPerOperator;
        this.streams = new OpenStreams<>("live-streams", workers, pollInterval, EVENTS_PER_QUERY, heartbeat, maxOpen,
                this::released, this::poll);
    }

    /**
     * Subscribes an operator to the live events they may see: those of tickets and chats of {@code departments} or
     * their own, and other operators' presence on those tickets. The caller has read the operator's departments.
     * When the operator already holds their share of the node, their oldest stream ends (its client reconnects if it
     * is still there): a page left behind is only noticed at its next write, and must not lock its operator out.
     *
     * @throws LiveStreamLimitException when this node is full
     */
    public Subscription subscribe(String accountId, String operatorId, Set<String> departments, LiveEventListener listener) {
        String key = accountId + '/' + operatorId;
        synchronized (this) {
            if (afterId < 0) {
                // The first stream since the node started: everything logged before now is the page's business.
                afterId = events.lastId();
            }
        }
        var subscription = new Subscription(accountId, operatorId, Set.copyOf(departments), listener);
        List<Subscription> oldest = new ArrayList<>();
        synchronized (perOperator) {
            var held = perOperator.computeIfAbsent(key, operator -> new ArrayDeque<>());
            while (held.size() >= maxPerOperator) {
                oldest.add(held.removeFirst());
            }
            oldest.forEach(streams::end);
            if (!streams.add(subscription)) {
                if (held.isEmpty()) {
                    perOperator.remove(key);
                }
                throw new LiveStreamLimitException(maxOpen);
            }
            held.addLast(subscription);
        }
        return subscription;
    }

    /** How long a reader keeps one stream before ending it, so that no connection lives forever; its client then reconnects. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** How many streams this node serves now. */
    public int openStreams() {
        return streams.size();
    }

    @Override
    public void start() {
        streams.start();
    }

    /** Stops polling and ends every stream; their clients reconnect to another node, or to this one once it is back. */
    @Override
    public void stop() {
        streams.stop();
    }

    @Override
    public boolean isRunning() {
        return streams.isRunning();
    }

    private void released(Subscription subscription) {
        synchronized (perOperator) {
            perOperator.computeIfPresent(subscription.accountId + '/' + subscription.operatorId, (key, held) -> {
                held.remove(subscription);
                return held.isEmpty() ? null : held;
            });
        }
    }

    /** Sends every open stream what was logged since the last round; returns how many entries were read. */
    private int poll(List<Subscription> subscriptions) {
        cleanUp();
        if (subscriptions.isEmpty()) {
            synchronized (this) {
                // Nobody listens: the next first stream starts from the log's end again.
                afterId = -1;
                missing.clear();
            }
            return 0;
        }
        List<LiveEvent> read;
        synchronized (this) {
            long now = System.nanoTime();
            missing.values().removeIf(since -> now - since > MISSING_WAIT.toNanos());
            read = events.after(afterId, missing.keySet(), EVENTS_PER_QUERY);
            for (var event : read) {
                if (missing.remove(event.id()) != null) {
                    continue;
                }
                for (long gap = afterId + 1; gap < event.id() && missing.size() < MAX_MISSING; gap++) {
                    missing.put(gap, now);
                }
                afterId = Math.max(afterId, event.id());
            }
        }
        long now = System.nanoTime();
        for (var subscription : subscriptions) {
            streams.deliver(subscription, now, stream -> {
                boolean sent = false;
                for (var event : read) {
                    if (event.visibleTo(stream.accountId, stream.operatorId, stream.departments) && stream.isOpen()) {
                        stream.listener.onEvent(event);
                        sent = true;
                    }
                }
                return sent;
            });
        }
        return read.size();
    }

    /** Deletes the log's old entries about once a minute (every node does; the deletes are idempotent). */
    private void cleanUp() {
        long now = System.nanoTime();
        if (now - nextCleanupNanos < 0) {
            return;
        }
        nextCleanupNanos = now + Duration.ofMinutes(1).toNanos();
        events.deleteBefore(clock.instant().minus(RETENTION));
    }

    /** One operator's subscription to the live log. */
    public static final class Subscription extends OpenStreams.Stream {

        final String accountId;
        final String operatorId;
        final Set<String> departments;
        final LiveEventListener listener;

        Subscription(String accountId, String operatorId, Set<String> departments, LiveEventListener listener) {
            super(listener);
            this.accountId = accountId;
            this.operatorId = operatorId;
            this.departments = departments;
            this.listener = listener;
        }
    }
}
