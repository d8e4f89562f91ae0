package io.atende.chat;

import io.atende.platform.DomainEvent;

public record ChatCreated(String accountId, String chatId) implements DomainEvent {

    @Override
    public String eventName() {
        return "chat.created";
    }

    @Override
    public String subjectType() {
        return "chat";
    }

    @Override
    public String subjectId() {
        return chatId;
    }
}
