package io.atende.portal;

import io.atende.chat.ChatSituation;
import io.atende.chat.SenderType;

/**
 * The codes widget.js reads in the widget's answers and stream events. They mirror the API's chat codes (1 queued,
 * 2 in progress, 3 finished, 4 not attended; A, C, S) so that a page embedding the widget and an integration reading
 * the API see the same values.
 */
final class WidgetCodes {

    private WidgetCodes() {
    }

    static int situation(ChatSituation situation) {
        return switch (situation) {
            case QUEUED -> 1;
            case IN_PROGRESS -> 2;
            case FINISHED -> 3;
            case ABANDONED -> 4;
        };
    }

    static String sender(SenderType sender) {
        return switch (sender) {
            case OPERATOR -> "A";
            case CUSTOMER -> "C";
            case SYSTEM -> "S";
        };
    }
}
