package io.atende.customer;

import io.atende.platform.DomainEvent;

/** The customer's personal data was erased; the record stays, under a neutral name. */
public record CustomerAnonymized(String accountId, String customerId) implements DomainEvent {

    @Override
    public String eventName() {
        return "customer.anonymized";
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
