package io.atende.sla;

import java.util.EnumSet;
import java.util.Set;

import io.atende.ticket.Priority;

/**
 * Which tickets a policy applies to; a condition left {@code null} (or no priorities) matches every ticket, and a
 * ticket must meet all the others.
 */
public record SlaConditions(String departmentId, String categoryId, Set<Priority> priorities, String organizationId) {

    public static final SlaConditions ANY = new SlaConditions(null, null, Set.of(), null);

    public SlaConditions {
        priorities = priorities == null || priorities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(priorities));
    }

    /** Whether a ticket with these traits meets every condition. */
    public boolean matches(TicketTraits ticket) {
        return (departmentId == null || departmentId.equals(ticket.departmentId()))
                && (categoryId == null || categoryId.equals(ticket.categoryId()))
                && (priorities.isEmpty() || priorities.contains(ticket.priority()))
                && (organizationId == null || organizationId.equals(ticket.organizationId()));
    }
}
