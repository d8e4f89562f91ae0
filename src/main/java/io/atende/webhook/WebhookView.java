package io.atende.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as lists show it: never with its secret.
 *
 * @param events          the event names it receives; empty means every event
 * @param disabledReason  why delivery stopped on its own ({@code gone}: the receiver answered 410), or {@code null}
 * @param pausedUntil     set while sustained failure has paused it: until then only probes are sent
 */
public record WebhookView(String id, String url, WebhookFormat format, List<String> events, boolean active,
                          String disabledReason, int consecutiveFailures, Instant pausedUntil, Instant createdAt,
                          Instant updatedAt) {

    public WebhookView {
        events = List.copyOf(events);
    }
}
