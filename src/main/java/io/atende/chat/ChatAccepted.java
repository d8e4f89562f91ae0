package io.atende.chat;

import io.atende.platform.DomainEvent;

public record ChatAccepted(String accountId, String chatId) implements DomainEvent {

    @Override
    public String eventName() {
        return "chat.accepted";
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
