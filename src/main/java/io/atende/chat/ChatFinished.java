package io.atende.chat;

import io.atende.platform.DomainEvent;

public record ChatFinished(String accountId, String chatId) implements DomainEvent {

    @Override
    public String eventName() {
        return "chat.finished";
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
