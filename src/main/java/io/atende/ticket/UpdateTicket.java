package io.atende.ticket;

import java.util.Map;

import io.atende.customer.CustomerLookup;

/**
 * Changes to what an open ticket is about and whose it is; a {@code null} member keeps its value.
 *
 * @param customer     the customer the ticket moves to (it must be allowed to open tickets)
 * @param customFields values by field id of the ticket fields of its department and category; an empty value clears one
 */
public record UpdateTicket(String subject, Priority priority, CustomerLookup customer, Map<String, String> customFields) {

    public UpdateTicket {
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /** Whether it asks for any change at all. */
    public boolean isEmpty() {
        return subject == null && priority == null && customer == null && customFields.isEmpty();
    }
}
