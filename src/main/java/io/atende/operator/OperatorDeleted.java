package io.atende.operator;

public record OperatorDeleted(String accountId, String operatorId) {
}
