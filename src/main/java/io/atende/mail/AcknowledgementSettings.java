package io.atende.mail;

import java.util.List;

/**
 * The acknowledgement a customer receives when their e-mail or portal message opens a ticket: whether it is sent, and
 * the account's subject and text (blank: Atende's own, in the customer's language). Both may carry {@link #PLACEHOLDERS}.
 */
public record AcknowledgementSettings(boolean enabled, String subject, String body) {

    /** What the subject and the text may name, filled for each ticket. */
    public static final List<String> PLACEHOLDERS = List.of("customer.name", "customer.email", "ticket.protocol", "ticket.subject",
            "department.name", "account.name");
}
