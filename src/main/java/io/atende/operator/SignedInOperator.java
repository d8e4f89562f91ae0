package io.atende.operator;

/**
 * An operator who proved their identity, and the account they belong to.
 *
 * @param credentialsVersion how many times the password had been changed then; a session holding an older
 *                           count was opened with a password that is no longer theirs
 * @param secondFactor       what signing in needs beyond the password, as things stand now
 */
public record SignedInOperator(String accountId, OperatorView operator, int credentialsVersion, SecondFactor secondFactor) {
}
