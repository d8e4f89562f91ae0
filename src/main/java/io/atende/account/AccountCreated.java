package io.atende.account;

public record AccountCreated(String accountId) {
}
