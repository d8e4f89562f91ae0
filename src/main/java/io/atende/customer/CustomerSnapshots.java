package io.atende.customer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.webhook.WebhookSubjectSnapshots;

import org.springframework.stereotype.Component;

/** Takes the customers' snapshots for Standard Webhooks deliveries, two reads for any number of customers. */
@Component
class CustomerSnapshots implements WebhookSubjectSnapshots {

    private final CustomerManagement customers;

    CustomerSnapshots(CustomerManagement customers) {
        this.customers = customers;
    }

    @Override
    public String subjectType() {
        return "customer";
    }

    @Override
    public Map<String, CustomerSnapshot> snapshots(String accountId, Collection<String> subjectIds) {
        var found = customers.findAll(accountId, subjectIds);
        if (found.isEmpty()) {
            return Map.of();
        }
        var fields = customers.customFields(accountId, found.keySet());
        Map<String, CustomerSnapshot> snapshots = new LinkedHashMap<>();
        found.forEach((id, customer) -> snapshots.put(id, new CustomerSnapshot(customer, fields.getOrDefault(id, List.of()))));
        return snapshots;
    }
}
