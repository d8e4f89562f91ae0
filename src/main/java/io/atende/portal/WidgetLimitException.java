package io.atende.portal;

import io.atende.platform.AtendeException;
import io.atende.platform.Refusal;

/**
 * The widget asked for more than its share (too many chats started, too many streams from one
 * visitor or site) or the node is full; either way the visitor is told to try again later.
 */
final class WidgetLimitException extends AtendeException {

    private final Refusal refusal;
    private final long retryAfterSeconds;

    private WidgetLimitException(Refusal refusal, long retryAfterSeconds, String messageKey, Object... arguments) {
        super(messageKey, arguments);
        this.refusal = refusal;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** This visitor, address or account reached its share. */
    static WidgetLimitException tooMany(long retryAfterSeconds, String messageKey, Object... arguments) {
        return new WidgetLimitException(Refusal.LIMIT_REACHED, retryAfterSeconds, messageKey, arguments);
    }

    /** The node serves all it can. */
    static WidgetLimitException busy(long retryAfterSeconds, String messageKey) {
        return new WidgetLimitException(Refusal.BUSY, retryAfterSeconds, messageKey);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Refusal refusal() {
        return refusal;
    }
}
