package io.atende.customer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to a customer; a {@code null} member keeps its value, a {@link Change} to {@code null}
 * clears an optional attribute.
 *
 * @param internalId   a new internal id; only allowed when the customer is looked up by e-mail
 * @param customFields values by field id; a blank value removes the customer's value for that field
 */
public record UpdateCustomer(String internalId, String name, Change<String> email, Change<String> phone,
                             Change<String> organizationId, Change<Integer> monthlyTicketQuota, Boolean allowCreateTickets,
                             Boolean emailValidated, Boolean active, Boolean accountApproved, CustomerLanguage language,
                             Change<String> portfolioId, Map<String, String> customFields) {

    public UpdateCustomer {
        // Not Map.copyOf: a null value, like a blank one, asks to remove the value.
        customFields = customFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }
}
