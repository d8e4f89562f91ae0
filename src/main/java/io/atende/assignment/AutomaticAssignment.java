package io.atende.assignment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.department.AssignmentMode;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.Availability;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketView;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives tickets to the operators of their department: the next one online in turn ({@link AssignmentMode#ROUND_ROBIN})
 * or the one online with the fewest open tickets of the department ({@link AssignmentMode#LEAST_OPEN}), never beyond
 * the department's cap on open tickets per operator. A department's assignments take turns on its cursor row's lock,
 * on every node, so two nodes never give one operator more than the cap nor skip anyone's turn. The change is linked
 * as made by {@link Actor#AUTOMATIC_ASSIGNMENT}, so the ticket's history says so. A ticket nobody can take waits in
 * the department's queue, first in first out, until an operator comes online or a slot frees.
 */
@Service
public class AutomaticAssignment {

    /** What serving a department's queue once did. */
    enum Outcome {
        /** The first waiting ticket went to an operator. */
        ASSIGNED,
        /** The first waiting ticket no longer needed assignment and left the queue. */
        DROPPED,
        /** Nothing (more) to do: no ticket waits, or the department assigns by hand now or is gone. */
        IDLE,
        /** Tickets wait, and nobody can take one now. */
        STALLED
    }

    private final AssignmentRepository repository;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final TicketManagement tickets;
    private final Clock clock;
    private final Duration recheckAfter;

    AutomaticAssignment(AssignmentRepository repository, DepartmentManagement departments, OperatorManagement operators,
                        TicketManagement tickets, Clock clock, @Value("${atende.assignment.recheck-after}") Duration recheckAfter) {
        this.repository = repository;
        this.departments = departments;
        this.operators = operators;
        this.tickets = tickets;
        this.clock = clock;
        this.recheckAfter = recheckAfter;
    }

    /**
     * Assigns the ticket now, by its department's mode and cap (round robin in a department that assigns by hand: a
     * rule asked for it), and answers to whom. A ticket that has an operator, or is finished or cancelled, is left
     * as it is (empty). When nobody can take it the answer is empty and, in a department that assigns automatically,
     * the ticket joins its queue and is assigned when someone can (a manual department keeps no queue). Not found for an unknown ticket. Waits for the department's other assignments in progress;
     * runs in the caller's transaction.
     */
    @Transactional
    public Optional<String> assignAutomatically(String accountId, String ticketId) {
        TicketView ticket = tickets.get(accountId, ticketId);
        if (!needsOperator(ticket)) {
            return Optional.empty();
        }
        DepartmentView department = departments.getDepartment(accountId, ticket.departmentId());
        repository.ensureCursor(accountId, department.id());
        var last = repository.lockCursor(accountId, department.id(), false).orElseThrow();
        var chosen = assign(accountId, department, ticket, last.orElse(null));
        // A manual department keeps no queue: its waiting tickets are the operators'.
        if (chosen.isEmpty() && department.assignment().automatic()) {
            repository.enqueue(accountId, ticket.id(), department.id(), clock.instant());
            repository.postpone(accountId, department.id(), clock.instant().plus(recheckAfter));
        }
        return chosen;
    }

    /** Puts a ticket that just came to a department that assigns automatically in its queue; in the ticket's transaction. */
    void enqueue(String accountId, String ticketId, String departmentId) {
        repository.enqueue(accountId, ticketId, departmentId, clock.instant());
    }

    /**
     * Serves the first ticket of the department's queue, under the department's lock (waiting for another node's
     * assignment of the department to commit). In the caller's transaction, which the worker begins for each ticket.
     */
    Outcome serveFirst(String accountId, String departmentId) {
        var cursor = repository.lockCursor(accountId, departmentId, false);
        if (cursor.isEmpty()) {
            return Outcome.IDLE;
        }
        repository.clearNudge(accountId, departmentId);
        var department = departments.listDepartments(accountId).stream().filter(found -> found.id().equals(departmentId)).findFirst();
        if (department.isEmpty()) {
            repository.forget(accountId, departmentId);
            return Outcome.IDLE;
        }
        if (!department.get().assignment().automatic()) {
            repository.dropWaiting(accountId, departmentId);
            return Outcome.IDLE;
        }
        var first = repository.firstWaiting(accountId, departmentId);
        if (first.isEmpty()) {
            return Outcome.IDLE;
        }
        var ticket = tickets.find(accountId, first.get());
        if (ticket.isEmpty() || !needsOperator(ticket.get()) || !ticket.get().departmentId().equals(departmentId)) {
            repository.dequeue(accountId, first.get());
            return Outcome.DROPPED;
        }
        if (assign(accountId, department.get(), ticket.get(), cursor.get().orElse(null)).isPresent()) {
            return Outcome.ASSIGNED;
        }
        repository.postpone(accountId, departmentId, clock.instant().plus(recheckAfter));
        return Outcome.STALLED;
    }

    /** Makes sure the department has the row its assignments lock; in its own short transaction, before serving it. */
    void prepare(String accountId, String departmentId) {
        repository.ensureCursor(accountId, departmentId);
    }

    /** Every department of the account looks at its queue again. */
    void nudge(String accountId) {
        repository.nudge(accountId);
    }

    // Under the department's lock: picks the operator and links them, or answers empty when nobody can take it.
    private Optional<String> assign(String accountId, DepartmentView department, TicketView ticket, String last) {
        List<String> members = departments.listOperators(accountId, department.id()).stream()
                .filter(OperatorView::active).map(OperatorView::id).toList();
        Map<String, Availability> availability = operators.availabilities(accountId, members);
        List<String> online = members.stream().filter(id -> availability.get(id) == Availability.ONLINE).toList();
        Map<String, Long> open = tickets.openTicketsPerOperator(accountId, department.id(), online);
        var chosen = AssignmentRotation.next(department.assignment(), online, open, department.maxOpenPerOperator(), last);
        chosen.ifPresent(operatorId -> {
            try (var acting = Actors.acting(Actor.AUTOMATIC_ASSIGNMENT)) {
                tickets.linkOperator(accountId, ticket.id(), operatorId);
            }
            repository.dequeue(accountId, ticket.id());
            repository.advance(accountId, department.id(), operatorId);
        });
        return chosen;
    }

    private static boolean needsOperator(TicketView ticket) {
        return ticket.operatorId() == null && ticket.situation().isOpen();
    }
}
