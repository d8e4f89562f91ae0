package io.atende.customer;

import java.util.Objects;

/**
 * How a caller names a customer: by the internal id given at creation (falling back to the
 * customer's own id when no internal id matches), by e-mail address, or by its own id.
 */
public record CustomerLookup(String value, By by) {

    public enum By {
        /** The internal id, or, when none matches, the customer's 32-hex id. */
        INTERNAL_ID_OR_ID,
        /** The e-mail address, ignoring case. */
        EMAIL,
        /** The customer's own 32-hex id only, for callers that already hold it. */
        ID
    }

    public CustomerLookup {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(by, "by");
        value = value.strip();
    }

    public static CustomerLookup byInternalIdOrId(String value) {
        return new CustomerLookup(value, By.INTERNAL_ID_OR_ID);
    }

    public static CustomerLookup byEmail(String email) {
        return new CustomerLookup(email, By.EMAIL);
    }

    public static CustomerLookup byId(String customerId) {
        return new CustomerLookup(customerId, By.ID);
    }
}
