package io.atende.platform;

/** A sustained rate with a burst allowance: {@code burst} requests at once, refilled at {@code perSecond}. */
public record RateLimit(int perSecond, int burst) {

    public RateLimit {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
    }
}
