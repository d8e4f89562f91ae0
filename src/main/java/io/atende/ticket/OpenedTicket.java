package io.atende.ticket;

import io.atende.customer.CustomerView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorView;

/**
 * A ticket just opened, with what it refers to as its checks read it, so that the caller can name them without
 * reading them again.
 *
 * @param category {@code null} when the ticket has none
 * @param operator {@code null} when no operator was linked at once
 */
public record OpenedTicket(TicketView ticket, CustomerView customer, DepartmentView department, CategoryView category,
                           OperatorView operator) {
}
