package io.atende.account;

import java.time.Instant;
import java.util.List;

import io.atende.platform.RateLimit;

/**
 * A token as listed: never its secret, only the first characters that help recognize it.
 *
 * @param rateLimit the token's own limit, or {@code null} when it follows the account's
 */
public record TokenView(String id, String name, TokenScope scope, List<String> allowedIps, String hint, RateLimit rateLimit,
                        Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public TokenView {
        allowedIps = List.copyOf(allowedIps);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
