package io.atende.operator;

/**
 * What an operator may do in the console. {@code OPERATOR} is the agent: works the tickets and chats of their own
 * departments (the stored and wire name stays {@code operator}, as it was before supervisors existed). A supervisor
 * also sees every department and the reports, without administering the account; an admin does everything.
 */
public enum OperatorRole {
    OPERATOR, SUPERVISOR, ADMIN;

    /** Whether this role sees the tickets and chats of every department, not only of the operator's own. */
    public boolean seesAllDepartments() {
        return this != OPERATOR;
    }

    /** Whether this role reads the reports. */
    public boolean readsReports() {
        return this != OPERATOR;
    }

    /** Whether this role administers the account (settings, operators, tokens, deleting customers). */
    public boolean administers() {
        return this == ADMIN;
    }
}
