package io.atende.chat;

import java.time.Instant;
import java.util.List;

import io.atende.attachment.AttachmentView;

/**
 * One message of a chat.
 *
 * @param senderId   the operator's or customer's id; {@code null} for system messages
 * @param senderName the sender's name when the message was written; {@code null} for system messages
 * @param html       whether the body is (sanitized) HTML rather than plain text
 * @param seq        the message's place in the chat, shared with the live-stream events
 * @param attachments the message's files in upload order (metadata only)
 */
public record ChatMessageView(String id, String chatId, long seq, SenderType senderType, String senderId, String senderName,
                              String body, boolean html, Instant createdAt, List<AttachmentView> attachments) {

    public ChatMessageView {
        attachments = List.copyOf(attachments);
    }

    ChatMessageView withAttachments(List<AttachmentView> files) {
        return new ChatMessageView(id, chatId, seq, senderType, senderId, senderName, body, html, createdAt, files);
    }
}
