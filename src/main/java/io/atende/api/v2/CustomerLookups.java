package io.atende.api.v2;

import java.util.List;
import java.util.Optional;

import io.atende.customer.CustomerLookup;
import io.atende.platform.InvalidInputException;

/**
 * Reads a customer lookup (docs/api.md, Finding a customer): {@code customer_id} with the type flag {@code I}
 * (default: internal id, else the 32-hex id) or {@code E} (e-mail). The flag is spelled
 * {@code customer_type_id} on most endpoints and {@code customer_id_type} on /ticket/new; both
 * spellings are read everywhere.
 */
final class CustomerLookups {

    static final String ID = "customer_id";
    static final String TYPE = "customer_type_id";
    static final String TYPE_ALIAS = "customer_id_type";
    /** The customer another one is merged into (/customer/merge), named the same way with its own flag. */
    static final String INTO_ID = "into_customer_id";
    static final String INTO_TYPE = "into_customer_type_id";
    static final String TYPE_DESCRIPTION = "I (default): customer_id is the internal id, or the customer's 32-hex id when no internal id matches; E: customer_id is the e-mail address. Also read as customer_id_type";

    private static final List<String> FLAGS = List.of("I", "E");

    private CustomerLookups() {
    }

    /** The lookup; 400 when {@code customer_id} is missing or the flag is not I or E. */
    static CustomerLookup required(ApiParams params) {
        var by = by(params);
        return new CustomerLookup(params.required(ID), by);
    }

    /** The lookup of {@code into_customer_id} with its flag {@code into_customer_type_id}; 400 when missing or the flag is not I or E. */
    static CustomerLookup requiredInto(ApiParams params) {
        var flag = params.oneOf(INTO_TYPE, FLAGS);
        return new CustomerLookup(params.required(INTO_ID),
                "E".equals(flag.orElse("I")) ? CustomerLookup.By.EMAIL : CustomerLookup.By.INTERNAL_ID_OR_ID);
    }

    /** The lookup when {@code customer_id} was given; the flag is checked either way. */
    static Optional<CustomerLookup> optional(ApiParams params) {
        var by = by(params);
        String value = params.raw(ID);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new CustomerLookup(value, by));
    }

    private static CustomerLookup.By by(ApiParams params) {
        var flag = params.oneOf(TYPE, FLAGS);
        var alias = params.oneOf(TYPE_ALIAS, FLAGS);
        if (flag.isPresent() && alias.isPresent() && !flag.get().equals(alias.get())) {
            throw new InvalidInputException(TYPE, "customer.lookup_flags_conflict", TYPE_ALIAS);
        }
        return "E".equals(flag.or(() -> alias).orElse("I")) ? CustomerLookup.By.EMAIL : CustomerLookup.By.INTERNAL_ID_OR_ID;
    }
}
