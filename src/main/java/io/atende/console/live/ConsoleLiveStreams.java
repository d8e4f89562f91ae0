package io.atende.console.live;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.department.DepartmentVisibility;
import io.atende.console.chats.ChatDesk;
import io.atende.console.tickets.TicketQueues;
import io.atende.department.DepartmentManagement;
import io.atende.live.LiveEvent;
import io.atende.live.LiveEventListener;
import io.atende.live.LiveEventStreams;
import io.atende.live.LiveStreamLimitException;
import io.atende.platform.ServerSentEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The console's live stream, one per open console page: the operator's live events as JSON (tickets, chats,
 * colleagues' presence), each with the notification it deserves in the operator's language when it is one, and
 * the queue counts, sent when the stream opens and again, at most every {@link #COUNTS_DELAY_MILLIS}, after events
 * that may change them. The counts are read on a thread of their own, never on the thread that polls the log.
 */
@Component
class ConsoleLiveStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLiveStreams.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final long COUNTS_DELAY_MILLIS = 1500;

    private final LiveEventStreams streams;
    private final DepartmentManagement departments;
    private final TicketQueues queues;
    private final ChatDesk chats;
    private final ConsoleVisibility visibility;
    private final ConsoleMessages messages;
    private final ScheduledExecutorService counting = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "console-live-counts");
        thread.setDaemon(true);
        return thread;
    });

    ConsoleLiveStreams(LiveEventStreams streams, DepartmentManagement departments, TicketQueues queues, ChatDesk chats,
                       ConsoleMessages messages, ConsoleVisibility visibility) {
        this.visibility = visibility;
        this.streams = streams;
        this.departments = departments;
        this.queues = queues;
        this.chats = chats;
        this.messages = messages;
    }

    SseEmitter open(ConsoleOperator me, Locale locale) {
        // What the operator sees when the stream opens: supervisors and admins every department, agents their own.
        var visible = visibility.of(me);
        var mine = new HashSet<String>();
        if (visible.all()) {
            departments.listDepartments(me.accountId()).forEach(department -> mine.add(department.id()));
        } else {
            mine.addAll(visible.departmentIds());
        }
        var stream = ServerSentEvents.open(streams.maxDuration(), "live " + me.operatorId());
        var counts = new Counts(me, visible, stream);
        try {
            var subscription = streams.subscribe(me.accountId(), me.operatorId(), mine, LiveEventListener.of(event -> {
                stream.send(render(me, event, locale));
                if (!event.kind().isPresence()) {
                    counts.soon();
                }
            }, stream::keepAlive, stream::end));
            stream.onClose(() -> {
                subscription.cancel();
                counts.closed.set(true);
            });
        } catch (LiveStreamLimitException full) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many live streams on this node", full);
        }
        counting.execute(counts::send);
        return stream.emitter();
    }

    @Override
    public void destroy() {
        counting.shutdownNow();
    }

    /** The counts of one stream: sent once a burst of changes is over, never more than one send pending. */
    private final class Counts {

        private final ConsoleOperator me;
        private final DepartmentVisibility visible;
        private final ServerSentEvents stream;
        private final AtomicBoolean pending = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        Counts(ConsoleOperator me, DepartmentVisibility visible, ServerSentEvents stream) {
            this.me = me;
            this.visible = visible;
            this.stream = stream;
        }

        void soon() {
            if (pending.compareAndSet(false, true)) {
                counting.schedule(this::send, COUNTS_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        void send() {
            pending.set(false);
            if (closed.get()) {
                return;
            }
            try {
                var tickets = queues.counts(me.accountId(), me.operatorId(), visible);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("unassigned", tickets.unassigned());
                data.put("mine", tickets.mine());
                data.put("open", tickets.open());
                data.put("chats", chats.waitingCount(me.accountId(), visible));
                stream.send(new ServerSentEvents.Event(null, "counts", JSON.writeValueAsString(data)));
            } catch (java.io.UncheckedIOException gone) {
                closed.set(true);
            } catch (RuntimeException failed) {
                // The next change sends them again; the stream itself goes on.
                log.warn("Reading the queue counts for a live stream failed", failed);
            }
        }
    }

    private ServerSentEvents.Event render(ConsoleOperator me, LiveEvent event, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (event.kind().isPresence()) {
            data.put("ticket", event.subjectId());
            data.put("operator", event.actorId());
            data.put("name", event.actorName());
            data.put("state", event.kind().name().substring("PRESENCE_".length()).toLowerCase(Locale.ROOT));
            data.put("text", event.kind() == LiveEvent.Kind.PRESENCE_LEFT ? null
                    : messages.text("live.presence." + data.get("state"), locale, event.actorName()));
            return new ServerSentEvents.Event(Long.toString(event.id()), "presence", JSON.writeValueAsString(data));
        }
        boolean chat = event.kind().isChat();
        data.put("kind", event.kind().name().toLowerCase(Locale.ROOT));
        data.put(chat ? "chat" : "ticket", event.subjectId());
        data.put("protocol", event.protocol());
        data.put("department", event.departmentId());
        data.put("operator", event.operatorId());
        data.put("mine", me.operatorId().equals(event.operatorId()));
        data.put("notify", notification(me, event, locale));
        return new ServerSentEvents.Event(Long.toString(event.id()), chat ? "chat" : "ticket", JSON.writeValueAsString(data));
    }

    /**
     * The notification an event deserves for this operator, or {@code null}: a ticket given to them, a customer's
     * reply on one of theirs, a new chat in their departments; never for what they did themselves.
     */
    private String notification(ConsoleOperator me, LiveEvent event, Locale locale) {
        if (me.operatorId().equals(event.actorId())) {
            return null;
        }
        boolean mine = me.operatorId().equals(event.operatorId());
        String subject = event.title() == null ? "" : event.title();
        return switch (event.kind()) {
            case TICKET_ASSIGNED -> mine ? messages.text("live.notify.assigned", locale, Long.toString(event.protocol()), subject) : null;
            case TICKET_CUSTOMER_REPLIED -> mine ? messages.text("live.notify.customer_replied", locale, Long.toString(event.protocol()), subject) : null;
            case CHAT_QUEUED -> messages.text("live.notify.chat", locale, Long.toString(event.protocol()));
            default -> null;
        };
    }
}
