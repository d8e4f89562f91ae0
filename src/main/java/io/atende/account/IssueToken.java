package io.atende.account;

import java.util.List;

import io.atende.platform.RateLimit;

/**
 * @param allowedIps addresses or CIDR ranges the token may be used from; empty means anywhere
 * @param rateLimit  this token's own limit, or {@code null} for the account's
 */
public record IssueToken(String name, TokenScope scope, List<String> allowedIps, RateLimit rateLimit) {

    public IssueToken {
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
    }
}
