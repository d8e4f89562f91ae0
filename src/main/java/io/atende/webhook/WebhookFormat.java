package io.atende.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How deliveries of a subscription look on the wire (docs/webhooks.md). */
public enum WebhookFormat {
    /** TomTicket's {@code {"type","id","action"}} body signed with {@code X-Hub-Signature}. */
    TOMTICKET,
    /** Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}; the full object as data. */
    STANDARD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookFormat> fromWireName(String text) {
        return Arrays.stream(values()).filter(format -> format.wireName().equals(text)).findFirst();
    }
}
