package io.atende.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

record TokenRow(String accountId, String id, String name, TokenScope scope, String hint, String allowedIps,
                Integer rateLimitPerSecond, Integer rateLimitBurst, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    List<String> allowedIpList() {
        return allowedIps == null || allowedIps.isBlank() ? List.of() : Arrays.asList(allowedIps.split(","));
    }

    TokenView view() {
        return new TokenView(id, name, scope, allowedIpList(), hint, createdAt, lastUsedAt, revokedAt);
    }
}
