package io.atende.console.tickets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.customer.CustomerLookup;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.SlaStatus;
import io.atende.ticket.TicketQuery;

/**
 * The queue page's query string, as the operator typed it: which queue and the filters of
 * /ticket/list. Kept as text so the form shows back exactly what was asked; {@link #ticketQuery}
 * checks it and translates it (400 in place for a bad number or date).
 *
 * @param queue one of {@link #QUEUES}; {@code open} when missing. {@code sla_at_risk} holds the open tickets whose SLA
 *              is at risk or breached, nearest deadline first unless another order is asked
 */
public record TicketQueueQuery(String queue, List<String> situation, String departmentId, String statusId, String categoryId,
                        List<String> priority, String operatorId, String organizationId, String customer,
                        String createdFrom, String createdTo, String updatedFrom, String minProtocol, String maxProtocol,
                        String column, String order, String search, String page) {

    static final List<String> QUEUES = List.of("unassigned", "mine", "open", "all", "sla_at_risk");
    static final Set<Situation> OPEN = Arrays.stream(Situation.values()).filter(Situation::isOpen)
            .collect(Collectors.toUnmodifiableSet());

    public TicketQueueQuery {
        queue = queue == null || !QUEUES.contains(queue) ? "open" : queue;
        // A bookmarked URL's number reads as the situation's name, so the form shows it chosen.
        situation = situation == null ? List.of() : situation.stream().filter(s -> s != null && !s.isBlank())
                .map(SituationParameter::normalized).toList();
        priority = priority == null ? List.of() : priority.stream().filter(s -> s != null && !s.isBlank()).toList();
        departmentId = blankToNull(departmentId);
        statusId = blankToNull(statusId);
        categoryId = blankToNull(categoryId);
        operatorId = blankToNull(operatorId);
        organizationId = blankToNull(organizationId);
        customer = blankToNull(customer);
        createdFrom = blankToNull(createdFrom);
        createdTo = blankToNull(createdTo);
        updatedFrom = blankToNull(updatedFrom);
        minProtocol = blankToNull(minProtocol);
        maxProtocol = blankToNull(maxProtocol);
        column = blankToNull(column);
        order = blankToNull(order);
        search = blankToNull(search);
        page = blankToNull(page);
    }

    static TicketQueueQuery of(String queue) {
        return new TicketQueueQuery(queue, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    TicketQueueQuery withDepartment(String id) {
        return new TicketQueueQuery(queue, situation, id, statusId, categoryId, priority, operatorId, organizationId, customer,
                createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, column, order, search, page);
    }

    TicketQueueQuery withStatus(String id) {
        return new TicketQueueQuery(queue, situation, departmentId, id, categoryId, priority, operatorId, organizationId, customer,
                createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, column, order, search, page);
    }


    int pageNumber() {
        return page == null ? 1 : positive("page", page).intValue();
    }

    /**
     * The ticket query this asks for. The queue decides the situations and operator unless the operator chose
     * situations themselves.
     */
    TicketQuery ticketQuery(String me, ZoneId zone) {
        Set<Situation> situations = EnumSet.noneOf(Situation.class);
        for (String value : situation) {
            situations.add(SituationParameter.of(value));
        }
        if (situations.isEmpty() && !queue.equals("all")) {
            situations = OPEN;
        }
        String operator = switch (queue) {
            case "unassigned" -> null;
            case "mine" -> me;
            default -> operatorId;
        };
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (String value : priority) {
            priorities.add(PriorityField.of("priority", value));
        }
        boolean slaQueue = queue.equals("sla_at_risk");
        var sort = switch (column == null ? slaQueue ? "sla_deadline" : "protocol" : column) {
            case "protocol" -> TicketQuery.Sort.PROTOCOL;
            case "creation_date" -> TicketQuery.Sort.CREATED;
            case "last_update" -> TicketQuery.Sort.UPDATED;
            case "sla_deadline" -> TicketQuery.Sort.SLA_DEADLINE;
            case "priority" -> TicketQuery.Sort.PRIORITY;
            default -> throw new InvalidInputException("column", "parameter.not_one_of",
                    "protocol, creation_date, last_update, sla_deadline, priority");
        };
        if (order != null && !order.equalsIgnoreCase("ASC") && !order.equalsIgnoreCase("DESC")) {
            throw new InvalidInputException("order", "parameter.not_one_of", "ASC, DESC");
        }
        // Dates are whole days of the account's zone; "created up to" includes its day.
        Instant createdBefore = createdTo == null ? null : day("creation_date_le", createdTo).plusDays(1).atStartOfDay(zone)
                .toInstant().minusNanos(1);
        return TicketQuery.all()
                .withCustomer(customer == null ? null : customer.contains("@") ? CustomerLookup.byEmail(customer)
                        : CustomerLookup.byInternalIdOrId(customer))
                .withOrganization(organizationId)
                .withSituations(situations).withDepartment(departmentId).withStatus(statusId).withCategory(categoryId)
                .withPriorities(priorities).withOperator(operator)
                // A ticket without operator waits for one whatever its situation (a customer's reply moves it to "awaiting operator").
                .withUnassigned(queue.equals("unassigned"))
                .withCreated(createdFrom == null ? null : day("creation_date_ge", createdFrom).atStartOfDay(zone).toInstant(),
                        createdBefore)
                .withUpdatedFrom(updatedFrom == null ? null : day("last_update_ge", updatedFrom).atStartOfDay(zone).toInstant())
                .withProtocols(minProtocol == null ? null : positive("min_protocol", minProtocol),
                        maxProtocol == null ? null : positive("max_protocol", maxProtocol))
                .withSlaStatuses(slaQueue ? EnumSet.of(SlaStatus.AT_RISK, SlaStatus.BREACHED) : Set.of())
                .sortedBy(sort, ascending() ? TicketQuery.Direction.ASCENDING : TicketQuery.Direction.DESCENDING)
                .withText(search);
    }

    /**
     * Whether the list is in ascending order: when asked, and by default by the SLA deadline (the nearest first), which
     * the "SLA at risk" queue sorts by unless another column is asked.
     */
    public boolean ascending() {
        if (order != null) {
            return order.equalsIgnoreCase("ASC");
        }
        return column == null ? queue.equals("sla_at_risk") : column.equals("sla_deadline");
    }

    /** Whether anything beyond the queue itself narrows the list (the filter panel then starts open). */
    public boolean narrowed() {
        return !situation.isEmpty() || !priority.isEmpty() || categoryId != null || operatorId != null || organizationId != null
                || customer != null || createdFrom != null || createdTo != null || updatedFrom != null || minProtocol != null
                || maxProtocol != null;
    }

    /** The column the list is sorted by, as the query string names it. */
    public String sortColumn() {
        return column != null ? column : queue.equals("sla_at_risk") ? "sla_deadline" : "protocol";
    }

    /** The {@code aria-sort} of a column's heading: how the list is sorted by it, or {@code null} when it is not. */
    public String ariaSort(String sortable) {
        return sortColumn().equals(sortable) ? ascending() ? "ascending" : "descending" : null;
    }

    /**
     * The address that sorts the list by a column: the same filters, back to the first page, in the column's natural
     * order (nearest SLA deadline first, the rest highest first), or in the other order when it already sorts by it.
     */
    public String sortLink(String sortable) {
        boolean ascending = sortColumn().equals(sortable) ? !ascending() : sortable.equals("sla_deadline");
        return "/console/tickets?" + queryString(sortable, ascending ? "ASC" : "DESC");
    }

    /** The filter as a query string, without the page: what a saved view keeps and the bulk form returns to. */
    public String filterString() {
        return queryString(column, order);
    }

    private String queryString(String sortColumn, String sortOrder) {
        var parts = new java.util.ArrayList<String>();
        add(parts, "queue", queue);
        situation.forEach(value -> add(parts, "situation", value));
        add(parts, "department_id", departmentId);
        add(parts, "status_id", statusId);
        add(parts, "category_id", categoryId);
        priority.forEach(value -> add(parts, "priority", value));
        add(parts, "operator_id", operatorId);
        add(parts, "organization_id", organizationId);
        add(parts, "customer", customer);
        add(parts, "creation_date_ge", createdFrom);
        add(parts, "creation_date_le", createdTo);
        add(parts, "last_update_ge", updatedFrom);
        add(parts, "min_protocol", minProtocol);
        add(parts, "max_protocol", maxProtocol);
        add(parts, "column", sortColumn);
        add(parts, "order", sortOrder);
        add(parts, "search", search);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static LocalDate day(String parameter, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException bad) {
            throw new InvalidInputException(parameter, "parameter.invalid_date");
        }
    }

    static Long integer(String parameter, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException bad) {
            throw new InvalidInputException(parameter, "parameter.not_integer");
        }
    }

    private static Long positive(String parameter, String text) {
        long value = integer(parameter, text);
        if (value < 1) {
            throw new InvalidInputException(parameter, "parameter.out_of_range", 1, Long.MAX_VALUE);
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
