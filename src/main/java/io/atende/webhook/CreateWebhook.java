package io.atende.webhook;

import java.util.List;

/**
 * A new subscription.
 *
 * @param format  {@code null} means {@link WebhookFormat#STANDARD}
 * @param events  event names; empty means every event
 * @param secret  {@code null} to have one generated
 * @param active  {@code null} means active
 */
public record CreateWebhook(String url, WebhookFormat format, List<String> events, String secret, Boolean active) {

    public CreateWebhook {
        events = events == null ? List.of() : List.copyOf(events);
    }

    @Override
    public String toString() {
        return "CreateWebhook[url=" + url + ", format=" + format + ", events=" + events + ", secret=" + (secret == null ? "null" : "***")
                + ", active=" + active + "]";
    }
}
