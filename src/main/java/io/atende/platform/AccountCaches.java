package io.atende.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes the node's {@link AccountCache}s and keeps them in step with the other nodes: a change recorded with
 * {@link AccountCache#changed(String)} is a row in {@code cache_change}, and a worker on every node reads the rows of
 * the last {@link #WINDOW} every {@code atende.cache.sync-interval} (1 s) and drops the copies of each change it has
 * not seen yet. Times are the database's, so nodes whose clocks differ, or a test's clock, do not matter. A change
 * reaches the other nodes within about one interval; when the database could not be read, every copy is dropped at
 * the next successful read, since changes of that time may have been missed.
 */
@Component
public class AccountCaches implements SmartLifecycle {

    /** How far back each read looks: a change committed later than this after its row was written would be missed. */
    static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Worker worker;
    private final Map<String, List<AccountCache<?>>> byTopic = new ConcurrentHashMap<>();
    // Changes already acted on (or made here), by id, with their time, until they leave the window.
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private volatile boolean missedReads = true;
    private volatile Instant lastPrune = Instant.EPOCH;

    AccountCaches(JdbcClient jdbc, Workers workers, @Value("${atende.cache.sync-interval}") Duration interval) {
        this.jdbc = jdbc;
        this.worker = workers.create(new Worker.Settings("cache-sync", interval, Integer.MAX_VALUE, Duration.ofSeconds(5)),
                this::dropChanged);
    }

    /**
     * A cache of one value per account under {@code topic} (unique on the node: the name its changes are recorded
     * under), loaded by {@code loader} in the caller's thread when the node has no copy.
     */
    public <V> AccountCache<V> create(String topic, Function<String, V> loader) {
        if (topic == null || topic.isBlank() || topic.length() > 64) {
            throw new IllegalArgumentException("a cache needs a topic of 1 to 64 characters");
        }
        AccountCache<V> cache = new AccountCache<>(topic, loader, this);
        byTopic.computeIfAbsent(topic, name -> new CopyOnWriteArrayList<>()).add(cache);
        return cache;
    }

    /** Writes the change in the caller's transaction; this node drops its own copies itself. */
    void record(String accountId, String topic) {
        String id = Ids.newId();
        seen.put(id, Instant.now());
        jdbc.sql("insert into cache_change (id, account_id, topic, changed_at) values (:id, :account, :topic, current_timestamp)")
                .param("id", id)
                .param("account", accountId)
                .param("topic", topic)
                .update();
    }

    /** One read of the recent changes: drops the copies of those not seen yet; answers how many that was. */
    private int dropChanged() {
        boolean dropEverything = missedReads;
        missedReads = true;
        Instant now = jdbc.sql("select current_timestamp as now").query((rs, row) -> SqlTimes.instant(rs, "now")).single();
        List<Change> changes = jdbc.sql("""
                select id, account_id, topic, changed_at from cache_change where changed_at > :since
                """)
                .param("since", SqlTimes.utc(now.minus(WINDOW)))
                .query((rs, row) -> new Change(rs.getString("id"), rs.getString("account_id"), rs.getString("topic"),
                        SqlTimes.instant(rs, "changed_at")))
                .list();
        int dropped = 0;
        for (Change change : changes) {
            if (seen.putIfAbsent(change.id(), change.at()) == null && !dropEverything) {
                byTopic.getOrDefault(change.topic(), List.of()).forEach(cache -> cache.drop(change.accountId()));
                dropped++;
            }
        }
        if (dropEverything) {
            byTopic.values().forEach(caches -> caches.forEach(AccountCache::dropAll));
        }
        Instant forgetBefore = now.minus(WINDOW.multipliedBy(2));
        seen.values().removeIf(at -> at.isBefore(forgetBefore));
        missedReads = false;
        if (lastPrune.plus(PRUNE_EVERY).isBefore(now)) {
            jdbc.sql("delete from cache_change where changed_at < :before")
                    .param("before", SqlTimes.utc(now.minus(Duration.ofHours(1))))
                    .update();
            lastPrune = now;
        }
        return dropped;
    }

    private record Change(String id, String accountId, String topic, Instant at) {
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
