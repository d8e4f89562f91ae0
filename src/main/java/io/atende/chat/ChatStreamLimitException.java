package io.atende.chat;

/**
 * A live chat stream refused because a limit is reached: the node's ({@code atende.chat.stream.max-open}),
 * or the share of it one chat, client address or account may hold ({@code atende.chat.stream.max-per-*}).
 */
public class ChatStreamLimitException extends RuntimeException {

    /** Which limit was reached. */
    public enum Limit {
        /** Every stream of the node: a capacity limit, not the reader's doing. */
        NODE,
        /** A visitor's streams of one chat. */
        CHAT,
        /** Visitors' streams from one client address. */
        ADDRESS,
        /** The account's share of the node (its visitors', or its operators' and tokens'). */
        ACCOUNT
    }

    private final Limit limit;

    ChatStreamLimitException(Limit limit, int max) {
        super("chat stream limit " + limit + " of " + max + " reached", null, false, false);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
