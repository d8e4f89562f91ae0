package io.atende.chat;

/**
 * The codes the chat tables store for situations and senders. They are the database's, fixed by the rows already
 * written; faces map the enums to their own codes and never see these.
 */
final class StoredChatCodes {

    private StoredChatCodes() {
    }

    static int situation(ChatSituation situation) {
        return switch (situation) {
            case QUEUED -> 1;
            case IN_PROGRESS -> 2;
            case FINISHED -> 3;
            case ABANDONED -> 4;
        };
    }

    static ChatSituation situation(int code) {
        return switch (code) {
            case 1 -> ChatSituation.QUEUED;
            case 2 -> ChatSituation.IN_PROGRESS;
            case 3 -> ChatSituation.FINISHED;
            case 4 -> ChatSituation.ABANDONED;
            default -> throw new IllegalStateException("No chat situation is stored as " + code);
        };
    }

    static String sender(SenderType sender) {
        return switch (sender) {
            case OPERATOR -> "A";
            case CUSTOMER -> "C";
            case SYSTEM -> "S";
        };
    }

    static SenderType sender(String code) {
        return switch (code) {
            case "A" -> SenderType.OPERATOR;
            case "C" -> SenderType.CUSTOMER;
            case "S" -> SenderType.SYSTEM;
            default -> throw new IllegalStateException("No chat sender is stored as " + code);
        };
    }
}
