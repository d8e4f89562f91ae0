package io.atende.webhook;

import java.util.List;

/** Changes to a subscription; a {@code null} member keeps its value. Activating clears a pause and a 410. */
public record UpdateWebhook(String url, WebhookFormat format, List<String> events, String secret, Boolean active) {

    public UpdateWebhook {
        events = events == null ? null : List.copyOf(events);
    }

    @Override
    public String toString() {
        return "UpdateWebhook[url=" + url + ", format=" + format + ", events=" + events + ", secret=" + (secret == null ? "null" : "***")
                + ", active=" + active + "]";
    }
}
