package io.atende.sso;

import java.time.Instant;
import java.util.List;

import io.atende.operator.OperatorRole;

/**
 * An account's single sign-on as its admins see it; never carries the client secret, only whether one is kept.
 *
 * @param providerName              what the sign-in button names ("Sign in with Okta")
 * @param allowedDomains            the e-mail domains (lower case) whose people may sign in this way
 * @param createOperators           whether someone the provider vouches for who is no operator yet becomes one
 * @param newOperatorRole           the role of an operator created so
 * @param newOperatorDepartmentIds  the departments an operator created so joins
 * @param passwordSignIn            whether operators may still sign in with a password (admins always may)
 * @param trustProviderSecondFactor whether a sign-in through the provider counts as two-factor, so the account's
 *                                  own second factor is not asked again
 */
public record SsoSettings(boolean enabled, String providerName, String issuer, String clientId, boolean clientSecretSet,
                          List<String> allowedDomains, boolean createOperators, OperatorRole newOperatorRole,
                          List<String> newOperatorDepartmentIds, boolean passwordSignIn, boolean trustProviderSecondFactor,
                          Instant updatedAt) {
}
