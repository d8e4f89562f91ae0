package io.atende.live;

/**
 * A live stream refused because a limit is reached: the node's ({@code atende.live.stream.max-open}) or one
 * operator's share of it ({@code atende.live.stream.max-per-operator}, their tabs and browsers together).
 */
public class LiveStreamLimitException extends RuntimeException {

    private final boolean node;

    LiveStreamLimitException(boolean node, int max) {
        super((node ? "node" : "operator") + " live stream limit of " + max + " reached", null, false, false);
        this.node = node;
    }

    /** True when the node is full (a capacity limit, not the reader's doing), false when the operator holds their share. */
    public boolean nodeFull() {
        return node;
    }
}
