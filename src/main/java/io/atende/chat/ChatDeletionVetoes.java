package io.atende.chat;

import io.atende.department.DepartmentDeletionVeto;
import io.atende.operator.OperatorDeletionVeto;

import org.springframework.stereotype.Component;

/** Chats keep their people and departments: an operator ever linked to a chat, or a department a chat was in, stays. */
@Component
class ChatDeletionVetoes implements OperatorDeletionVeto, DepartmentDeletionVeto {

    private final ChatRepository repository;

    ChatDeletionVetoes(ChatRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean hasLinkedWork(String accountId, String operatorId) {
        return repository.operatorEverLinked(accountId, operatorId);
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.departmentReferenced(accountId, departmentId);
    }
}
