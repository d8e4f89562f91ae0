package io.atende.chat;

import io.atende.customer.CustomerDeletionVeto;
import io.atende.department.DepartmentDeletionVeto;
import io.atende.operator.OperatorDeletionVeto;

import org.springframework.stereotype.Component;

/** Chats keep their people and departments: an operator ever linked to a chat, a customer who chatted, or a department a chat was in, stays. */
@Component
class ChatDeletionVetoes implements OperatorDeletionVeto, DepartmentDeletionVeto, CustomerDeletionVeto {

    private final ChatRepository repository;

    ChatDeletionVetoes(ChatRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean hasLinkedWork(String accountId, String operatorId) {
        return repository.operatorEverLinked(accountId, operatorId);
    }

    @Override
    public boolean hasRecords(String accountId, String customerId) {
        return repository.customerReferenced(accountId, customerId);
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.departmentReferenced(accountId, departmentId);
    }
}
