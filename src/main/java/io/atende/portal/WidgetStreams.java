package io.atende.portal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.atende.chat.ChatEventView;
import io.atende.chat.ChatManagement;
import io.atende.chat.StreamCursor;
import io.atende.operator.OperatorManagement;
import io.atende.platform.Html;
import io.atende.platform.RuleViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * The widget's live chat streams open on this node. One thread reads the chats' event logs for
 * all of them with one query per round (so writes through any node show up) and sends each
 * stream what it has not seen, as the widget shows it: plain text, the sender's name, the
 * situation and the operator's name. Idle streams get keep-alive comments.
 */
@Component
class WidgetStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WidgetStreams.class);
    private static final int CURSORS_PER_QUERY = 100;
    private static final int EVENTS_PER_QUERY = 500;

    private final ChatManagement chats;
    private final OperatorManagement operators;
    private final JsonMapper json;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final int maxOpen;
    private final Map<Subscription, Boolean> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ScheduledExecutorService poller;

    WidgetStreams(ChatManagement chats, OperatorManagement operators, JsonMapper json,
                  @Value("${atende.chat.stream.poll-interval:250ms}") Duration pollInterval,
                  @Value("${atende.chat.stream.heartbeat:15s}") Duration heartbeat,
                  @Value("${atende.chat.stream.max-duration:30m}") Duration maxDuration,
                  @Value("${atende.chat.stream.max-open:500}") int maxOpen) {
        this.chats = chats;
        this.operators = operators;
        this.json = json;
        this.heartbeat = heartbeat;
        this.maxDuration = maxDuration;
        this.maxOpen = maxOpen;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "widget-streams");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the widget receives for each event. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WidgetEvent(long seq, String kind, int situation, String operator, String senderType, String sender, String message,
                       String date) {
    }

    /** A stream of the chat's events after {@code afterSeq}; 409 when this node already serves its maximum. */
    SseEmitter open(String accountId, String chatId, long afterSeq) {
        if (count.incrementAndGet() > maxOpen) {
            count.decrementAndGet();
            throw new RuleViolationException("chat.stream_limit");
        }
        var emitter = new SseEmitter(maxDuration.toMillis());
        var subscription = new Subscription(accountId, chatId, emitter, afterSeq);
        emitter.onCompletion(() -> close(subscription));
        emitter.onTimeout(() -> {
            close(subscription);
            emitter.complete();
        });
        emitter.onError(failure -> close(subscription));
        try {
            emitter.send(SseEmitter.event().reconnectTime(1000).comment("chat " + chatId));
        } catch (IOException unreachable) {
            // Nothing is written before the handler returns; Spring holds it until then.
        }
        open.put(subscription, Boolean.TRUE);
        return emitter;
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        open.keySet().forEach(subscription -> subscription.emitter.complete());
    }

    private void close(Subscription subscription) {
        if (open.remove(subscription) != null) {
            count.decrementAndGet();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException failure) {
            log.warn("Polling the chat event logs for the widget failed; trying again", failure);
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
        Map<String, String> operatorNames = new HashMap<>();
        long now = System.nanoTime();
        for (var subscription : subscriptions) {
            try {
                boolean sent = false;
                for (var event : byChat.getOrDefault(subscription.key(), List.of())) {
                    if (event.seq() == subscription.afterSeq + 1) {
                        var data = render(event, operatorNames);
                        subscription.emitter.send(SseEmitter.event().id(Long.toString(event.seq())).name(data.kind())
                                .data(json.writeValueAsString(data)));
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
                close(subscription);
                subscription.emitter.completeWithError(gone);
            }
        }
    }

    private WidgetEvent render(ChatEventView event, Map<String, String> operatorNames) {
        String operator = event.operatorId() == null ? null : operatorNames.computeIfAbsent(event.accountId() + '/' + event.operatorId(),
                key -> {
                    var found = operators.findAll(event.accountId(), List.of(event.operatorId())).get(event.operatorId());
                    return found == null ? null : found.name();
                });
        if (event.kind() == ChatEventView.Kind.MESSAGE) {
            var message = event.message();
            return new WidgetEvent(event.seq(), "message", event.situation() == null ? 0 : event.situation().code(), operator,
                    message.senderType().code(), message.senderName(), message.html() ? Html.toPlainText(message.body()) : message.body(),
                    message.createdAt().toString());
        }
        return new WidgetEvent(event.seq(), "situation", event.situation().code(), operator, null, null, null,
                event.createdAt().toString());
    }

    private static final class Subscription {

        final String accountId;
        final String chatId;
        final SseEmitter emitter;
        volatile long afterSeq;
        volatile long lastSentNanos;

        Subscription(String accountId, String chatId, SseEmitter emitter, long afterSeq) {
            this.accountId = accountId;
            this.chatId = chatId;
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
