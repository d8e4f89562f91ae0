package io.atende.operator;

/** The operator declared another availability; published in the transaction of the change. */
public record OperatorAvailabilityChanged(String accountId, String operatorId, Availability availability) {
}
