package io.atende.ticket;

import io.atende.customer.CustomerDeletionVeto;
import io.atende.department.DepartmentDeletionVeto;
import io.atende.operator.OperatorDeletionVeto;

import org.springframework.stereotype.Component;

/**
 * Keeps what tickets point at from deletion: an operator who is or was linked to a ticket or wrote in one, a
 * department or category a ticket is in, a custom status any ticket was in, a customer a ticket belongs to.
 */
@Component
class TicketVetoes implements OperatorDeletionVeto, DepartmentDeletionVeto, TicketStatusDeletionVeto, CustomerDeletionVeto {

    private final TicketRepository repository;

    TicketVetoes(TicketRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean hasLinkedWork(String accountId, String operatorId) {
        return repository.operatorEverLinked(accountId, operatorId);
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.referencesDepartment(accountId, departmentId);
    }

    @Override
    public boolean referencesCategory(String accountId, String categoryId) {
        return repository.referencesCategory(accountId, categoryId);
    }

    @Override
    public boolean hasRecords(String accountId, String customerId) {
        return repository.referencesCustomer(accountId, customerId);
    }

    @Override
    public boolean usesStatus(String accountId, String statusId) {
        return repository.usesStatus(accountId, statusId);
    }
}
