package io.atende.chat;

import java.util.Arrays;
import java.util.Optional;

/** Where a chat stands; the codes are TomTicket's (docs/api.md, Live chat). */
public enum ChatSituation {
    QUEUED(1),
    IN_PROGRESS(2),
    FINISHED(3),
    ABANDONED(4);

    private final int code;

    ChatSituation(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether messages may still be exchanged. */
    public boolean isOpen() {
        return this == QUEUED || this == IN_PROGRESS;
    }

    public static Optional<ChatSituation> ofCode(int code) {
        return Arrays.stream(values()).filter(situation -> situation.code == code).findFirst();
    }
}
