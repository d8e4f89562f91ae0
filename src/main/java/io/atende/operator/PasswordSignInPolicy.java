package io.atende.operator;

/**
 * Whether an account lets an operator sign in with a password. A module that offers another way in (single sign-on)
 * implements it; {@link OperatorSignIn} asks every implementation once the password has proved right.
 */
public interface PasswordSignInPolicy {

    boolean allowsPassword(String accountId, OperatorView operator);
}
