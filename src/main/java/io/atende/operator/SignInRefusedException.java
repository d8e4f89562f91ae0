package io.atende.operator;

import java.time.Duration;

/**
 * Sign-in was refused: the e-mail and password match no active operator, or there were too many
 * failed attempts lately and this one was not even checked; it may be made again after
 * {@link #retryAfter()}.
 */
public class SignInRefusedException extends RuntimeException {

    private final transient Duration retryAfter;

    SignInRefusedException(Duration retryAfter) {
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
