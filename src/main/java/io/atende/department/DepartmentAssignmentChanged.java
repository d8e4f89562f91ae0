package io.atende.department;

/** A department's assignment mode or cap changed; published in the transaction of the change. */
public record DepartmentAssignmentChanged(String accountId, String departmentId, AssignmentMode assignment, Integer maxOpenPerOperator) {
}
