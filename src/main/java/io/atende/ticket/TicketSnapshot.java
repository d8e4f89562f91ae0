package io.atende.ticket;

import java.util.List;
import java.util.Map;

import io.atende.customer.CustomerView;
import io.atende.customfield.CustomFieldValue;

/**
 * A ticket as a change left it, with the names of what it references as they were then: what a
 * Standard Webhooks delivery shows of it, kept with the event so that it is rendered after the
 * commit without reading anything again.
 *
 * @param customer       the ticket's customer, {@code null} if it no longer exists
 * @param departmentName {@code null} if the department no longer exists
 * @param categoryName   {@code null} without a category
 * @param operatorNames  the operators it references (its operator, message authors, status changes), by id
 * @param statusNames    the custom statuses it has been in, by id
 */
public record TicketSnapshot(TicketView ticket, List<TicketMessageView> messages, List<TicketStatusPeriod> statuses,
                             List<CustomFieldValue> openingFields, List<CustomFieldValue> finishFields, CustomerView customer,
                             String departmentName, String categoryName, Map<String, String> operatorNames,
                             Map<String, String> statusNames) {
}
