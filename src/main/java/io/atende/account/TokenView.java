package io.atende.account;

import java.time.Instant;
import java.util.List;

/** A token as listed: never its secret, only the first characters that help recognize it. */
public record TokenView(String id, String name, TokenScope scope, List<String> allowedIps, String hint,
                        Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
