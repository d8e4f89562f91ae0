package io.atende.operator;

/** The password was right, but the operator's account lets them in only another way (its identity provider). */
public class PasswordSignInOffException extends RuntimeException {

    private final String accountId;

    public PasswordSignInOffException(String accountId) {
        super("password sign-in is off for the account");
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }
}
