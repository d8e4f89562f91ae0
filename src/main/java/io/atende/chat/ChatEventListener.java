package io.atende.chat;

import java.util.function.Consumer;

import io.atende.platform.StreamListener;

/**
 * A reader of one chat's live events (see {@link ChatEventStreams#subscribe}), told everything on
 * the thread that polls the chats' logs, so it must not block. A callback that throws ends the
 * subscription; an {@link java.io.UncheckedIOException} says the reader went away and is not logged.
 */
public interface ChatEventListener extends StreamListener {

    /** The chat's next event: in order of {@code seq}, each once, none skipped. */
    void onEvent(ChatEventView event);

    /**
     * One side of the chat is typing (see {@link ChatTyping}); told again only when that side signals anew. Not an
     * event of the log: it has no sequence and is not replayed on reconnection. Ignored unless a reader shows it.
     */
    default void onTyping(ChatTyping typing) {
    }

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
