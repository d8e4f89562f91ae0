package io.atende.operator;

public record OperatorUpdated(String accountId, String operatorId) {
}
