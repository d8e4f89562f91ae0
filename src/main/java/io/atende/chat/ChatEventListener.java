package io.atende.chat;

import java.util.function.Consumer;

/**
 * A reader of one chat's live events (see {@link ChatEventStreams#subscribe}), told everything on
 * the thread that polls the chats' logs, so it must not block. A callback that throws ends the
 * subscription; an {@link java.io.UncheckedIOException} says the reader went away and is not logged.
 */
public interface ChatEventListener {

    /** The chat's next event: in order of {@code seq}, each once, none skipped. */
    void onEvent(ChatEventView event);

    /** Nothing was delivered for the heartbeat interval; a reader behind a proxy says it is still there. */
    void onIdle();

    /**
     * One side of the chat is typing (see {@link ChatTyping}); told again only when that side signals anew. Not an
     * event of the log: it has no sequence and is not replayed on reconnection. Ignored unless a reader shows it.
     */
    default void onTyping(ChatTyping typing) {
    }

    /**
     * The node ended the subscription: {@code failure} is null when it stops serving streams, else what
     * ended this one (a callback's). Not called after {@link ChatEventStreams.Subscription#cancel()}.
     */
    void onEnd(Throwable failure);

    static ChatEventListener of(Consumer<ChatEventView> onEvent, Runnable onIdle, Consumer<Throwable> onEnd) {
        return of(onEvent, typing -> { }, onIdle, onEnd);
    }

    static ChatEventListener of(Consumer<ChatEventView> onEvent, Consumer<ChatTyping> onTyping, Runnable onIdle,
                                Consumer<Throwable> onEnd) {
        return new ChatEventListener() {
            @Override
            public void onTyping(ChatTyping typing) {
                onTyping.accept(typing);
            }

            @Override
            public void onEvent(ChatEventView event) {
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
