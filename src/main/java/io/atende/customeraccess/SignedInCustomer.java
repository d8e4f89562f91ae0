package io.atende.customeraccess;

/**
 * A customer who proved their identity to the portal.
 *
 * @param credentialsVersion how many times their password had been set then; a session holding an older
 *                           count was opened with a password that is no longer theirs
 */
public record SignedInCustomer(PortalCustomer customer, int credentialsVersion) {
}
