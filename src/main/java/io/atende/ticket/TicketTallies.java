package io.atende.ticket;

import java.util.List;

/**
 * How many tickets an account has, by department and situation (and how many of those one operator has), and the
 * tickets in a custom status by status and situation: every queue count of the console adds up some of these rows.
 */
public record TicketTallies(List<ByDepartment> byDepartment, List<ByStatus> byStatus) {

    public TicketTallies {
        byDepartment = List.copyOf(byDepartment);
        byStatus = List.copyOf(byStatus);
    }

    /**
     * Tickets of one department in one situation; {@code operatorTickets} of them are the operator's and
     * {@code unassignedTickets} have no operator.
     */
    public record ByDepartment(String departmentId, Situation situation, long tickets, long operatorTickets, long unassignedTickets) {
    }

    /** Tickets in one custom status and one situation. */
    public record ByStatus(String statusId, Situation situation, long tickets) {
    }
}
