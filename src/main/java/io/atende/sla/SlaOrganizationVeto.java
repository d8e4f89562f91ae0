package io.atende.sla;

import io.atende.customer.OrganizationDeletionVeto;

import org.springframework.stereotype.Component;

/** An organization a policy's conditions name stays until the policy no longer names it. */
@Component
class SlaOrganizationVeto implements OrganizationDeletionVeto {

    private final SlaRepository repository;

    SlaOrganizationVeto(SlaRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean referencesOrganization(String accountId, String organizationId) {
        return repository.policyNamesOrganization(accountId, organizationId);
    }
}
