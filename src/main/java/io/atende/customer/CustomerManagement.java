package io.atende.customer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldValue;
import io.atende.customfield.CustomFieldView;
import io.atende.platform.DeletionVetoes;
import io.atende.platform.Emails;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Keys;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers of an account: who they are, how callers name them, their custom field values, and
 * the e-mail blacklist that keeps addresses from opening tickets.
 */
@Service
public class CustomerManagement {

    static final int MAX_TEXT = 250;
    static final int MAX_PHONE = 20;

    private final CustomerRepository customers;
    private final OrganizationManagement organizations;
    private final CustomFieldManagement customFields;
    private final ObjectProvider<CustomerDeletionVeto> vetoes;
    private final ObjectProvider<CustomerMergeParticipant> mergeParticipants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerManagement(CustomerRepository customers, OrganizationManagement organizations, CustomFieldManagement customFields,
                       ObjectProvider<CustomerDeletionVeto> vetoes, ObjectProvider<CustomerMergeParticipant> mergeParticipants,
                       ApplicationEventPublisher events, Clock clock) {
        this.customers = customers;
        this.organizations = organizations;
        this.customFields = customFields;
        this.vetoes = vetoes;
        this.mergeParticipants = mergeParticipants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a customer. Bad values and custom field values (required ones included) are refused
     * as invalid, an unknown organization as not found, an internal id or e-mail address already used in
     * the account as a rule violation.
     */
    @Transactional
    public CustomerView create(String accountId, CreateCustomer command) {
        String internalId = Inputs.requiredText("customer_id", command.internalId(), MAX_TEXT);
        String name = Inputs.requiredText("name", command.name(), MAX_TEXT);
        String email = email(command.email());
        String phone = blankToNull(Inputs.optionalText("phone", command.phone(), MAX_PHONE));
        String portfolioId = blankToNull(Inputs.optionalText("portfolio_id", command.portfolioId(), MAX_TEXT));
        Integer quota = quota(command.monthlyTicketQuota());
        var values = customFields.check(accountId, CustomFieldEntity.CUSTOMER, null, null, command.customFields(), true);
        var organization = blankToNull(command.organizationId()) == null ? null : organizations.get(accountId, command.organizationId().strip());
        if (customers.internalIdTaken(accountId, internalId, null)) {
            throw new RuleViolationException("customer.internal_id_taken", internalId);
        }
        if (email != null && customers.emailTaken(accountId, email, null)) {
            throw new RuleViolationException("customer.email_taken", email);
        }
        var now = clock.instant();
        var customer = new CustomerView(Ids.newId(), internalId, name, email, phone,
                organization == null ? null : organization.id(), organization == null ? null : organization.name(),
                portfolioId, quota, orDefault(command.allowCreateTickets(), true), orDefault(command.emailValidated(), false),
                orDefault(command.active(), true), orDefault(command.accountApproved(), true),
                command.language() == null ? CustomerLanguage.PT_BR : command.language(), now, now);
        try {
            customers.insert(accountId, customer);
        } catch (DuplicateKeyException raced) {
            throw new RuleViolationException("customer.duplicate");
        }
        values.forEach(value -> customers.putCustomFieldValue(accountId, customer.id(), value.fieldId(), value.value()));
        customers.replaceSearchTerms(accountId, customer.id(), SearchTerms.of(name, email, internalId));
        events.publishEvent(new CustomerCreated(accountId, customer.id()));
        return customer;
    }

    /**
     * Changes the given attributes of the customer the lookup names (not found if none). A new internal
     * id may only be given when looking the customer up by e-mail (invalid otherwise); internal ids
     * and e-mail addresses already used by another customer are refused as a rule violation. Custom fields
     * not mentioned keep their values; required ones are not enforced here.
     */
    @Transactional
    public CustomerView update(String accountId, CustomerLookup lookup, UpdateCustomer changes) {
        if (changes.internalId() != null && lookup.by() != CustomerLookup.By.EMAIL) {
            throw new InvalidInputException("internal_id", "customer.internal_id_needs_email_lookup");
        }
        var current = get(accountId, lookup);
        String internalId = changes.internalId() == null ? current.internalId()
                : Inputs.requiredText("internal_id", changes.internalId(), MAX_TEXT);
        String name = changes.name() == null ? current.name() : Inputs.requiredText("name", changes.name(), MAX_TEXT);
        String email = changes.email() == null ? current.email() : email(changes.email().value());
        String phone = changes.phone() == null ? current.phone()
                : blankToNull(Inputs.optionalText("phone", changes.phone().value(), MAX_PHONE));
        String portfolioId = changes.portfolioId() == null ? current.portfolioId()
                : blankToNull(Inputs.optionalText("portfolio_id", changes.portfolioId().value(), MAX_TEXT));
        Integer quota = changes.monthlyTicketQuota() == null ? current.monthlyTicketQuota() : quota(changes.monthlyTicketQuota().value());
        var values = customFields.check(accountId, CustomFieldEntity.CUSTOMER, null, null, changes.customFields(), false);
        String organizationId = current.organizationId();
        String organizationName = current.organizationName();
        if (changes.organizationId() != null) {
            String wanted = blankToNull(changes.organizationId().value());
            var organization = wanted == null ? null : organizations.get(accountId, wanted.strip());
            organizationId = organization == null ? null : organization.id();
            organizationName = organization == null ? null : organization.name();
        }
        if (!internalId.equals(current.internalId()) && customers.internalIdTaken(accountId, internalId, current.id())) {
            throw new RuleViolationException("customer.internal_id_taken", internalId);
        }
        if (email != null && customers.emailTaken(accountId, email, current.id())) {
            throw new RuleViolationException("customer.email_taken", email);
        }
        var changed = new CustomerView(current.id(), internalId, name, email, phone, organizationId, organizationName, portfolioId,
                quota, orDefault(changes.allowCreateTickets(), current.allowCreateTickets()),
                orDefault(changes.emailValidated(), current.emailValidated()), orDefault(changes.active(), current.active()),
                orDefault(changes.accountApproved(), current.accountApproved()),
                changes.language() == null ? current.language() : changes.language(), current.createdAt(), clock.instant());
        try {
            customers.update(accountId, changed);
        } catch (DuplicateKeyException raced) {
            throw new RuleViolationException("customer.duplicate");
        }
        Map<String, String> checked = new HashMap<>();
        values.forEach(value -> checked.put(value.fieldId(), value.value()));
        for (String fieldId : changes.customFields().keySet()) {
            if (checked.containsKey(fieldId)) {
                customers.putCustomFieldValue(accountId, current.id(), fieldId, checked.get(fieldId));
            } else {
                customers.removeCustomFieldValue(accountId, current.id(), fieldId);
            }
        }
        if (!java.util.Objects.equals(io.atende.platform.Keys.of(email), io.atende.platform.Keys.of(current.email()))) {
            customers.clearUndeliverable(accountId, current.id());  // a new address gets its own chance
        }
        customers.replaceSearchTerms(accountId, current.id(), SearchTerms.of(name, email, internalId));
        events.publishEvent(new CustomerUpdated(accountId, current.id()));
        return changed;
    }

    /**
     * Deletes the customer the lookup names (not found if none) with its custom field values and portal
     * access. Refused as a rule violation while any ticket or chat belongs to the customer, unless it was
     * anonymized: conversations keep whose they were until nothing personal is left in them.
     */
    @Transactional
    public void delete(String accountId, CustomerLookup lookup) {
        var customer = get(accountId, lookup);
        if (customers.anonymizedAt(accountId, customer.id()).isEmpty()) {
            DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.hasRecords(accountId, customer.id()), "customer.has_records");
        }
        customers.delete(accountId, customer.id());
        events.publishEvent(new CustomerDeleted(accountId, customer.id()));
    }

