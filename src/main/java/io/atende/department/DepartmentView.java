package io.atende.department;

import java.time.Instant;

/**
 * A department.
 *
 * @param assignment         how its new tickets find an operator
 * @param maxOpenPerOperator how many open tickets of the department automatic assignment gives one operator at
 *                           most; {@code null} for no cap
 */
public record DepartmentView(String id, String name, Instant createdAt, AssignmentMode assignment, Integer maxOpenPerOperator) {

    public DepartmentView {
        assignment = assignment == null ? AssignmentMode.MANUAL : assignment;
    }
}
