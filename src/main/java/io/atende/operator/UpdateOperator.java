package io.atende.operator;

/** Changes to an operator; a {@code null} member leaves that attribute as it is. */
public record UpdateOperator(String operatorId, String name, String email, String password, OperatorRole role,
                             Boolean active) {
}
