package io.atende.chat;

/** This node already serves as many live chat streams as it may ({@code atende.chat.stream.max-open}). */
public class ChatStreamLimitException extends RuntimeException {

    ChatStreamLimitException(int maxOpen) {
        super("this node already serves " + maxOpen + " chat streams", null, false, false);
    }
}
