package io.atende.chat;

import java.time.Instant;

/**
 * One side of a chat is typing: the other side shows it until {@code until} unless a newer signal or that side's
 * message comes first. Not part of the chat's event log: it is transient and has no sequence.
 *
 * @param party {@link SenderType#CUSTOMER} or {@link SenderType#OPERATOR}
 */
public record ChatTyping(String accountId, String chatId, SenderType party, Instant until) {
}
