package io.atende.customer;

import io.atende.platform.DomainEvent;

public record CustomerDeleted(String accountId, String customerId) implements DomainEvent {

    @Override
    public String eventName() {
        return "customer.deleted";
    }

    @Override
    public String subjectType() {
        return "customer";
    }

    @Override
    public String subjectId() {
        return customerId;
    }
}
