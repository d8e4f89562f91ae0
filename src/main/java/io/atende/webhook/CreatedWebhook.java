package io.atende.webhook;

/** A subscription with its secret, which is shown this once (and again only when changed). */
public record CreatedWebhook(WebhookView webhook, String secret) {

    @Override
    public String toString() {
        return "CreatedWebhook[webhook=" + webhook + ", secret=***]";
    }
}
