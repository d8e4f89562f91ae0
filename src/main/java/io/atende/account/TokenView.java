package io.atende.account;

import java.time.Instant;
import java.util.List;

import io.atende.platform.RateLimit;

/**
 * A token as listed: never its secret, only the first characters that help recognize it.
 *
 * @param rateLimit     the token's own limit, or {@code null} when it follows the account's
 * @param departmentIds the departments the token is limited to; empty when it sees every department
 */
public record TokenView(String id, String name, TokenScope scope, List<String> allowedIps, String hint, RateLimit rateLimit,
                        Instant createdAt, Instant lastUsedAt, Instant revokedAt, List<String> departmentIds) {

    public TokenView {
        allowedIps = List.copyOf(allowedIps);
        departmentIds = List.copyOf(departmentIds);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
