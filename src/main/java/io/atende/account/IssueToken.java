package io.atende.account;

import java.util.List;

import io.atende.platform.RateLimit;

/**
 * @param allowedIps addresses or CIDR ranges the token may be used from; empty means anywhere
 * @param rateLimit     this token's own limit, or {@code null} for the account's
 * @param departmentIds the departments whose tickets and chats the token sees; empty means every department
 */
public record IssueToken(String name, TokenScope scope, List<String> allowedIps, RateLimit rateLimit, List<String> departmentIds) {

    public IssueToken {
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
        departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
    }

    /** A token that sees every department. */
    public IssueToken(String name, TokenScope scope, List<String> allowedIps, RateLimit rateLimit) {
        this(name, scope, allowedIps, rateLimit, List.of());
    }
}
