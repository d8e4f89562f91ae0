package io.atende.operator;

import java.time.Instant;
import java.util.Set;

/**
 * @param customRoleId      the operator's custom role, or {@code null} for the built-in {@code role}
 * @param customRoleName    that role's name, as read
 * @param customPermissions that role's permissions, as read
 */
record OperatorRow(String id, String name, String email, String passwordHash, OperatorRole role, boolean active,
                   Instant createdAt, Instant updatedAt, String language, String customRoleId, String customRoleName,
                   Set<Permission> customPermissions) {

    OperatorRow(String id, String name, String email, String passwordHash, OperatorRole role, boolean active,
                Instant createdAt, Instant updatedAt, String language) {
        this(id, name, email, passwordHash, role, active, createdAt, updatedAt, language, null, null, null);
    }

    OperatorView view() {
        var permissions = customRoleId != null && customPermissions != null ? Set.copyOf(customPermissions) : role.permissions();
        return new OperatorView(id, name, email, role, active, createdAt, updatedAt, language,
                customRoleId, customRoleName, Set.copyOf(permissions));
    }
}
