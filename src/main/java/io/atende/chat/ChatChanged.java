package io.atende.chat;

/**
 * A chat was transferred or evaluated, for modules that keep figures of chats (reports). Not a {@code DomainEvent}:
 * it is no webhook event, so subscriptions to every event see nothing new.
 */
public record ChatChanged(String accountId, String chatId) {
}
