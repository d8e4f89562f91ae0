package io.atende.assignment;

import io.atende.department.DepartmentAssignmentChanged;
import io.atende.department.DepartmentManagement;
import io.atende.operator.Availability;
import io.atende.operator.OperatorAvailabilityChanged;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.ticket.TicketCancelled;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketFinished;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketTransferred;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where automatic assignment hears of its work, inside the transaction of the change: a ticket that arrives without
 * operator in a department that assigns automatically joins its queue (written with the ticket, so that no crash
 * between the commit and the assignment loses it); and what may let waiting tickets through (an operator online, a
 * ticket finished, cancelled or transferred away, a department's mode or cap changed) nudges the account's queues.
 * The assignment itself runs after the commit, in the worker. Accounts whose departments all assign by hand cost
 * one look at the node's copy of their automatic departments.
 */
@Component
class AssignmentListener {

    private final AutomaticAssignment assignment;
    private final AssignmentWorker worker;
    private final DepartmentManagement departments;
    private final TicketManagement tickets;

    AssignmentListener(AutomaticAssignment assignment, AssignmentWorker worker, DepartmentManagement departments, TicketManagement tickets) {
        this.assignment = assignment;
        this.worker = worker;
        this.departments = departments;
        this.tickets = tickets;
    }

    @EventListener
    void on(TicketCreated event) {
        var automatic = departments.automaticDepartments(event.accountId());
        if (automatic.isEmpty()) {
            return;
        }
        var ticket = tickets.get(event.accountId(), event.ticketId());
        if (ticket.operatorId() == null && automatic.containsKey(ticket.departmentId())) {
            assignment.enqueue(event.accountId(), ticket.id(), ticket.departmentId());
            afterCommit(worker::wake);
        }
    }

    @EventListener
    void on(TicketTransferred event) {
        var automatic = departments.automaticDepartments(event.accountId());
        if (automatic.isEmpty()) {
            return;
        }
        if (event.operatorId() == null && automatic.containsKey(event.departmentId())) {
            assignment.enqueue(event.accountId(), event.ticketId(), event.departmentId());
            afterCommit(worker::wake);
        }
        // The ticket left its operator; its own assignments free nobody.
        if (Actors.current().kind() != Actor.Kind.ASSIGNMENT) {
            afterCommit(() -> worker.nudge(event.accountId()));
        }
    }

    @EventListener
    void on(TicketFinished event) {
        slotFreed(event.accountId());
    }

    @EventListener
    void on(TicketCancelled event) {
        slotFreed(event.accountId());
    }

    @EventListener
    void on(OperatorAvailabilityChanged event) {
        if (event.availability() == Availability.ONLINE) {
            afterCommit(() -> worker.nudge(event.accountId()));
        }
    }

    @EventListener
    void on(DepartmentAssignmentChanged event) {
        afterCommit(() -> worker.nudge(event.accountId()));
    }

    private void slotFreed(String accountId) {
        if (!departments.automaticDepartments(accountId).isEmpty()) {
            afterCommit(() -> worker.nudge(accountId));
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
