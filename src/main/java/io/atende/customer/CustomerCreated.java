package io.atende.customer;

public record CustomerCreated(String accountId, String customerId) {
}
