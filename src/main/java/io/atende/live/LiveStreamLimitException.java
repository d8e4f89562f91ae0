package io.atende.live;

/**
 * A live stream refused because the node serves as many as it may ({@code atende.live.stream.max-open}). One
 * operator's share of it ({@code atende.live.stream.max-per-operator}, their tabs and browsers together) refuses
 * nothing: their oldest stream ends instead.
 */
public class LiveStreamLimitException extends RuntimeException {

    LiveStreamLimitException(int max) {
        super("node live stream limit of " + max + " reached", null, false, false);
    }
}
