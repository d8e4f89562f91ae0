package io.atende.operator;

/** @param password plain text, or {@code null} for an operator who cannot sign in yet */
public record CreateOperator(String name, String email, String password, OperatorRole role, boolean active, String customRoleId) {

    /** An operator with a built-in role. */
    public CreateOperator(String name, String email, String password, OperatorRole role, boolean active) {
        this(name, email, password, role, active, null);
    }
}
