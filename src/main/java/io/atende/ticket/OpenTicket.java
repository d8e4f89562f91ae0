package io.atende.ticket;

import java.util.List;
import java.util.Map;

import io.atende.attachment.NewAttachment;
import io.atende.customer.CustomerLookup;

/**
 * What opens a ticket. The message is the customer's opening message.
 *
 * @param customer       the customer opening it, looked up once, in the checks of the opening
 * @param categoryId     optional; must belong to the department
 * @param priority       1 to 4; {@code null} is normal (2)
 * @param customFields   values by field id, checked against the department's and category's ticket fields
 * @param operatorId     optional operator to link at once
 * @param ticketType     {@code E} (default) or {@code I}
 */
public record OpenTicket(CustomerLookup customer, String departmentId, String categoryId, String subject, String message,
                         Integer priority, Map<String, String> customFields, List<NewAttachment> attachments,
                         String operatorId, String parentTicketId, String ticketType) {

    /** A ticket of the customer with this id (its own 32-hex id). */
    public OpenTicket(String customerId, String departmentId, String categoryId, String subject, String message,
                      Integer priority, Map<String, String> customFields, List<NewAttachment> attachments,
                      String operatorId, String parentTicketId, String ticketType) {
        this(CustomerLookup.byId(customerId), departmentId, categoryId, subject, message, priority, customFields, attachments,
                operatorId, parentTicketId, ticketType);
    }
}
