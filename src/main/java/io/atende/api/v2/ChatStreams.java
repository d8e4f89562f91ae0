package io.atende.api.v2;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
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
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.Caller;
import io.atende.chat.ChatEventView;
import io.atende.chat.ChatManagement;
import io.atende.chat.StreamCursor;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live chat streams open on this node. One thread polls the chats' event logs for all of
 * them with one query per round (the log is in the database, so writes through any node show
 * up), sends what each stream has not seen, and keeps idle streams alive with comments.
 */
@Component
class ChatStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChatStreams.class);
    private static final int CURSORS_PER_QUERY = 100;
    private static final int EVENTS_PER_QUERY = 500;

    private final ChatManagement chats;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final JsonMapper json;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final int maxOpen;
    private final Map<Subscription, Boolean> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ScheduledExecutorService poller;

    ChatStreams(ChatManagement chats, DepartmentManagement departments, OperatorManagement operators, JsonMapper json,
                @Value("${atende.chat.stream.poll-interval:250ms}") Duration pollInterval,
                @Value("${atende.chat.stream.heartbeat:15s}") Duration heartbeat,
                @Value("${atende.chat.stream.max-duration:30m}") Duration maxDuration,
                @Value("${atende.chat.stream.max-open:500}") int maxOpen) {
        this.chats = chats;
        this.departments = departments;
        this.operators = operators;
        this.json = json;
        this.heartbeat = heartbeat;
        this.maxDuration = maxDuration;
        this.maxOpen = maxOpen;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "chat-streams");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new stream of the chat's events after {@code afterSeq}; 503 when this node already serves its maximum. */
    SseEmitter open(Caller caller, String chatId, long afterSeq) {
        if (count.incrementAndGet() > maxOpen) {
            count.decrementAndGet();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, Map.of(HttpHeaders.RETRY_AFTER, "5"), "chat.stream_limit");
        }
        // The stream ends after max-duration; clients reconnect with Last-Event-ID and miss nothing.
        var emitter = new SseEmitter(maxDuration.toMillis());
        // Taken now: the polling thread that renders the events has no request to build URLs from.
        String downloadBase = ApiAttachments.downloadBase(ChatWires.DOWNLOAD_PATH);
        var subscription = new Subscription(caller.accountId(), chatId, caller.timeZone(), downloadBase, emitter, afterSeq);
        emitter.onCompletion(() -> close(subscription));
        emitter.onTimeout(() -> {
            close(subscription);
            emitter.complete();
        });
        emitter.onError(failure -> close(subscription));
        try {
            // Something to send at once puts the headers on the wire, and tells clients how soon to reconnect.
            emitter.send(SseEmitter.event().reconnectTime(1000).comment("chat " + chatId));
        } catch (IOException unreachable) {
            // Nothing is written before the handler returns; Spring holds it until then.
        }
        open.put(subscription, Boolean.TRUE);
        return emitter;
    }

    /** How many streams this node serves now. */
    int openStreams() {
        return open.size();
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
            log.warn("Polling the chat event logs failed; trying again", failure);
        }
    }

    private void poll() {
        var subscriptions = new ArrayList<>(open.keySet());
        if (subscriptions.isEmpty()) {
            return;
        }
        // One cursor per chat, at the least advanced of its streams.
        Map<String, StreamCursor> cursors = new LinkedHashMap<>();
        for (var subscription : subscriptions) {
            cursors.merge(subscription.key(), subscription.cursor(),
                    (a, b) -> a.afterSeq() <= b.afterSeq() ? a : b);
        }
        var all = new ArrayList<>(cursors.values());
        Map<String, List<ChatEventView>> byChat = new HashMap<>();
        for (int from = 0; from < all.size(); from += CURSORS_PER_QUERY) {
            for (var event : chats.eventsAfter(all.subList(from, Math.min(all.size(), from + CURSORS_PER_QUERY)), EVENTS_PER_QUERY)) {
                byChat.computeIfAbsent(event.accountId() + '/' + event.chatId(), key -> new ArrayList<>()).add(event);
            }
        }
        var names = new Names();
        long now = System.nanoTime();
        for (var subscription : subscriptions) {
            try {
                boolean sent = false;
                for (var event : byChat.getOrDefault(subscription.key(), List.of())) {
                    if (event.seq() == subscription.afterSeq + 1) {
                        subscription.emitter.send(render(event, subscription.zone, subscription.downloadBase, names));
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
                // The client went away (or the stream already ended): forget it.
                close(subscription);
                subscription.emitter.completeWithError(gone);
            }
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SituationEvent(String chatId, ChatWires.SituationWire situation, Wire.Ref department, Wire.Ref operator, String date) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MessageEvent(String chatId, String id, String date, String sender, String senderType, String message, String mimetype,
                        List<ApiAttachments.AttachmentWire> attachments) {
    }

    private SseEmitter.SseEventBuilder render(ChatEventView event, ZoneId zone, String downloadBase, Names names) {
        Object data;
        String name;
        if (event.kind() == ChatEventView.Kind.MESSAGE) {
            var message = ChatWires.MessageWire.of(event.message(), zone, downloadBase);
            data = new MessageEvent(event.chatId(), message.id(), message.date(), message.sender(), message.senderType(),
                    message.message(), message.mimetype(), message.attachments());
            name = "message";
        } else {
            var department = names.department(event.accountId(), event.departmentId());
            var operator = event.operatorId() == null ? null : names.operator(event.accountId(), event.operatorId());
            data = new SituationEvent(event.chatId(), ChatWires.SituationWire.of(event.situation()),
                    department == null ? Wire.Ref.EMPTY : new Wire.Ref(department.id(), department.name()),
                    operator == null ? Wire.Ref.EMPTY : new Wire.Ref(operator.id(), operator.name()),
                    ApiDates.format(event.createdAt(), zone));
            name = "situation";
        }
        return SseEmitter.event().id(Long.toString(event.seq())).name(name).data(json.writeValueAsString(data));
    }

    /** Department and operator names looked up at most once per account in a polling round. */
    private final class Names {

        private final Map<String, Map<String, DepartmentView>> departmentsByAccount = new HashMap<>();
        private final Map<String, OperatorView> operatorsById = new HashMap<>();

        DepartmentView department(String accountId, String departmentId) {
            return departmentsByAccount.computeIfAbsent(accountId, account -> departments.listDepartments(account).stream()
                    .collect(Collectors.toMap(DepartmentView::id, Function.identity()))).get(departmentId);
        }

        OperatorView operator(String accountId, String operatorId) {
            return operatorsById.computeIfAbsent(accountId + '/' + operatorId,
                    key -> operators.findAll(accountId, List.of(operatorId)).get(operatorId));
        }
    }

    private static final class Subscription {

        final String accountId;
        final String chatId;
        final ZoneId zone;
        final String downloadBase;
        final SseEmitter emitter;
        volatile long afterSeq;
        volatile long lastSentNanos;

        Subscription(String accountId, String chatId, ZoneId zone, String downloadBase, SseEmitter emitter, long afterSeq) {
            this.accountId = accountId;
            this.chatId = chatId;
            this.zone = zone;
            this.downloadBase = downloadBase;
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
