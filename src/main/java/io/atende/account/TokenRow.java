package io.atende.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.atende.department.DepartmentVisibility;
import io.atende.platform.RateLimit;

record TokenRow(String accountId, String id, String name, TokenScope scope, String hint, String allowedIps,
                Integer rateLimitPerSecond, Integer rateLimitBurst, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                String departmentIds) {

    List<String> allowedIpList() {
        return allowedIps == null || allowedIps.isBlank() ? List.of() : Arrays.asList(allowedIps.split(","));
    }

    List<String> departmentIdList() {
        return departmentIds == null || departmentIds.isBlank() ? List.of() : Arrays.asList(departmentIds.split(","));
    }

    /** The departments the token sees: those it is limited to, or all. */
    DepartmentVisibility visibility() {
        var ids = departmentIdList();
        return ids.isEmpty() ? DepartmentVisibility.ALL : DepartmentVisibility.only(ids);
    }

    TokenView view() {
        var limit = rateLimitPerSecond == null ? null : new RateLimit(rateLimitPerSecond, rateLimitBurst);
        return new TokenView(id, name, scope, allowedIpList(), hint, limit, createdAt, lastUsedAt, revokedAt, departmentIdList());
    }
}
