package io.atende.operator;

public record OperatorCreated(String accountId, String operatorId) {
}
