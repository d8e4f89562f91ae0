package io.atende.sla;

import io.atende.department.DepartmentDeletionVeto;

import org.springframework.stereotype.Component;

/** A department or category a policy's conditions name stays until the policy no longer names it. */
@Component
class SlaDepartmentVeto implements DepartmentDeletionVeto {

    private final SlaRepository repository;

    SlaDepartmentVeto(SlaRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.policyNamesDepartment(accountId, departmentId);
    }

    @Override
    public boolean referencesCategory(String accountId, String categoryId) {
        return repository.policyNamesCategory(accountId, categoryId);
    }
}
