package io.atende.sso;

import java.util.List;

import io.atende.operator.OperatorRole;

/**
 * Sets an account's single sign-on ({@link SsoSettings} says what each part means).
 *
 * @param clientSecret a new secret, or {@code null} (or blank) to keep the one kept
 */
public record ConfigureSso(boolean enabled, String providerName, String issuer, String clientId, String clientSecret,
                           List<String> allowedDomains, boolean createOperators, OperatorRole newOperatorRole,
                           List<String> newOperatorDepartmentIds, boolean passwordSignIn, boolean trustProviderSecondFactor) {
}
