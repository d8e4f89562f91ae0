package io.atende.operator;

/** An operator who proved their identity, and the account they belong to. */
public record SignedInOperator(String accountId, OperatorView operator) {
}
