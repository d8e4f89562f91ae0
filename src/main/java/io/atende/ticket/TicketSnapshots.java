package io.atende.ticket;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.customer.CustomerManagement;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.webhook.WebhookSubjectSnapshots;

import org.springframework.stereotype.Component;

/** Takes the tickets' snapshots for Standard Webhooks deliveries: about a dozen reads for any number of tickets. */
@Component
class TicketSnapshots implements WebhookSubjectSnapshots {

    private final TicketManagement tickets;
    private final TicketStatusManagement statuses;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;

    TicketSnapshots(TicketManagement tickets, TicketStatusManagement statuses, CustomerManagement customers,
                    DepartmentManagement departments, OperatorManagement operators) {
        this.tickets = tickets;
        this.statuses = statuses;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
    }

    @Override
    public String subjectType() {
        return "ticket";
    }

    @Override
    public Map<String, TicketSnapshot> snapshots(String accountId, Collection<String> subjectIds) {
        // Only lookups that answer "absent" rather than throwing: this runs inside the publishing transaction.
        var details = tickets.findDetails(accountId, subjectIds);
        if (details.isEmpty()) {
            return Map.of();
        }
        Set<String> customerIds = new HashSet<>();
        Set<String> operatorIds = new HashSet<>();
        for (var detail : details) {
            customerIds.add(detail.ticket().customerId());
            operatorIds.addAll(operatorIds(detail));
        }
        var customerViews = customers.findAll(accountId, customerIds);
        var operatorNames = operators.findAll(accountId, operatorIds).values().stream()
                .collect(Collectors.toMap(OperatorView::id, OperatorView::name));
        var departmentNames = departments.listDepartments(accountId).stream()
                .collect(Collectors.toMap(DepartmentView::id, DepartmentView::name));
        Map<String, String> categoryNames = details.stream().anyMatch(detail -> detail.ticket().categoryId() != null)
                ? departments.listAllCategories(accountId).stream().collect(Collectors.toMap(CategoryView::id, CategoryView::name))
                : Map.of();
        var statusNames = statuses.list(accountId).stream().collect(Collectors.toMap(TicketStatusView::id, TicketStatusView::name));
        Map<String, TicketSnapshot> snapshots = new LinkedHashMap<>();
        for (var detail : details) {
            var ticket = detail.ticket();
            Map<String, String> referencedOperators = new LinkedHashMap<>();
            Map<String, String> referencedStatuses = new LinkedHashMap<>();
            operatorIds(detail).forEach(id -> {
                if (operatorNames.containsKey(id)) {
                    referencedOperators.put(id, operatorNames.get(id));
                }
            });
            if (ticket.statusId() != null && statusNames.containsKey(ticket.statusId())) {
                referencedStatuses.put(ticket.statusId(), statusNames.get(ticket.statusId()));
            }
            detail.statuses().forEach(period -> {
                if (statusNames.containsKey(period.statusId())) {
                    referencedStatuses.put(period.statusId(), statusNames.get(period.statusId()));
                }
            });
            snapshots.put(ticket.id(), new TicketSnapshot(ticket, detail.messages(), detail.statuses(), detail.openingFields(),
                    detail.finishFields(), customerViews.get(ticket.customerId()), departmentNames.get(ticket.departmentId()),
                    ticket.categoryId() == null ? null : categoryNames.get(ticket.categoryId()), referencedOperators, referencedStatuses));
        }
        return snapshots;
    }

    private static Set<String> operatorIds(TicketDetail detail) {
        Set<String> ids = new HashSet<>();
        ids.add(detail.ticket().operatorId());
        detail.messages().forEach(message -> ids.add(message.operatorId()));
        detail.statuses().forEach(period -> {
            ids.add(period.startOperatorId());
            ids.add(period.endOperatorId());
        });
        ids.remove(null);
        return ids;
    }
}
