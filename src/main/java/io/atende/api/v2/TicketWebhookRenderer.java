package io.atende.api.v2;

import io.atende.ticket.TicketSnapshot;
import io.atende.webhook.WebhookSnapshot;
import io.atende.webhook.WebhookSubjectRenderer;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** A ticket in Standard Webhooks deliveries: the object {@code /ticket/detail} holds without optional flags. */
@Component
class TicketWebhookRenderer implements WebhookSubjectRenderer {

    private final TicketRendering rendering;
    private final JsonMapper json;

    TicketWebhookRenderer(TicketRendering rendering, JsonMapper json) {
        this.rendering = rendering;
        this.json = json;
    }

    @Override
    public String subjectType() {
        return "ticket";
    }

    @Override
    public Object render(WebhookSnapshot snapshot) {
        return rendering.detail(json.treeToValue(snapshot.subject(), TicketSnapshot.class), snapshot.zone(), snapshot.takenAt(),
                snapshot.origin());
    }
}
