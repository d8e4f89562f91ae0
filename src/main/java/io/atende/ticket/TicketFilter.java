package io.atende.ticket;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the ticket list, combined with AND; {@code null} or empty means "any".
 *
 * @param customerIds     tickets of these customers only ({@code null}: any customer; empty: none)
 * @param search          words that must all start a word of the subject or of some message
 * @param withoutOperator only tickets no operator is linked to, whatever their situation
 */
public record TicketFilter(Set<String> customerIds, Set<Situation> situations, String departmentId, String statusId,
                           String categoryId, Set<Priority> priorities, String operatorId, Instant createdFrom,
                           Instant createdTo, Instant updatedFrom, Long minProtocol, Long maxProtocol, Order order,
                           boolean ascending, String search, boolean withoutOperator) {

    /** The column tickets are ordered by; ties are broken by id. */
    public enum Order { PROTOCOL, CREATED, UPDATED }

    /** A filter of tickets with or without operator. */
    public TicketFilter(Set<String> customerIds, Set<Situation> situations, String departmentId, String statusId,
                        String categoryId, Set<Priority> priorities, String operatorId, Instant createdFrom,
                        Instant createdTo, Instant updatedFrom, Long minProtocol, Long maxProtocol, Order order,
                        boolean ascending, String search) {
        this(customerIds, situations, departmentId, statusId, categoryId, priorities, operatorId, createdFrom, createdTo,
                updatedFrom, minProtocol, maxProtocol, order, ascending, search, false);
    }

    public static TicketFilter none() {
        return new TicketFilter(null, Set.of(), null, null, null, Set.of(), null, null, null, null, null, null,
                Order.PROTOCOL, false, null);
    }
}
