package io.atende.operator;

import java.time.Instant;
import java.util.Set;

/**
 * An operator (attendant) as other modules and the API see it; never carries the password.
 * {@code language} is the operator's console language tag, or {@code null} for the default. {@code permissions} is
 * what the operator may do: their custom role's ({@code customRoleId}, {@code customRoleName}) when they have one,
 * else their built-in {@code role}'s.
 */
public record OperatorView(String id, String name, String email, OperatorRole role, boolean active,
                           Instant createdAt, Instant updatedAt, String language,
                           String customRoleId, String customRoleName, Set<Permission> permissions) {

    /** Whether this operator may do this: the one answer to it, for every face. */
    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
