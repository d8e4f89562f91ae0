package io.atende.chat;

/** A live stream's position in one chat's event log: it has seen every event up to {@code afterSeq}. */
public record StreamCursor(String accountId, String chatId, long afterSeq) {
}
