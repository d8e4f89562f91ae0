package io.atende.portal;

import io.atende.platform.AtendeException;

/**
 * The widget asked for more than its share (429: too many chats started, too many streams from
 * one visitor or site) or the node is full (503); either way the visitor is told to try again later.
 */
final class WidgetLimitException extends AtendeException {

    private final int status;
    private final long retryAfterSeconds;

    private WidgetLimitException(int status, long retryAfterSeconds, String messageKey, Object... arguments) {
        super(messageKey, arguments);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: this visitor, address or account reached its share. */
    static WidgetLimitException tooMany(long retryAfterSeconds, String messageKey, Object... arguments) {
        return new WidgetLimitException(429, retryAfterSeconds, messageKey, arguments);
    }

    /** 503: the node serves all it can. */
    static WidgetLimitException busy(long retryAfterSeconds, String messageKey) {
        return new WidgetLimitException(503, retryAfterSeconds, messageKey);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return status;
    }
}
