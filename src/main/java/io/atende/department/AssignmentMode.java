package io.atende.department;

/** How a department's new tickets find an operator. */
public enum AssignmentMode {
    /** Operators take tickets themselves, or someone transfers them. */
    MANUAL,
    /** Each ticket goes to the next operator online, in turn. */
    ROUND_ROBIN,
    /** Each ticket goes to the operator online with the fewest open tickets of the department. */
    LEAST_OPEN;

    public boolean automatic() {
        return this != MANUAL;
    }
}
