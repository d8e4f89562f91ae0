package io.atende.operator;

/**
 * An operator's two-factor sign-in as their profile and the admin pages show it.
 *
 * @param enabled           whether signing in asks for a code
 * @param recoveryCodesLeft unused recovery codes
 * @param required          whether the account requires every operator to use it
 */
public record TwoFactorStatus(boolean enabled, int recoveryCodesLeft, boolean required) {
}
