package io.atende.chat;

import java.time.Instant;
import java.util.List;

/**
 * A chat as another help desk shows it, to be written under its id and protocol by {@link ChatImports}: its state and
 * its messages in their order.
 */
public record ImportedChat(String id, long protocol, ChatSituation situation, String customerId, String departmentId,
                           String operatorId, Instant createdAt, Instant startedAt, Instant endedAt, int unreadMessages,
                           Integer evaluationGrade, String evaluationComment, List<Message> messages) {

    public ImportedChat {
        messages = List.copyOf(messages);
    }

    /**
     * One message: who wrote it (the operator's or customer's id where the account has them), under the name the source
     * gave, its text, when, and its files.
     */
    public record Message(String id, SenderType senderType, String senderId, String senderName, String body, boolean html,
                          Instant createdAt, List<File> files) {

        public Message {
            files = List.copyOf(files);
        }
    }

    /** A file of a message, under the id it had at the source, with its bytes. */
    public record File(String id, String name, byte[] content) {
    }
}
