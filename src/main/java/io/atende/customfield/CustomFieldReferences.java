package io.atende.customfield;

import io.atende.department.DepartmentDeletionVeto;

import org.springframework.stereotype.Component;

/**
 * Keeps departments and categories that custom fields are placed in from being deleted. A bean of
 * its own that needs only the table: {@link CustomFieldManagement} uses the department module's
 * front door, which in turn consults every veto.
 */
@Component
class CustomFieldReferences implements DepartmentDeletionVeto {

    private final CustomFieldRepository repository;

    CustomFieldReferences(CustomFieldRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.referencesDepartment(accountId, departmentId);
    }

    @Override
    public boolean referencesCategory(String accountId, String categoryId) {
        return repository.referencesCategory(accountId, categoryId);
    }
}
