package io.atende.mail;

import io.atende.department.DepartmentDeletionVeto;

import org.springframework.stereotype.Component;

/** A department that reads a mailbox cannot be deleted until the mailbox is moved or removed. */
@Component
class MailboxReferences implements DepartmentDeletionVeto {

    private final MailRepository repository;

    MailboxReferences(MailRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.mailboxInDepartment(accountId, departmentId);
    }
}
