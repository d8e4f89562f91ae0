package io.atende.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentVisibility;
import io.atende.operator.OperatorManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One action on many tickets at once (the console's selected rows, the API's {@code /ticket/bulk}). Each ticket is
 * changed in a transaction of its own, through the same methods as a change of that ticket alone: a ticket that
 * refuses (finished, not found, another account's) keeps its state and the others are changed. What the action
 * names (operator, department, status) is checked first, so a bad request changes no ticket.
 */
@Service
public class TicketBulkActions {

    /** The most tickets one request acts on (two pages of a queue). */
    public static final int MAX_TICKETS = 100;

    private final TicketManagement tickets;
    private final TicketStatusManagement statuses;
    private final OperatorManagement operators;
    private final DepartmentManagement departments;
    private final TransactionTemplate transactions;

    TicketBulkActions(TicketManagement tickets, TicketStatusManagement statuses, OperatorManagement operators,
                      DepartmentManagement departments, PlatformTransactionManager transactionManager) {
        this.tickets = tickets;
        this.statuses = statuses;
        this.operators = operators;
        this.departments = departments;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Applies the action to each ticket, in the order given (repeated ids once), and says what became of each.
     * Invalid without tickets or with more than {@value #MAX_TICKETS}; not found for an unknown operator, department
     * or status, before any ticket is touched. A ticket outside the departments the asker sees is not found, and so
     * is a transfer to such a department.
     */
    public List<BulkTicketOutcome> apply(String accountId, List<String> ticketIds, BulkTicketAction action,
                                         DepartmentVisibility visibility) {
        Objects.requireNonNull(action, "action");
        Set<String> ids = new LinkedHashSet<>();
        if (ticketIds != null) {
            ticketIds.stream().filter(id -> id != null && !id.isBlank()).map(String::strip).forEach(ids::add);
        }
        if (ids.isEmpty()) {
            throw new InvalidInputException("ticket_id", "parameter.required");
        }
        if (ids.size() > MAX_TICKETS) {
            throw new InvalidInputException("ticket_id", "ticket.bulk_too_many", MAX_TICKETS);
        }
        checkNames(accountId, action);
        if (action instanceof BulkTicketAction.Transfer transfer && !visibility.sees(transfer.departmentId())) {
            throw new NotFoundException("department.not_found", transfer.departmentId());
        }
        List<BulkTicketOutcome> outcomes = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                Boolean changed = transactions.execute(status -> {
                    tickets.requireVisible(accountId, id, visibility);
                    return applyTo(accountId, id, action);
                });
                outcomes.add(new BulkTicketOutcome(id, Boolean.TRUE.equals(changed), null));
            } catch (AtendeException refused) {
                outcomes.add(new BulkTicketOutcome(id, false, refused));
            }
        }
        return outcomes;
    }

    private void checkNames(String accountId, BulkTicketAction action) {
        if (action instanceof BulkTicketAction.Assign assign) {
            operators.get(accountId, assign.operatorId());
        } else if (action instanceof BulkTicketAction.Transfer transfer) {
            departments.getDepartment(accountId, transfer.departmentId());
        } else if (action instanceof BulkTicketAction.Status status && status.statusId() != null) {
            statuses.get(accountId, status.statusId());
        }
    }

    /** The action on one ticket, inside its transaction; whether it changed the ticket. */
    private boolean applyTo(String accountId, String ticketId, BulkTicketAction action) {
        var ticket = tickets.get(accountId, ticketId);
        if (action instanceof BulkTicketAction.Assign assign) {
            if (assign.operatorId().equals(ticket.operatorId())) {
                return false;
            }
            if (ticket.operatorId() == null) {
                tickets.linkOperator(accountId, ticketId, assign.operatorId());
            } else {
                tickets.transfer(accountId, ticketId, null, assign.operatorId());
            }
        } else if (action instanceof BulkTicketAction.Transfer transfer) {
            if (ticket.operatorId() == null) {
                if (transfer.departmentId().equals(ticket.departmentId())) {
                    return false;
                }
                tickets.moveToQueue(accountId, ticketId, transfer.departmentId());
            } else {
                tickets.transfer(accountId, ticketId, transfer.departmentId(), null);
            }
        } else if (action instanceof BulkTicketAction.Status status) {
            if (Objects.equals(status.statusId(), ticket.statusId())) {
                return false;
            }
            if (ticket.statusId() != null) {
                tickets.closeStatus(accountId, ticketId);
            }
            if (status.statusId() != null) {
                tickets.openStatus(accountId, ticketId, status.statusId(), null);
            }
        } else if (action instanceof BulkTicketAction.Tag tag) {
            tickets.addTag(accountId, ticketId, tag.tag());
        } else if (action instanceof BulkTicketAction.ChangePriority priority) {
            if (priority.priority() == ticket.priority()) {
                return false;
            }
            tickets.changePriority(accountId, ticketId, priority.priority());
        } else if (action instanceof BulkTicketAction.Finish finish) {
            tickets.finish(accountId, ticketId, finish.message(), List.of(), null, null);
        }
        return true;
    }
}
