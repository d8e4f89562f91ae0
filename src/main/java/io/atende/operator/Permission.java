package io.atende.operator;

import java.util.EnumSet;
import java.util.Set;

/**
 * One thing an operator may do beyond working the tickets and chats of their own departments. The built-in roles are
 * fixed sets of these ({@link OperatorRole#permissions()}); a {@link CustomRoleView custom role} is any set an admin
 * chooses. Every check of what an operator may do asks for one of these, never for a role.
 */
public enum Permission {
    /** Sees the tickets and chats of every department, not only of the operator's own. */
    VIEW_ALL_DEPARTMENTS,
    /** Reads the reports. */
    VIEW_REPORTS,
    /** Downloads the reports as CSV. */
    EXPORT_DATA,
    /** Writes, publishes and deletes knowledge-base articles and categories. */
    MANAGE_KB,
    /** Deletes, merges and anonymizes customers and deletes organizations: none of it can be undone. */
    DELETE_CUSTOMERS,
    /** Creates, changes and deletes the account's macros. */
    MANAGE_MACROS,
    /** Creates, changes and deletes triggers, time automations and SLA policies. */
    MANAGE_AUTOMATIONS,
    /** Reads the audit log (an operator limited to departments reads only their departments' entries). */
    VIEW_AUDIT_LOG,
    /**
     * Everything else of the administration: settings, departments, operators, roles, tokens, webhooks, mail, portal,
     * single sign-on, imports, statuses, fields, calendars, recounting the reports, deleting shared views.
     */
    ADMINISTER_ACCOUNT;

    /** These permissions from their names separated by commas, ignoring names no longer known. */
    static Set<Permission> parse(String names) {
        var permissions = EnumSet.noneOf(Permission.class);
        if (names != null) {
            for (String name : names.split(",")) {
                for (Permission permission : values()) {
                    if (permission.name().equals(name.trim())) {
                        permissions.add(permission);
                    }
                }
            }
        }
        return permissions;
    }

    /** The names of these permissions separated by commas, in the order of the list. */
    static String format(Set<Permission> permissions) {
        return String.join(",", permissions.stream().sorted().map(Enum::name).toList());
    }
}
