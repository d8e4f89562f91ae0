package io.atende.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.platform.OpenStreams;
import io.atende.platform.Workers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every live chat stream open on this node, whoever reads it (the API, the console, the widget).
 * One thread reads the chats' event logs for all of them with one query per round (the log is in
 * the database, so writes through any node show up), hands each subscription the events it has
 * not seen, and tells idle ones so, for their readers to keep connections alive. How the events
 * travel (server-sent events, in each face's own rendering) is the readers' business. Readers end
 * their streams after {@link #maxDuration()}; clients reconnect from the last event they saw and miss nothing.
 */
@Component
public class ChatEventStreams implements SmartLifecycle {

    private static final int CURSORS_PER_QUERY = 100;
    private static final int EVENTS_PER_QUERY = 500;

    private final ChatManagement chats;
    private final Duration maxDuration;
    private final int maxOpen;
    private final StreamLimits limits;
    // Streams held per chat, client address and account (see holds); guarded by their own monitor.
    private final Map<String, Integer> held = new HashMap<>();
    private final OpenStreams<Subscription> streams;

    @Autowired
    ChatEventStreams(ChatManagement chats,
                     @Value("${atende.chat.stream.poll-interval:250ms}") Duration pollInterval,
                     @Value("${atende.chat.stream.heartbeat:15s}") Duration heartbeat,
                     @Value("${atende.chat.stream.max-duration:30m}") Duration maxDuration,
                     @Value("${atende.chat.stream.max-open:500}") int maxOpen,
                     @Value("${atende.chat.stream.max-per-chat:2}") int maxPerChat,
                     @Value("${atende.chat.stream.max-per-address:10}") int maxPerAddress,
                     @Value("${atende.chat.stream.max-per-account:100}") int maxPerAccount,
                     Workers workers) {
        this(chats, pollInterval, heartbeat, maxDuration, maxOpen, new StreamLimits(maxPerChat, maxPerAddress, maxPerAccount), workers);
    }

    ChatEventStreams(ChatManagement chats, Duration pollInterval, Duration heartbeat, Duration maxDuration, int maxOpen,
                     StreamLimits limits, Workers workers) {
        this.chats = chats;
        this.maxDuration = maxDuration;
        this.maxOpen = maxOpen;
        this.limits = limits;
        this.streams = new OpenStreams<>("chat-streams", workers, pollInterval, EVENTS_PER_QUERY, heartbeat, maxOpen,
                subscription -> release(subscription.holds), this::poll);
    }

    /** Who reads a stream, for the limits that keep one reader from taking the node's whole budget. */
    public sealed interface Reader {
        /** An operator or an API token of the account: bounded by the account's share of the node. */
        record Staff() implements Reader {
        }

        /** An anonymous visitor (the widget) at this client address: bounded per chat, per address and per account. */
        record Visitor(String clientAddress) implements Reader {
        }
    }

    /**
     * How many streams of each kind may be open at once on this node.
     *
     * @param perChat    a visitor's streams of one chat (a second tab, a reconnection racing the old stream)
     * @param perAddress visitors' streams from one client address, all chats and accounts together
     * @param perAccount an account's visitors' streams; its operators and tokens have as many again of their own
     */
    public record StreamLimits(int perChat, int perAddress, int perAccount) {
    }

    /**
     * Subscribes an operator or API token of the account to the chat's events after {@code afterSeq}.
     * The caller has checked that its reader may see the chat.
     *
     * @throws ChatStreamLimitException when this node or the account's share of it is full
     */
    public Subscription subscribe(String accountId, String chatId, long afterSeq, ChatEventListener listener) {
        return subscribe(accountId, chatId, afterSeq, new Reader.Staff(), listener);
    }

    /**
     * Subscribes {@code reader} to the chat's events after {@code afterSeq}; it holds a place under
     * the node's limits until it is cancelled or the node ends it. The caller has checked that its
     * reader may see the chat.
     *
     * @throws ChatStreamLimitException when this node, or the chat's, address's or account's share of it, is full
     */
    public Subscription subscribe(String accountId, String chatId, long afterSeq, Reader reader, ChatEventListener listener) {
        var holds = holds(accountId, chatId, reader);
        take(holds);
        var subscription = new Subscription(accountId, chatId, listener, afterSeq, holds);
        if (!streams.add(subscription)) {
            release(holds);
            throw new ChatStreamLimitException(ChatStreamLimitException.Limit.NODE, maxOpen);
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

    private record Hold(String key, ChatStreamLimitException.Limit limit, int max) {
    }

    private List<Hold> holds(String accountId, String chatId, Reader reader) {
        if (reader instanceof Reader.Visitor visitor) {
            return List.of(
                    new Hold("chat/" + accountId + '/' + chatId, ChatStreamLimitException.Limit.CHAT, limits.perChat()),
                    new Hold("address/" + visitor.clientAddress(), ChatStreamLimitException.Limit.ADDRESS, limits.perAddress()),
                    new Hold("visitors/" + accountId, ChatStreamLimitException.Limit.ACCOUNT, limits.perAccount()));
        }
        return List.of(new Hold("staff/" + accountId, ChatStreamLimitException.Limit.ACCOUNT, limits.perAccount()));
    }

    /** Takes one place under every hold, or none and refuses. */
    private void take(List<Hold> holds) {
        synchronized (held) {
            for (var hold : holds) {
                if (held.getOrDefault(hold.key(), 0) >= hold.max()) {
                    throw new ChatStreamLimitException(hold.limit(), hold.max());
                }
            }
            holds.forEach(hold -> held.merge(hold.key(), 1, Integer::sum));
        }
    }

    private void release(List<Hold> holds) {
        synchronized (held) {
            holds.forEach(hold -> held.computeIfPresent(hold.key(), (key, n) -> n <= 1 ? null : n - 1));
        }
    }

    /** Sends every open stream what its chat logged since; returns how many events were read. */
    private int poll(List<Subscription> subscriptions) {
        if (subscriptions.isEmpty()) {
            return 0;
        }
        // One cursor per chat, at the least advanced of its streams.
        Map<String, StreamCursor> cursors = new LinkedHashMap<>();
        for (var subscription : subscriptions) {
            cursors.merge(subscription.key(), subscription.cursor(), (a, b) -> a.afterSeq() <= b.afterSeq() ? a : b);
        }
        var all = new ArrayList<>(cursors.values());
        Map<String, List<ChatEventView>> byChat = new HashMap<>();
        int read = 0;
        for (int from = 0; from < all.size(); from += CURSORS_PER_QUERY) {
            for (var event : chats.eventsAfter(all.subList(from, Math.min(all.size(), from + CURSORS_PER_QUERY)), EVENTS_PER_QUERY)) {
                byChat.computeIfAbsent(event.accountId() + '/' + event.chatId(), key -> new ArrayList<>()).add(event);
                read++;
            }
        }
        // Who is typing in the same chats: read after the events, so a message sent meanwhile is never followed by the
        // typing that preceded it (its row is gone) and a typing read here is newer than the events delivered.
        Map<String, List<ChatTyping>> typingByChat = new HashMap<>();
        for (int from = 0; from < all.size(); from += CURSORS_PER_QUERY) {
            for (var typing : chats.typingIn(all.subList(from, Math.min(all.size(), from + CURSORS_PER_QUERY)))) {
                typingByChat.computeIfAbsent(typing.accountId() + '/' + typing.chatId(), key -> new ArrayList<>()).add(typing);
            }
        }
        long now = System.nanoTime();
        for (var subscription : subscriptions) {
            streams.deliver(subscription, now, stream -> {
                boolean sent = false;
                for (var event : byChat.getOrDefault(stream.key(), List.of())) {
                    if (event.seq() == stream.afterSeq + 1 && stream.isOpen()) {
                        stream.listener.onEvent(event);
                        stream.afterSeq = event.seq();
                        sent = true;
                    }
                }
                for (var typing : typingByChat.getOrDefault(stream.key(), List.of())) {
                    var told = stream.typingTold.get(typing.party());
                    if ((told == null || typing.until().isAfter(told)) && stream.isOpen()) {
                        stream.listener.onTyping(typing);
                        stream.typingTold.put(typing.party(), typing.until());
                        sent = true;
                    }
                }
                return sent;
            });
        }
        return read;
    }

    /** One reader's subscription to a chat's events. */
    public static final class Subscription extends OpenStreams.Stream {

        final String accountId;
        final String chatId;
        final ChatEventListener listener;
        final List<Hold> holds;
        volatile long afterSeq;
        // The latest typing signal told per side; only the polling thread touches it.
        final Map<SenderType, java.time.Instant> typingTold = new java.util.EnumMap<>(SenderType.class);

        Subscription(String accountId, String chatId, ChatEventListener listener, long afterSeq, List<Hold> holds) {
            super(listener);
            this.accountId = accountId;
            this.chatId = chatId;
            this.listener = listener;
            this.holds = holds;
            this.afterSeq = afterSeq;
        }

        String key() {
            return accountId + '/' + chatId;
        }

        StreamCursor cursor() {
            return new StreamCursor(accountId, chatId, afterSeq);
        }
    }
}
