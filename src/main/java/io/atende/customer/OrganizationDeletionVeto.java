package io.atende.customer;

/**
 * Implemented by modules whose records name an organization in their configuration (SLA policies);
 * such an organization cannot be deleted until they stop naming it.
 */
public interface OrganizationDeletionVeto {

    /** Whether anything in this module names the organization. */
    boolean referencesOrganization(String accountId, String organizationId);
}
