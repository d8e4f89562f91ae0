package io.atende.customer;

/**
 * A new value for an attribute that may also be cleared. In an update, a {@code null} change
 * keeps the attribute as it is; {@code Change.to(null)} clears it.
 */
public record Change<T>(T value) {

    public static <T> Change<T> to(T value) {
        return new Change<>(value);
    }

    public static <T> Change<T> clear() {
        return new Change<>(null);
    }
}
