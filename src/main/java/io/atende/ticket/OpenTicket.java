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
 * @param priority       {@code null} is normal
 * @param customFields   values by field id, checked against the department's and category's ticket fields
 * @param operatorId     optional operator to link at once
 * @param ticketType     {@code null} is external
 * @param format         how the message is read; {@code null} is {@link BodyFormat#DETECTED}
 */
public record OpenTicket(CustomerLookup customer, String departmentId, String categoryId, String subject, String message,
                         Priority priority, Map<String, String> customFields, List<NewAttachment> attachments,
                         String operatorId, String parentTicketId, TicketType ticketType, BodyFormat format) {

    /** A ticket whose message is HTML when it contains markup. */
    public OpenTicket(CustomerLookup customer, String departmentId, String categoryId, String subject, String message,
                      Priority priority, Map<String, String> customFields, List<NewAttachment> attachments,
                      String operatorId, String parentTicketId, TicketType ticketType) {
        this(customer, departmentId, categoryId, subject, message, priority, customFields, attachments, operatorId, parentTicketId,
                ticketType, BodyFormat.DETECTED);
    }

    /** A ticket of the customer with this id (its own 32-hex id). */
    public OpenTicket(String customerId, String departmentId, String categoryId, String subject, String message,
                      Priority priority, Map<String, String> customFields, List<NewAttachment> attachments,
                      String operatorId, String parentTicketId, TicketType ticketType) {
        this(CustomerLookup.byId(customerId), departmentId, categoryId, subject, message, priority, customFields, attachments,
                operatorId, parentTicketId, ticketType, BodyFormat.DETECTED);
    }

    /** The same ticket with its message read as {@code format}. */
    public OpenTicket withFormat(BodyFormat format) {
        return new OpenTicket(customer, departmentId, categoryId, subject, message, priority, customFields, attachments, operatorId,
                parentTicketId, ticketType, format);
    }
}
