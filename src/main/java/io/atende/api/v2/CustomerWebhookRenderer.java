package io.atende.api.v2;

import io.atende.customer.CustomerSnapshot;
import io.atende.webhook.WebhookSnapshot;
import io.atende.webhook.WebhookSubjectRenderer;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** A customer in Standard Webhooks deliveries: the object {@code /customer/details} holds. */
@Component
class CustomerWebhookRenderer implements WebhookSubjectRenderer {

    private final JsonMapper json;

    CustomerWebhookRenderer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String subjectType() {
        return "customer";
    }

    @Override
    public Object render(WebhookSnapshot snapshot) {
        var customer = json.treeToValue(snapshot.subject(), CustomerSnapshot.class);
        return CustomerApiV2Controller.CustomerWire.of(customer.customer(), customer.customFields(), null, snapshot.zone());
    }
}
