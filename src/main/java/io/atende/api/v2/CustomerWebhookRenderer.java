package io.atende.api.v2;

import java.util.List;
import java.util.Optional;

import io.atende.account.AccountManagement;
import io.atende.customer.CustomerManagement;
import io.atende.webhook.WebhookSubjectRenderer;

import org.springframework.stereotype.Component;

/** A customer in Standard Webhooks deliveries: the object {@code /customer/details} holds. */
@Component
class CustomerWebhookRenderer implements WebhookSubjectRenderer {

    private final CustomerManagement customers;
    private final AccountManagement accounts;

    CustomerWebhookRenderer(CustomerManagement customers, AccountManagement accounts) {
        this.customers = customers;
        this.accounts = accounts;
    }

    @Override
    public String subjectType() {
        return "customer";
    }

    @Override
    public Optional<Object> render(String accountId, String subjectId) {
        var customer = customers.findAll(accountId, List.of(subjectId)).get(subjectId);
        if (customer == null) {
            return Optional.empty();
        }
        var zone = accounts.get(accountId).timeZone();
        return Optional.of(CustomerApiV2Controller.CustomerWire.of(customer, customers.customFields(accountId, subjectId), zone));
    }
}
