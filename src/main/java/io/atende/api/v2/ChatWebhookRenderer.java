package io.atende.api.v2;

import java.util.Optional;

import io.atende.account.AccountManagement;
import io.atende.chat.ChatManagement;
import io.atende.webhook.WebhookSubjectRenderer;

import org.springframework.stereotype.Component;

/** A chat in Standard Webhooks deliveries: the object {@code /chat/detail} holds. */
@Component
class ChatWebhookRenderer implements WebhookSubjectRenderer {

    private final ChatManagement chats;
    private final ChatRendering rendering;
    private final AccountManagement accounts;

    ChatWebhookRenderer(ChatManagement chats, ChatRendering rendering, AccountManagement accounts) {
        this.chats = chats;
        this.rendering = rendering;
        this.accounts = accounts;
    }

    @Override
    public String subjectType() {
        return "chat";
    }

    @Override
    public Optional<Object> render(String accountId, String subjectId) {
        // Called inside the publishing transaction: an unknown chat must not throw through a
        // transactional front door, which would mark that transaction for rollback.
        return chats.findChat(accountId, subjectId)
                .map(chat -> rendering.detail(accountId, accounts.get(accountId).timeZone(), chat));
    }
}
