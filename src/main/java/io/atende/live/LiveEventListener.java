package io.atende.live;

import java.util.function.Consumer;

import io.atende.platform.StreamListener;

/**
 * A reader of an operator's live events (see {@link LiveEventStreams#subscribe}), told everything on the thread that
 * polls the log, so it must not block. A callback that throws ends the subscription; an
 * {@link java.io.UncheckedIOException} says the reader went away and is not logged.
 */
public interface LiveEventListener extends StreamListener {

    /** An event the operator may see, each once. */
    void onEvent(LiveEvent event);

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
