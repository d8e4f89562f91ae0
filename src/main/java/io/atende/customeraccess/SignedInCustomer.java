package io.atende.customeraccess;

/**
 * A customer who proved their identity to the portal.
 *
 * @param credentialsVersion how many times their password had been set then; a session holding an older
 *                           count was opened with a password that is no longer theirs
 * @param codeNeeded         whether only the password is proved so far: the customer turned two-factor sign-in on,
 *                           and a code must complete the sign-in ({@link CustomerTwoFactor#completeSignIn})
 */
public record SignedInCustomer(PortalCustomer customer, int credentialsVersion, boolean codeNeeded) {
}
