package io.atende.sso;

/** A sign-in through the identity provider that the account does not accept, and why. */
public class SsoRefusedException extends RuntimeException {

    private final SsoRefusal reason;

    public SsoRefusedException(SsoRefusal reason) {
        super("single sign-on refused: " + reason);
        this.reason = reason;
    }

    public SsoRefusal reason() {
        return reason;
    }
}
