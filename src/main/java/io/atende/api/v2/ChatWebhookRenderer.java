package io.atende.api.v2;

import io.atende.chat.ChatSnapshot;
import io.atende.webhook.WebhookSnapshot;
import io.atende.webhook.WebhookSubjectRenderer;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** A chat in Standard Webhooks deliveries: the object {@code /chat/detail} holds. */
@Component
class ChatWebhookRenderer implements WebhookSubjectRenderer {

    private final JsonMapper json;

    ChatWebhookRenderer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String subjectType() {
        return "chat";
    }

    @Override
    public Object render(WebhookSnapshot snapshot) {
        var chat = json.treeToValue(snapshot.subject(), ChatSnapshot.class);
        return ChatRendering.detail(chat, snapshot.zone(), snapshot.origin());
    }
}
