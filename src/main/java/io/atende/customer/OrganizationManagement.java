package io.atende.customer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.atende.platform.DeletionVetoes;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations (companies) that customers belong to, arranged in a tree of parents and children. */
@Service
public class OrganizationManagement {

    private final OrganizationRepository repository;
    private final CustomerRepository customers;
    private final ObjectProvider<OrganizationDeletionVeto> vetoes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganizationManagement(OrganizationRepository repository, CustomerRepository customers,
                           ObjectProvider<OrganizationDeletionVeto> vetoes, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.vetoes = vetoes;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates an organization, optionally below a parent (not found if the parent is unknown). Names are
     * unique in the account, ignoring case (refused).
     */
    @Transactional
    public OrganizationView create(String accountId, String name, String parentId) {
        String clean = Inputs.requiredText("name", name, 250);
        var parent = parentId == null ? null : get(accountId, parentId);
        requireFreeName(accountId, clean, null);
        var organization = new OrganizationView(Ids.newId(), clean, parent == null ? null : parent.id(),
                parent == null ? null : parent.name(), clock.instant());
        try {
            repository.insert(accountId, organization);
        } catch (DuplicateKeyException raced) {
            throw new RuleViolationException("organization.name_taken", clean);
        }
        return organization;
    }

    /**
     * Renames an organization or moves it below another parent; a {@code null} name keeps the
     * name, a {@code null} parent change keeps the parent and {@code Change.to(null)} makes it a
     * top-level organization. Not found for unknown ids; refused for a name taken or for a parent that is
     * the organization itself or one of its descendants (the tree would become a cycle).
     */
    @Transactional
    public OrganizationView update(String accountId, String organizationId, String name, Change<String> parentId) {
        var current = get(accountId, organizationId);
        String clean = name == null ? current.name() : Inputs.requiredText("name", name, 250);
        String newParentId = current.parentId();
        String newParentName = current.parentName();
        if (parentId != null) {
            var parent = parentId.value() == null ? null : get(accountId, parentId.value());
            if (parent != null && isSelfOrAncestor(accountId, current.id(), parent.id())) {
                throw new RuleViolationException("organization.parent_cycle");
            }
            newParentId = parent == null ? null : parent.id();
            newParentName = parent == null ? null : parent.name();
        }
        requireFreeName(accountId, clean, current.id());
        try {
            repository.update(accountId, current.id(), clean, newParentId, clock.instant());
        } catch (DuplicateKeyException raced) {
            throw new RuleViolationException("organization.name_taken", clean);
        }
        return new OrganizationView(current.id(), clean, newParentId, newParentName, current.createdAt());
    }

    /**
     * Deletes an organization (not found if unknown). Its customers stay, without an organization, each
     * reported as updated. Refused as a rule violation while it has child organizations (deleting them
     * along would be a surprise; moving them is the caller's choice) or while an SLA policy names it.
     */
    @Transactional
    public void delete(String accountId, String organizationId) {
        var organization = get(accountId, organizationId);
        if (!repository.childrenOf(accountId, List.of(organization.id())).isEmpty()) {
            throw new RuleViolationException("organization.has_children");
        }
        DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.referencesOrganization(accountId, organization.id()), "organization.in_use");
        var members = customers.leaveOrganization(accountId, organization.id(), clock.instant());
        repository.delete(accountId, organization.id());
        members.forEach(customerId -> events.publishEvent(new CustomerUpdated(accountId, customerId)));
    }

    /** The organization, or not found. */
    @Transactional(readOnly = true)
    public OrganizationView get(String accountId, String organizationId) {
        return repository.find(accountId, organizationId)
                .orElseThrow(() -> new NotFoundException("organization.not_found", organizationId));
    }

    /** One page of the account's organizations, by name. */
    @Transactional(readOnly = true)
    public Page<OrganizationView> list(String accountId, PageRequest page) {
        return repository.list(accountId, page);
    }

    /**
     * The ids of the organization and of every organization below it, at any depth (not found if the
     * organization is unknown). Lists filtered "by organization" include the child organizations.
     */
    @Transactional(readOnly = true)
    public Set<String> organizationAndDescendants(String accountId, String organizationId) {
        Set<String> found = new LinkedHashSet<>();
        found.add(get(accountId, organizationId).id());
        List<String> level = List.of(organizationId);
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String child : repository.childrenOf(accountId, level)) {
                // The visited check also ends the walk should concurrent moves ever have closed a cycle.
                if (found.add(child)) {
                    next.add(child);
                }
            }
            level = next;
        }
        return found;
    }

    /** Whether {@code organizationId} is {@code candidateParentId} or one of its ancestors. */
    private boolean isSelfOrAncestor(String accountId, String organizationId, String candidateParentId) {
        Set<String> seen = new HashSet<>();
        String step = candidateParentId;
        while (step != null && seen.add(step)) {
            if (step.equals(organizationId)) {
                return true;
            }
            step = repository.parentOf(accountId, step).orElse(null);
        }
        return false;
    }

    private void requireFreeName(String accountId, String name, String exceptId) {
        if (repository.nameTaken(accountId, name, exceptId)) {
            throw new RuleViolationException("organization.name_taken", name);
        }
    }
}
