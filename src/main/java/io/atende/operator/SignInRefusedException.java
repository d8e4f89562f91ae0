package io.atende.operator;

import java.time.Instant;

/**
 * Sign-in was refused: the e-mail and password match no active operator, or the operator is
 * locked out after repeated failures until {@link #lockedUntil()}.
 */
public class SignInRefusedException extends RuntimeException {

    private final transient Instant lockedUntil;

    SignInRefusedException(Instant lockedUntil) {
        super(lockedUntil == null ? "bad credentials" : "locked out until " + lockedUntil);
        this.lockedUntil = lockedUntil;
    }

    /** Until when the operator is locked out, or {@code null} when the credentials were wrong. */
    public Instant lockedUntil() {
        return lockedUntil;
    }

    public boolean lockedOut() {
        return lockedUntil != null;
    }
}
