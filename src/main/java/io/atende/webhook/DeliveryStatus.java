package io.atende.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands: waiting for its (next) attempt, answered with 2xx, or given up. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWireName(String text) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(text)).findFirst();
    }
}
