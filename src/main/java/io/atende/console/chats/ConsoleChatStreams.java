package io.atende.console.chats;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.atende.chat.ChatEventView;
import io.atende.chat.ChatManagement;
import io.atende.chat.StreamCursor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The console's live chat streams on this node. The chat module keeps each chat's events in the
 * database, so one thread reads, for every open stream at once, what the streams have not seen
 * (one query per round; writes through any node show up) and sends each new message as the HTML
 * the chat page shows, and each change of situation as its localized name. Idle streams get a
 * comment now and then so proxies keep them open.
 */
@Component
class ConsoleChatStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsoleChatStreams.class);
    private static final int CURSORS_PER_QUERY = 100;
    private static final int EVENTS_PER_QUERY = 500;

    private final ChatManagement chats;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final Map<Subscription, Boolean> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    ConsoleChatStreams(ChatManagement chats, ITemplateEngine templates, MessageSource messages,
                       @Value("${atende.chat.stream.poll-interval:250ms}") Duration pollInterval,
                       @Value("${atende.chat.stream.heartbeat:15s}") Duration heartbeat,
                       @Value("${atende.chat.stream.max-duration:30m}") Duration maxDuration) {
        this.chats = chats;
        this.templates = templates;
        this.messages = messages;
        this.heartbeat = heartbeat;
        this.maxDuration = maxDuration;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "console-chat-streams");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stream of the chat's events after {@code afterSeq}, rendered in the operator's language and the account's zone. */
    SseEmitter open(String accountId, String chatId, long afterSeq, Locale locale, ZoneId zone) {
        // The browser reconnects when the stream ends, with Last-Event-ID, and misses nothing.
        var emitter = new SseEmitter(maxDuration.toMillis());
        var subscription = new Subscription(accountId, chatId, locale, zone, emitter, afterSeq);
        emitter.onCompletion(() -> open.remove(subscription));
        emitter.onTimeout(() -> {
            open.remove(subscription);
            emitter.complete();
        });
        emitter.onError(failure -> open.remove(subscription));
        try {
            emitter.send(SseEmitter.event().reconnectTime(1000).comment("chat " + chatId));
        } catch (IOException unreachable) {
            // Nothing is written before the handler returns; Spring holds the event until then.
        }
        open.put(subscription, Boolean.TRUE);
        return emitter;
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        open.keySet().forEach(subscription -> subscription.emitter.complete());
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException failure) {
            log.warn("Reading the chat event logs for console streams failed; trying again", failure);
        }
    }

    private void poll() {
        var subscriptions = new ArrayList<>(open.keySet());
        if (subscriptions.isEmpty()) {
            return;
        }
        Map<String, StreamCursor> cursors = new LinkedHashMap<>();
        for (var subscription : subscriptions) {
            cursors.merge(subscription.key(), subscription.cursor(), (a, b) -> a.afterSeq() <= b.afterSeq() ? a : b);
        }
        var all = new ArrayList<>(cursors.values());
        Map<String, List<ChatEventView>> byChat = new HashMap<>();
        for (int from = 0; from < all.size(); from += CURSORS_PER_QUERY) {
            for (var event : chats.eventsAfter(all.subList(from, Math.min(all.size(), from + CURSORS_PER_QUERY)), EVENTS_PER_QUERY)) {
                byChat.computeIfAbsent(event.accountId() + '/' + event.chatId(), key -> new ArrayList<>()).add(event);
            }
        }
        long now = System.nanoTime();
        for (var subscription : subscriptions) {
            try {
                boolean sent = false;
                for (var event : byChat.getOrDefault(subscription.key(), List.of())) {
                    if (event.seq() == subscription.afterSeq + 1) {
                        subscription.emitter.send(render(event, subscription));
                        subscription.afterSeq = event.seq();
                        sent = true;
                    }
                }
                if (sent) {
                    subscription.lastSentNanos = now;
                } else if (now - subscription.lastSentNanos >= heartbeat.toNanos()) {
                    subscription.emitter.send(SseEmitter.event().comment("keep-alive"));
                    subscription.lastSentNanos = now;
                }
            } catch (IOException | IllegalStateException gone) {
                open.remove(subscription);
                subscription.emitter.completeWithError(gone);
            }
        }
    }

    private SseEmitter.SseEventBuilder render(ChatEventView event, Subscription subscription) {
        var id = Long.toString(event.seq());
        if (event.kind() == ChatEventView.Kind.MESSAGE) {
            var context = new Context(subscription.locale, Map.of("m", event.message(), "zone", subscription.zone));
            String html = templates.process("console/chats/chat", Set.of("message"), context).strip();
            return SseEmitter.event().id(id).name("message").data(html.replace("\r", "").replace("\n", " "));
        }
        String state = messages.getMessage("desk.chat.situation." + event.situation().code(), null, subscription.locale);
        return SseEmitter.event().id(id).name(event.situation().isOpen() ? "situation" : "ended").data(state);
    }

    private static final class Subscription {

        final String accountId;
        final String chatId;
        final Locale locale;
        final ZoneId zone;
        final SseEmitter emitter;
        volatile long afterSeq;
        volatile long lastSentNanos;

        Subscription(String accountId, String chatId, Locale locale, ZoneId zone, SseEmitter emitter, long afterSeq) {
            this.accountId = accountId;
            this.chatId = chatId;
            this.locale = locale;
            this.zone = zone;
            this.emitter = emitter;
            this.afterSeq = afterSeq;
            this.lastSentNanos = System.nanoTime();
        }

        String key() {
            return accountId + '/' + chatId;
        }

        StreamCursor cursor() {
            return new StreamCursor(accountId, chatId, afterSeq);
        }
    }
}
