package io.atende.customer;

import java.time.Clock;
import java.util.Objects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldImports;
import io.atende.platform.TableStatistics;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes organizations and customers brought from another help desk under the ids they had there. Meant for an
 * import only: it publishes no event, so no webhook, e-mail or rule learns of them (they are not news, only history
 * moving house), and it checks no more than the database's keys enforce, because the source already did. An object
 * imported again is overwritten with what the source shows now.
 */
@Service
public class CustomerImports {

    private final CustomerRepository customers;
    private final OrganizationRepository organizations;
    private final Clock clock;
    private final TableStatistics statistics;
    private final CustomFieldImports fields;

    CustomerImports(CustomerRepository customers, OrganizationRepository organizations, Clock clock, TableStatistics statistics,
                    CustomFieldImports fields) {
        this.fields = fields;
        this.statistics = statistics;
        this.customers = customers;
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * An organization as the source shows it; {@code parentId} must already be imported (or null).
     *
     * @return whether anything was written (false: the account had it so already)
     */
    @Transactional
    public boolean importOrganization(String accountId, OrganizationView organization) {
        var existing = organizations.find(accountId, organization.id());
        if (existing.isEmpty()) {
            organizations.insert(accountId, organization);
            return true;
        }
        if (existing.get().name().equals(organization.name()) && Objects.equals(existing.get().parentId(), organization.parentId())) {
            return false;
        }
        organizations.update(accountId, organization.id(), organization.name(), organization.parentId(), clock.instant());
        return true;
    }

    /**
     * A customer as the source shows it (its organization already imported); the organization's name is not read.
     *
     * @return whether anything was written (false: the account had the customer so already)
     */
    @Transactional
    public boolean importCustomer(String accountId, CustomerView customer) {
        return importCustomer(accountId, customer, null);
    }

    /**
     * A customer as the source shows it, with its custom field values by field id (null: the source did not show them,
     * leave them be). Values of fields the account does not have are left out; those the customer had of its fields and
     * the source no longer shows are removed.
     *
     * @return whether anything was written (false: the account had the customer and its values so already)
     */
    @Transactional
    public boolean importCustomer(String accountId, CustomerView customer, Map<String, String> fieldValues) {
        var existing = customers.findById(accountId, customer.id());
        boolean changed = existing.isEmpty() || !comparable(existing.get()).equals(comparable(customer));
        if (changed) {
            if (existing.isPresent()) {
                customers.update(accountId, customer);
            } else {
                customers.insert(accountId, customer);
            }
            customers.replaceSearchTerms(accountId, customer.id(), SearchTerms.of(customer.name(), customer.email(), customer.internalId()));
        }
        if (fieldValues != null) {
            Set<String> known = new HashSet<>(fields.ids(accountId, CustomFieldEntity.CUSTOMER));
            Map<String, String> wanted = new HashMap<>();
            fieldValues.forEach((field, value) -> {
                if (known.contains(field) && value != null && !value.isEmpty()) {
                    wanted.put(field, value);
                }
            });
            Map<String, String> had = new HashMap<>();
            customers.customFieldValues(accountId, List.of(customer.id())).forEach(row -> had.put(row[1], row[2]));
            if (!had.equals(wanted)) {
                had.keySet().stream().filter(field -> !wanted.containsKey(field))
                        .forEach(field -> customers.removeCustomFieldValue(accountId, customer.id(), field));
                wanted.forEach((field, value) -> {
                    if (!value.equals(had.get(field))) {
                        customers.putCustomFieldValue(accountId, customer.id(), field, value);
                    }
                });
                changed = true;
            }
        }
        return changed;
    }

    /** The fields an import writes, without those it cannot know (the organization's name) or does not keep (times). */
    private static CustomerView comparable(CustomerView customer) {
        return new CustomerView(customer.id(), customer.internalId(), customer.name(), customer.email(), customer.phone(),
                customer.organizationId(), null, customer.portfolioId(), customer.monthlyTicketQuota(),
                customer.allowCreateTickets(), customer.emailValidated(), customer.active(), customer.accountApproved(),
                customer.language(), null, null);
    }

    /** Refreshes the database's statistics of the tables imports write (after a large import). */
    public void refreshStatistics() {
        statistics.refresh(List.of("organization", "customer", "customer_search_term", "customer_custom_field_value"));
    }
}
