package io.atende.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One live response of server-sent events, for the faces that serve a domain module's live events
 * (the chat streams of the API, the console and the widget): the module delivers on its own thread,
 * this writes each event with its id (the client's {@code Last-Event-ID} when it reconnects), keeps
 * an idle connection alive with comments and ends the response after its maximum duration.
 */
public final class ServerSentEvents {

    /** How soon a client reconnects after the stream ends, sent with the first bytes. */
    private static final long RECONNECT_MILLIS = 1000;

    private final SseEmitter emitter;

    private ServerSentEvents(SseEmitter emitter) {
        this.emitter = emitter;
    }

    /** One event: its id ({@code null} for a transient event, which leaves the client's last id as it was), its name (the client's event type) and its data, on one line. */
    public record Event(String id, String name, String data) {
    }

    /**
     * A response that lasts at most {@code maxDuration}, opening with the comment {@code greeting}:
     * something to send at once puts the headers on the wire, and tells the client how soon to reconnect.
     */
    public static ServerSentEvents open(Duration maxDuration, String greeting) {
        var emitter = new SseEmitter(maxDuration.toMillis());
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment(greeting));
        } catch (IOException unreachable) {
            // Nothing is written before the handler returns; Spring holds it until then.
        }
        return new ServerSentEvents(emitter);
    }

    /** What the handler returns. */
    public SseEmitter emitter() {
        return emitter;
    }

    /** Runs {@code onClose} when the response ends: completed, timed out (then completed) or broken. */
    public void onClose(Runnable onClose) {
        emitter.onCompletion(onClose);
        emitter.onTimeout(() -> {
            onClose.run();
            emitter.complete();
        });
        emitter.onError(failure -> onClose.run());
    }

    /** @throws UncheckedIOException when the client went away or the response has ended */
    public void send(Event event) {
        var builder = SseEmitter.event();
        if (event.id() != null) {
            builder.id(event.id());
        }
        write(builder.name(event.name()).data(event.data()));
    }

    /** A comment that keeps an idle connection (and the proxies on its way) from timing out. */
    public void keepAlive() {
        write(SseEmitter.event().comment("keep-alive"));
    }

    /** Ends the response, with the failure that ended it if any. */
    public void end(Throwable failure) {
        if (failure == null) {
            emitter.complete();
        } else {
            // The client's own failure, as the container reports it, so that a gone client is not taken for a server error.
            emitter.completeWithError(failure instanceof UncheckedIOException gone ? gone.getCause() : failure);
        }
    }

    private void write(SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException gone) {
            throw new UncheckedIOException(gone);
        } catch (IllegalStateException ended) {
            throw new UncheckedIOException(new IOException("the stream has ended", ended));
        }
    }
}