    /** Whether the customer's personal data was erased ({@link #anonymize}). */
    @Transactional(readOnly = true)
    public boolean isAnonymized(String accountId, String customerId) {
        return customers.anonymizedAt(accountId, customerId).isPresent();
    }

    /**
     * Merges two records of one person: everything of the customer {@code from} names (its tickets and chats, each
     * moved by its own module) goes to the customer {@code into} names, which keeps its own attributes and takes the
     * custom field values it lacks; then the merged customer is deleted, with its portal access. Not found for either
     * unknown; invalid when both name the same customer.
     */
    @Transactional
    public CustomerView merge(String accountId, CustomerLookup from, CustomerLookup into) {
        var merged = get(accountId, from);
        var kept = get(accountId, into);
        if (merged.id().equals(kept.id())) {
            throw new InvalidInputException("into", "customer.merge_into_itself");
        }
        mergeParticipants.orderedStream().forEach(participant -> participant.moveRecords(accountId, merged.id(), kept.id()));
        Map<String, String> keptValues = new HashMap<>();
        customFields(accountId, kept.id()).forEach(value -> keptValues.put(value.fieldId(), value.value()));
        for (var value : customFields(accountId, merged.id())) {
            if (!keptValues.containsKey(value.fieldId())) {
                customers.putCustomFieldValue(accountId, kept.id(), value.fieldId(), value.value());
            }
        }
        DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.hasRecords(accountId, merged.id()), "customer.has_records");
        customers.delete(accountId, merged.id());
        events.publishEvent(new CustomerDeleted(accountId, merged.id()));
        events.publishEvent(new CustomerUpdated(accountId, kept.id()));
        return kept;
    }

    /** The customer the lookup names, if any. */
    @Transactional(readOnly = true)
    public Optional<CustomerView> find(String accountId, CustomerLookup lookup) {
        if (lookup.value().isEmpty()) {
            return Optional.empty();
        }
        return switch (lookup.by()) {
            case EMAIL -> customers.findByEmail(accountId, lookup.value());
            case ID -> customers.findById(accountId, lookup.value());
            case INTERNAL_ID_OR_ID -> customers.findByInternalId(accountId, lookup.value())
                    .or(() -> Ids.isId(lookup.value()) ? customers.findById(accountId, lookup.value()) : Optional.empty());
        };
    }

    /** The customer the lookup names, or not found. */
    @Transactional(readOnly = true)
    public CustomerView get(String accountId, CustomerLookup lookup) {
        return find(accountId, lookup).orElseThrow(() -> new NotFoundException("customer.not_found", lookup.value()));
    }

    /** The customer with this id (its own 32-hex id, not the internal id), or not found. */
    @Transactional(readOnly = true)
    public CustomerView get(String accountId, String customerId) {
        return customers.findById(accountId, customerId).orElseThrow(() -> new NotFoundException("customer.not_found", customerId));
    }

    /** Whether the lookup names a customer of the account. */
    @Transactional(readOnly = true)
    public boolean exists(String accountId, CustomerLookup lookup) {
        return find(accountId, lookup).isPresent();
    }

    /** The customers among {@code customerIds} that exist in the account, by id. */
    @Transactional(readOnly = true)
    public Map<String, CustomerView> findAll(String accountId, Collection<String> customerIds) {
        return customers.findAll(accountId, customerIds);
    }

    /**
     * One page of the account's customers, oldest first (ties by id). Filtering by an unknown
     * organization is not found; a search longer than 250 characters is invalid.
     */
    @Transactional(readOnly = true)
    public Page<CustomerView> list(String accountId, CustomerFilter filter, PageRequest page) {
        Set<String> organizationIds = filter.organizationId() == null ? null
                : organizations.organizationAndDescendants(accountId, filter.organizationId());
        String search = SearchTerms.fold(Inputs.optionalText("search", filter.search(), MAX_TEXT));
        if (search == null || search.isEmpty()) {
            return customers.list(accountId, organizationIds, null, null, page);
        }
        byte[] from = SearchTerms.bytes(search);
        return customers.list(accountId, organizationIds, from, SearchTerms.upperBound(from), page);
    }

    /**
     * The ids of every customer of the organization or of its child organizations (not found for an
     * unknown organization); for other modules' lists filtered by organization.
     */
    @Transactional(readOnly = true)
    public Set<String> customerIdsInOrganization(String accountId, String organizationId) {
        return customers.idsInOrganizations(accountId, organizations.organizationAndDescendants(accountId, organizationId));
    }

    /** The customer's custom field values, in the order the fields were defined. */
    @Transactional(readOnly = true)
    public List<CustomFieldValue> customFields(String accountId, String customerId) {
        return customFields(accountId, List.of(customerId)).get(customerId);
    }

    /** The custom field values of each of the customers, by customer id (an empty list when a customer has none). */
    @Transactional(readOnly = true)
    public Map<String, List<CustomFieldValue>> customFields(String accountId, Collection<String> customerIds) {
        Map<String, Map<String, String>> stored = new HashMap<>();
        for (String[] row : customers.customFieldValues(accountId, customerIds)) {
            stored.computeIfAbsent(row[0], key -> new HashMap<>()).put(row[1], row[2]);
        }
        var fields = stored.isEmpty() ? List.<CustomFieldView>of()
                : customFields.list(accountId, CustomFieldEntity.CUSTOMER);
        Map<String, List<CustomFieldValue>> byCustomer = new LinkedHashMap<>();
        for (String customerId : customerIds) {
            var own = stored.getOrDefault(customerId, Map.of());
            List<CustomFieldValue> values = new ArrayList<>();
            for (var field : fields) {
                if (own.containsKey(field.id())) {
                    values.add(new CustomFieldValue(field.id(), field.label(), own.get(field.id())));
                }
            }
            byCustomer.put(customerId, List.copyOf(values));
        }
        return byCustomer;
    }

    /**
     * Whether the customer may open tickets: active, allowed to, and with an e-mail address that
     * is not blacklisted. {@code false} for an unknown customer.
     */
    @Transactional(readOnly = true)
    public boolean mayOpenTickets(String accountId, String customerId) {
        return customers.findById(accountId, customerId).filter(customer -> refusal(accountId, customer) == null).isPresent();
    }

    /**
     * The customer the lookup names, when it may open tickets; not found when unknown, refused with the
     * reason when it is inactive, not allowed to open tickets or its e-mail address is blacklisted.
     */
    @Transactional(readOnly = true)
    public CustomerView requireMayOpenTickets(String accountId, CustomerLookup lookup) {
        var customer = get(accountId, lookup);
        String refusal = refusal(accountId, customer);
        if (refusal != null) {
            throw new RuleViolationException(refusal);
        }
        return customer;
    }

    /** Puts an e-mail address on the account's blacklist: invalid if malformed, refused if already there. */
    @Transactional
    public void blacklist(String accountId, String email) {
        String address = Inputs.requiredEmail("email", email);
        if (!customers.blacklist(accountId, Keys.of(address), clock.instant())) {
            throw new RuleViolationException("blacklist.already_listed", address);
        }
    }

    /** Takes an e-mail address off the account's blacklist: invalid if malformed, not found if not there. */
    @Transactional
    public void unblacklist(String accountId, String email) {
        String address = Inputs.requiredEmail("email", email);
        if (!customers.unblacklist(accountId, Keys.of(address))) {
            throw new NotFoundException("blacklist.not_found", address);
        }
    }

    /** One page of the account's blacklist, by address. */
    @Transactional(readOnly = true)
    public Page<BlacklistedAddress> blacklist(String accountId, PageRequest page) {
        return customers.blacklist(accountId, page);
    }

    /** Whether the address is on the account's blacklist, ignoring case; {@code false} for {@code null}. */
    @Transactional(readOnly = true)
    public boolean isBlacklisted(String accountId, String email) {
        return email != null && !email.isBlank() && customers.isBlacklisted(accountId, Keys.of(email));
    }

    private String refusal(String accountId, CustomerView customer) {
        if (!customer.active()) {
            return "customer.inactive";
        }
        if (!customer.allowCreateTickets()) {
            return "customer.tickets_not_allowed";
        }
        if (isBlacklisted(accountId, customer.email())) {
            return "customer.email_blacklisted";
        }
        return null;
    }

    private static String email(String given) {
        String email = blankToNull(given);
        if (email == null) {
            return null;
        }
        email = email.strip();
        if (!Emails.isValid(email)) {
            throw new InvalidInputException("email", "parameter.invalid_email");
        }
        return email;
    }

    private static Integer quota(Integer given) {
        if (given != null && given < 0) {
            throw new InvalidInputException("monthly_ticket_quota", "parameter.out_of_range", 0, Integer.MAX_VALUE);
        }
        return given;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static boolean orDefault(Boolean value, boolean otherwise) {
        return value == null ? otherwise : value;
    }
}
