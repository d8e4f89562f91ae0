package io.atende.platform;

/**
 * Who acts in the current thread, so that the modules recording changes learn it without every management method
 * taking an actor. A face sets it for the work it does on someone's behalf (the API for the token's request, the
 * console for the signed-in operator's, the portal and widget for the customer's, the mail reader for one e-mail,
 * a rule for its actions) and restores what was there when done; with nothing set the actor is {@link Actor#SYSTEM}.
 *
 * <pre>{@code
 * try (var acting = Actors.acting(Actor.operator(id, name))) {
 *     tickets.transfer(...);
 * }
 * }</pre>
 *
 * A thread-local like the transaction it usually spans: work handed to another thread takes the actor with it
 * explicitly (read {@link #current()} before handing over).
 */
public final class Actors {

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    private Actors() {
    }

    /** Who acts now: the innermost actor set in this thread, else {@link Actor#SYSTEM}. */
    public static Actor current() {
        Actor actor = CURRENT.get();
        return actor == null ? Actor.SYSTEM : actor;
    }

    /** Makes {@code actor} the current one until the answer is closed, which restores the one before. */
    public static Acting acting(Actor actor) {
        Actor before = CURRENT.get();
        CURRENT.set(actor);
        return new Acting(before);
    }

    /** The scope of one {@link #acting} call; closing it twice restores once. */
    public static final class Acting implements AutoCloseable {

        private final Actor before;
        private boolean closed;

        private Acting(Actor before) {
            this.before = before;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
