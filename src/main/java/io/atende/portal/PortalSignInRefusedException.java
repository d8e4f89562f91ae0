package io.atende.portal;

import java.time.Instant;

/**
 * Portal sign-in was refused: the e-mail and password match no customer with portal access in
 * the account, or the customer is locked out after repeated failures until {@link #lockedUntil()}.
 */
public class PortalSignInRefusedException extends RuntimeException {

    private final transient Instant lockedUntil;

    PortalSignInRefusedException(Instant lockedUntil) {
        super(lockedUntil == null ? "bad credentials" : "locked out until " + lockedUntil);
        this.lockedUntil = lockedUntil;
    }

    /** Until when the customer is locked out, or {@code null} when the credentials were wrong. */
    public Instant lockedUntil() {
        return lockedUntil;
    }

    public boolean lockedOut() {
        return lockedUntil != null;
    }
}
