package io.atende.customer;

import java.util.Map;

/**
 * A new customer. {@code null} members take their defaults: no organization, unlimited quota,
 * allowed to open tickets, e-mail not validated, active, approved, Portuguese.
 *
 * @param internalId   the caller's own id for the customer (TomTicket's {@code customer_id})
 * @param customFields values by field id, as given; checked against the account's customer fields
 */
public record CreateCustomer(String internalId, String name, String email, String phone, String organizationId,
                             Integer monthlyTicketQuota, Boolean allowCreateTickets, Boolean emailValidated, Boolean active,
                             Boolean accountApproved, CustomerLanguage language, String portfolioId,
                             Map<String, String> customFields) {

    public CreateCustomer {
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }
}
