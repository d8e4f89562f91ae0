package io.atende.customer;

import java.util.List;
import java.util.Map;

import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The front door as the ticket, chat and webhook modules use it. */
@ApiTest
@RecordApplicationEvents
class CustomerManagementTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    CustomerManagement customers;

    @Autowired
    OrganizationManagement organizations;

    @Autowired
    ApplicationEvents events;

    String accountId;

    @BeforeEach
    void newAccount() {
        accountId = tenants.create().accountId();
    }

    @Test
    void announcesCreationsAndUpdates() {
        var customer = customers.create(accountId, customer("CRM-1", "ana@example.com"));
        customers.update(accountId, CustomerLookup.byInternalIdOrId("CRM-1"), nameChange("Ana Maria"));

        assertThat(events.stream(CustomerCreated.class)).containsExactly(new CustomerCreated(accountId, customer.id()));
        assertThat(events.stream(CustomerUpdated.class)).containsExactly(new CustomerUpdated(accountId, customer.id()));
    }

    @Test
    void announcesNothingWhenAWriteFails() {
        customers.create(accountId, customer("CRM-1", "ana@example.com"));
        events.clear();

        assertThatThrownBy(() -> customers.create(accountId, customer("CRM-1", null))).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> customers.update(accountId, CustomerLookup.byInternalIdOrId("CRM-1"),
                new UpdateCustomer("CRM-2", null, null, null, null, null, null, null, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> customers.update(accountId, CustomerLookup.byInternalIdOrId("nobody"), nameChange("X")))
                .isInstanceOf(NotFoundException.class);

        assertThat(events.stream(CustomerCreated.class)).isEmpty();
        assertThat(events.stream(CustomerUpdated.class)).isEmpty();
    }

    @Test
    void anActiveCustomerAllowedToOpenTicketsMayOpenThem() {
        var customer = customers.create(accountId, customer("CRM-1", "ana@example.com"));

        assertThat(customers.mayOpenTickets(accountId, customer.id())).isTrue();
        assertThat(customers.requireMayOpenTickets(accountId, CustomerLookup.byId(customer.id())).id()).isEqualTo(customer.id());
    }

    @Test
    void anInactiveCustomerMayNotOpenTickets() {
        var customer = customers.create(accountId, customer("CRM-1", null));
        customers.update(accountId, CustomerLookup.byInternalIdOrId("CRM-1"),
                new UpdateCustomer(null, null, null, null, null, null, null, null, false, null, null, null, null));

        assertThat(customers.mayOpenTickets(accountId, customer.id())).isFalse();
        assertThatThrownBy(() -> customers.requireMayOpenTickets(accountId, CustomerLookup.byId(customer.id())))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refusal -> assertThat(refusal.messageKey()).isEqualTo("customer.inactive"));
    }

    @Test
    void aCustomerNotAllowedToOpenTicketsMayNotOpenThem() {
        var customer = customers.create(accountId, new CreateCustomer("CRM-1", "Ana", null, null, null, null, false,
                null, null, null, null, null, null));

        assertThat(customers.mayOpenTickets(accountId, customer.id())).isFalse();
        assertThatThrownBy(() -> customers.requireMayOpenTickets(accountId, CustomerLookup.byId(customer.id())))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refusal -> assertThat(refusal.messageKey()).isEqualTo("customer.tickets_not_allowed"));
    }

    @Test
    void aCustomerWithABlacklistedAddressMayNotOpenTickets() {
        var customer = customers.create(accountId, customer("CRM-1", "Spam@Example.com"));
        customers.blacklist(accountId, "spam@example.com");

        assertThat(customers.isBlacklisted(accountId, " SPAM@example.com ")).isTrue();
        assertThat(customers.mayOpenTickets(accountId, customer.id())).isFalse();
        assertThatThrownBy(() -> customers.requireMayOpenTickets(accountId, CustomerLookup.byId(customer.id())))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refusal -> assertThat(refusal.messageKey()).isEqualTo("customer.email_blacklisted"));

        customers.unblacklist(accountId, "spam@example.com");
        assertThat(customers.mayOpenTickets(accountId, customer.id())).isTrue();
    }

    @Test
    void anUnknownCustomerMayNotOpenTickets() {
        assertThat(customers.mayOpenTickets(accountId, "0".repeat(32))).isFalse();
        assertThatThrownBy(() -> customers.requireMayOpenTickets(accountId, CustomerLookup.byId("0".repeat(32)))).isInstanceOf(NotFoundException.class);
        assertThat(customers.isBlacklisted(accountId, null)).isFalse();
    }

    @Test
    void findsCustomersByIdOnlyInTheirOwnAccount() {
        var ana = customers.create(accountId, customer("CRM-1", "ana@example.com"));
        var bia = customers.create(accountId, customer("CRM-2", null));
        String otherAccount = tenants.create().accountId();
        var elsewhere = customers.create(otherAccount, customer("CRM-1", null));

        Map<String, CustomerView> found = customers.findAll(accountId, List.of(ana.id(), bia.id(), elsewhere.id()));

        assertThat(found).containsOnlyKeys(ana.id(), bia.id());
        assertThat(found.get(ana.id()).email()).isEqualTo("ana@example.com");
        assertThat(customers.findAll(accountId, List.of())).isEmpty();
        assertThat(customers.get(accountId, ana.id()).internalId()).isEqualTo("CRM-1");
        assertThatThrownBy(() -> customers.get(accountId, elsewhere.id())).isInstanceOf(NotFoundException.class);
        assertThat(customers.find(accountId, CustomerLookup.byEmail("ANA@example.com"))).map(CustomerView::id).contains(ana.id());
        assertThat(customers.find(otherAccount, CustomerLookup.byEmail("ana@example.com"))).isEmpty();
        assertThat(customers.find(accountId, CustomerLookup.byInternalIdOrId(" "))).isEmpty();
    }

    @Test
    void anOrganizationComesWithEveryOrganizationBelowIt() {
        var top = organizations.create(accountId, "Top", null);
        var left = organizations.create(accountId, "Left", top.id());
        var right = organizations.create(accountId, "Right", top.id());
        var deep = organizations.create(accountId, "Deep", left.id());
        var apart = organizations.create(accountId, "Apart", null);

        assertThat(organizations.organizationAndDescendants(accountId, top.id()))
                .containsExactlyInAnyOrder(top.id(), left.id(), right.id(), deep.id());
        assertThat(organizations.organizationAndDescendants(accountId, left.id())).containsExactlyInAnyOrder(left.id(), deep.id());
        assertThat(organizations.organizationAndDescendants(accountId, apart.id())).containsExactly(apart.id());
        String otherAccount = tenants.create().accountId();
        assertThatThrownBy(() -> organizations.organizationAndDescendants(otherAccount, top.id())).isInstanceOf(NotFoundException.class);
    }

    private static CreateCustomer customer(String internalId, String email) {
        return new CreateCustomer(internalId, "Ana", email, null, null, null, null, null, null, null, null, null, null);
    }

    private static UpdateCustomer nameChange(String name) {
        return new UpdateCustomer(null, name, null, null, null, null, null, null, null, null, null, null, null);
    }
}
