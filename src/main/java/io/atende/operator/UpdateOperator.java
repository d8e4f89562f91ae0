package io.atende.operator;

/**
 * Changes to an operator; a {@code null} member leaves that attribute as it is. A {@code customRoleId} gives the
 * operator that custom role; a {@code role} without it gives them that built-in role instead of any custom one.
 */
public record UpdateOperator(String operatorId, String name, String email, String password, OperatorRole role,
                             Boolean active, String customRoleId) {

    public UpdateOperator(String operatorId, String name, String email, String password, OperatorRole role, Boolean active) {
        this(operatorId, name, email, password, role, active, null);
    }
}
