package io.atende.chat;

import java.time.Instant;

/**
 * One entry of a chat's append-only event log, which the live stream delivers: either a new
 * message or the chat's state after a situation, operator or department change.
 *
 * @param seq     increases by one per event of the chat, in commit order
 * @param message the message, for {@link Kind#MESSAGE}; otherwise {@code null}
 */
public record ChatEventView(String accountId, String chatId, long seq, Kind kind, Instant createdAt, ChatSituation situation,
                            String operatorId, String departmentId, ChatMessageView message) {

    public enum Kind { MESSAGE, SITUATION }
}
