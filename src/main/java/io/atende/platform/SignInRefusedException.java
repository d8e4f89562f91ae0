package io.atende.platform;

import java.time.Duration;

/**
 * Sign-in was refused, to an operator or to a portal customer alike: the e-mail and password match
 * nobody who may sign in, or there were too many failed attempts lately and this one was not even
 * checked; it may be made again after {@link #retryAfter()}. One type for both, so that both sign-in
 * pages answer the same way.
 */
public class SignInRefusedException extends RuntimeException {

    private final transient Duration retryAfter;

    public SignInRefusedException(Duration retryAfter) {
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
