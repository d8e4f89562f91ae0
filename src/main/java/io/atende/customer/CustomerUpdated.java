package io.atende.customer;

public record CustomerUpdated(String accountId, String customerId) {
}
