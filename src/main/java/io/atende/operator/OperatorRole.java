package io.atende.operator;

import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in roles, fixed sets of {@link Permission permissions}. {@code OPERATOR} is the agent: works the tickets and
 * chats of their own departments and edits the knowledge base (the stored and wire name stays {@code operator}, as it
 * was before supervisors existed). A supervisor also sees every department and the reports, without administering the
 * account; an admin does everything. An operator with a custom role is stored as {@code OPERATOR} and holds the custom
 * role's permissions instead.
 */
public enum OperatorRole {
    OPERATOR, SUPERVISOR, ADMIN;

    /** What this role may do. */
    public Set<Permission> permissions() {
        return switch (this) {
            case OPERATOR -> EnumSet.of(Permission.MANAGE_KB);
            case SUPERVISOR -> EnumSet.of(Permission.MANAGE_KB, Permission.VIEW_ALL_DEPARTMENTS, Permission.VIEW_REPORTS,
                    Permission.EXPORT_DATA);
            case ADMIN -> EnumSet.allOf(Permission.class);
        };
    }
}
