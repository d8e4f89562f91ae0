package io.atende.portal;

import java.time.Duration;

/**
 * Portal sign-in was refused: the e-mail and password match no customer with portal access in the account, or there were too many
 * failed attempts lately and this one was not even checked; it may be made again after
 * {@link #retryAfter()}.
 */
public class PortalSignInRefusedException extends RuntimeException {

    private final transient Duration retryAfter;

    PortalSignInRefusedException(Duration retryAfter) {
        super(retryAfter == null ? "bad credentials" : "too many attempts, retry after " + retryAfter);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again, or {@code null} when the credentials were wrong. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean throttled() {
        return retryAfter != null;
    }
}
