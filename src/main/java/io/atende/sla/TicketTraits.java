package io.atende.sla;

import io.atende.ticket.Priority;

/** What of a ticket decides which policy applies to it; {@code null} members are a ticket without one. */
public record TicketTraits(String departmentId, String categoryId, Priority priority, String organizationId) {
}
