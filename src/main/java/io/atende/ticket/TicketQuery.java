package io.atende.ticket;

import java.time.Instant;
import java.util.Set;

import io.atende.customer.CustomerLookup;
import io.atende.department.DepartmentVisibility;

/**
 * Which tickets a list asks for and in what order, in the ticket's own terms. Every face (API, console, portal, mail)
 * translates its own parameters into one; the conditions combine with AND, and {@code null} or empty means "any".
 * Start from {@link #all()} and narrow it with the {@code with} methods, so that a new condition leaves callers that do
 * not use it alone.
 *
 * @param unassigned     only tickets no operator is linked to, whatever their situation
 * @param customerIds    tickets of these customers only ({@code null}: any customer; empty: none)
 * @param customer       tickets of the customer this finds (none when it finds no one)
 * @param organizationId tickets of the customers of this organization or of its descendants; an unknown one is not found
 * @param createdTo      inclusive
 * @param text           words that must all start a word of the subject or of some message
 * @param slaStatuses    tickets whose SLA status (see {@link SlaStatus}) is one of these at the moment of the query
 * @param visibility     the departments the asker sees (an agent's, a limited token's): tickets of others do not exist
 */
public record TicketQuery(Set<Situation> situations, Set<Priority> priorities, String departmentId, String statusId,
                          String categoryId, String operatorId, boolean unassigned, Set<String> customerIds,
                          CustomerLookup customer, String organizationId, Instant createdFrom, Instant createdTo,
                          Instant updatedFrom, Long minProtocol, Long maxProtocol, String text, Set<SlaStatus> slaStatuses,
                          Sort sort, Direction direction, DepartmentVisibility visibility) {

    /**
     * What tickets are ordered by; ties are broken by id. {@code SLA_DEADLINE} is the nearest SLA deadline
     * ({@link TicketSlaState#deadline()}); tickets without one come last in either direction. {@code PRIORITY} breaks
     * its ties by protocol.
     */
    public enum Sort { PROTOCOL, CREATED, UPDATED, SLA_DEADLINE, PRIORITY }

    public enum Direction { ASCENDING, DESCENDING }

    public TicketQuery {
        situations = situations == null ? Set.of() : Set.copyOf(situations);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        slaStatuses = slaStatuses == null ? Set.of() : Set.copyOf(slaStatuses);
        customerIds = customerIds == null ? null : Set.copyOf(customerIds);
        sort = sort == null ? Sort.PROTOCOL : sort;
        direction = direction == null ? Direction.DESCENDING : direction;
        visibility = visibility == null ? DepartmentVisibility.ALL : visibility;
    }

    /** Every ticket, highest protocol first. */
    public static TicketQuery all() {
        return new TicketQuery(Set.of(), Set.of(), null, null, null, null, false, null, null, null, null, null, null, null,
                null, null, Set.of(), Sort.PROTOCOL, Direction.DESCENDING, DepartmentVisibility.ALL);
    }

    public TicketQuery withSituations(Set<Situation> situations) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withPriorities(Set<Priority> priorities) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withDepartment(String departmentId) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withStatus(String statusId) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withCategory(String categoryId) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withOperator(String operatorId) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withUnassigned(boolean unassigned) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withCustomerIds(Set<String> customerIds) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withCustomer(CustomerLookup customer) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withOrganization(String organizationId) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withCreated(Instant createdFrom, Instant createdTo) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withUpdatedFrom(Instant updatedFrom) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    /** Protocols from {@code minProtocol} to {@code maxProtocol}, both inclusive; {@code null} leaves that end open. */
    public TicketQuery withProtocols(Long minProtocol, Long maxProtocol) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withText(String text) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery withSlaStatuses(Set<SlaStatus> slaStatuses) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    public TicketQuery sortedBy(Sort sort, Direction direction) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort, direction, visibility);
    }

    /** Only the tickets of the departments this visibility sees (narrowing any visibility already set). */
    public TicketQuery visibleTo(DepartmentVisibility visibility) {
        return new TicketQuery(situations, priorities, departmentId, statusId, categoryId, operatorId, unassigned, customerIds,
                customer, organizationId, createdFrom, createdTo, updatedFrom, minProtocol, maxProtocol, text, slaStatuses, sort,
                direction, this.visibility.and(visibility));
    }

    boolean ascending() {
        return direction == Direction.ASCENDING;
    }
}
