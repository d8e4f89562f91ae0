package io.atende.platform;

/**
 * What every reader of a live stream is told besides its events, on the thread that polls the stream's log, so it
 * must not block. A callback that throws ends the stream; an {@link java.io.UncheckedIOException} says the reader
 * went away and is not logged.
 */
public interface StreamListener {

    /** Nothing was delivered for the heartbeat interval; a reader behind a proxy says it is still there. */
    void onIdle();

    /**
     * The node ended the stream: {@code failure} is null when it stops serving streams, else what ended this one (a
     * callback's). Not called after the stream was cancelled.
     */
    void onEnd(Throwable failure);
}
