package io.atende.live;

import java.util.function.Consumer;

/**
 * A reader of an operator's live events (see {@link LiveEventStreams#subscribe}), told everything on the thread that
 * polls the log, so it must not block. A callback that throws ends the subscription; an
 * {@link java.io.UncheckedIOException} says the reader went away and is not logged.
 */
public interface LiveEventListener {

    /** An event the operator may see, each once. */
    void onEvent(LiveEvent event);

    /** Nothing was delivered for the heartbeat interval; a reader behind a proxy says it is still there. */
    void onIdle();

    /** The node ended the subscription: {@code failure} is null when it stops serving streams, else what ended this one. */
    void onEnd(Throwable failure);

    static LiveEventListener of(Consumer<LiveEvent> onEvent, Runnable onIdle, Consumer<Throwable> onEnd) {
        return new LiveEventListener() {
            @Override
            public void onEvent(LiveEvent event) {
                onEvent.accept(event);
            }

            @Override
            public void onIdle() {
                onIdle.run();
            }

            @Override
            public void onEnd(Throwable failure) {
                onEnd.accept(failure);
            }
        };
    }
}
