package io.atende.chat;

/** Where a chat stands. */
public enum ChatSituation {
    QUEUED,
    IN_PROGRESS,
    FINISHED,
    ABANDONED;

    /** Whether messages may still be exchanged. */
    public boolean isOpen() {
        return this == QUEUED || this == IN_PROGRESS;
    }
}
