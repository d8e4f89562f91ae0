package io.atende.platform;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams of one kind open on this node (chat events, operators' live events), served by one worker that
 * reads their log for all of them each round. It keeps the node's cap on open streams, ends every stream when the
 * node stops serving them (their clients reconnect elsewhere), and delivers to each stream with the same rules: a
 * stream sent nothing for the heartbeat interval is told it is idle, a reader gone away is forgotten, and one
 * reader's failure ends its own stream only. What a round reads and what each stream is sent is its owner's.
 *
 * @param <S> the owner's stream, which carries what the owner needs to know what to send it
 */
public final class OpenStreams<S extends OpenStreams.Stream> {

    private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

    /** One round: reads what the open streams (maybe none) are to be sent and delivers it; returns how much it read. */
    @FunctionalInterface
    public interface Round<S> {
        int run(List<S> open);
    }

    private final String name;
    private final Duration heartbeat;
    private final int maxOpen;
    private final Consumer<S> released;
    private final Map<S, Boolean> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Worker poller;

    /**
     * @param name      names the worker (and its thread and metrics) and the log lines
     * @param batch     a round that read this much is full: the next one runs at once
     * @param released  told of each stream that leaves (cancelled or ended), to free what its owner counted for it
     */
    public OpenStreams(String name, Workers workers, Duration pollInterval, int batch, Duration heartbeat, int maxOpen,
                       Consumer<S> released, Round<S> round) {
        this.name = name;
        this.heartbeat = heartbeat;
        this.maxOpen = maxOpen;
        this.released = released;
        this.poller = workers.create(new Worker.Settings(name, pollInterval, batch, Duration.ofSeconds(5)),
                () -> round.run(new ArrayList<>(open.keySet())));
    }

    /** A stream of one reader; {@link #cancel()} stops it. */
    public abstract static class Stream {

        final StreamListener listener;
        OpenStreams<?> streams;
        volatile long lastSentNanos = System.nanoTime();

        protected Stream(StreamListener listener) {
            this.listener = listener;
        }

        /** Stops delivering and frees the stream's places; its listener hears nothing more. Harmless when repeated. */
        public void cancel() {
            if (streams != null) {
                streams.close(this);
            }
        }

        /** Whether the stream still takes events (a callback may have cancelled it during a round). */
        public boolean isOpen() {
            return streams != null && streams.open.containsKey(this);
        }
    }

    /** Opens the stream; false, and nothing opened, when the node already serves as many as it may. */
    public boolean add(S stream) {
        if (count.incrementAndGet() > maxOpen) {
            count.decrementAndGet();
            return false;
        }
        stream.streams = this;
        open.put(stream, Boolean.TRUE);
        return true;
    }

    /** How many streams this node serves now. */
    public int size() {
        return count.get();
    }

    /**
     * Delivers one round to one stream: {@code send} sends it what it has not had and says whether it sent anything;
     * a stream sent nothing for the heartbeat interval is told it is idle; a failure ends this stream only.
     */
    public void deliver(S stream, long nowNanos, Predicate<S> send) {
        try {
            if (send.test(stream)) {
                stream.lastSentNanos = nowNanos;
            } else if (nowNanos - stream.lastSentNanos >= heartbeat.toNanos() && stream.isOpen()) {
                stream.listener.onIdle();
                stream.lastSentNanos = nowNanos;
            }
        } catch (UncheckedIOException gone) {
            // The client went away: forget it.
            end(stream, gone);
        } catch (RuntimeException readerFailed) {
            // One reader's failure must not stop the others' streams; this one ends, and its client reconnects.
            log.warn("Delivering to a stream of {} failed; ending that stream", name, readerFailed);
            end(stream, readerFailed);
        }
    }

    /** Ends the stream as the node does when it stops: its listener hears the end, and its client reconnects. */
    public void end(S stream) {
        end(stream, null);
    }

    public void start() {
        poller.start();
    }

    /** Stops polling and ends every stream; their clients reconnect to another node, or to this one once it is back. */
    public void stop() {
        poller.stop();
        for (var stream : new ArrayList<>(open.keySet())) {
            end(stream, null);
        }
    }

    public boolean isRunning() {
        return poller.isRunning();
    }

    private void end(S stream, Throwable failure) {
        if (close(stream)) {
            stream.listener.onEnd(failure);
        }
    }

    @SuppressWarnings("unchecked")
    private boolean close(Stream stream) {
        if (open.remove(stream) == null) {
            return false;
        }
        count.decrementAndGet();
        released.accept((S) stream);
        return true;
    }
}
