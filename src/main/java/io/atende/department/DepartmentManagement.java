package io.atende.department;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atende.audit.AuditTrail;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.AccountCache;
import io.atende.platform.AccountCaches;
import io.atende.platform.DeletionVetoes;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Departments, their ticket categories, and which operators work in each department. */
@Service
public class DepartmentManagement {

    private final DepartmentRepository repository;
    private final OperatorManagement operators;
    private final ObjectProvider<DepartmentDeletionVeto> vetoes;
    private final Clock clock;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final AccountCache<Map<String, DepartmentView>> automatic;

    // Vetoes come from modules that depend on this one; they are looked up when a deletion asks.
    DepartmentManagement(DepartmentRepository repository, OperatorManagement operators, ObjectProvider<DepartmentDeletionVeto> vetoes,
                         Clock clock, AuditTrail audit, ApplicationEventPublisher events, AccountCaches caches) {
        this.audit = audit;
        this.events = events;
        this.automatic = caches.create("department.assignment", repository::automaticDepartments);
        this.repository = repository;
        this.operators = operators;
        this.vetoes = vetoes;
        this.clock = clock;
    }

    /** The largest cap on open tickets per operator a department may set. */
    public static final int MAX_OPEN_PER_OPERATOR = 10_000;

    /** Creates a department whose tickets are assigned by hand; names are unique in the account, ignoring case (refused). */
    @Transactional
    public DepartmentView createDepartment(String accountId, String name) {
        return createDepartment(accountId, name, null, null);
    }

    /**
     * Creates a department; names are unique in the account, ignoring case (refused). A {@code null} assignment is
     * {@link AssignmentMode#MANUAL}; a {@code null} or 0 cap is none.
     */
    @Transactional
    public DepartmentView createDepartment(String accountId, String name, AssignmentMode assignment, Integer maxOpenPerOperator) {
        String clean = Inputs.requiredText("name", name, 250);
        Integer cap = checkedCap(maxOpenPerOperator);
        if (repository.departmentNameTaken(accountId, clean, null)) {
            throw new RuleViolationException("department.name_taken", clean);
        }
        var department = new DepartmentView(Ids.newId(), clean, clock.instant(), assignment, cap);
        repository.insertDepartment(accountId, department);
        audit.record(accountId, "department.created", "department", department.id(), null, audited(department));
        if (department.assignment().automatic()) {
            automatic.changed(accountId);
            events.publishEvent(new DepartmentAssignmentChanged(accountId, department.id(), department.assignment(), cap));
        }
        return department;
    }

    /** Renames a department (not found if unknown, refused if the name is taken). */
    @Transactional
    public DepartmentView renameDepartment(String accountId, String departmentId, String name) {
        return updateDepartment(accountId, departmentId, Inputs.requiredText("name", name, 250), null, null);
    }

    /**
     * Changes a department's name, assignment mode and cap on open tickets per operator; a {@code null} keeps the
     * value, a cap of 0 removes it. Not found if unknown, refused if the name is taken. Publishes
     * {@link DepartmentAssignmentChanged} when the mode or the cap changes.
     */
    @Transactional
    public DepartmentView updateDepartment(String accountId, String departmentId, String name, AssignmentMode assignment,
                                           Integer maxOpenPerOperator) {
        var current = getDepartment(accountId, departmentId);
        String clean = name == null ? current.name() : Inputs.requiredText("name", name, 250);
        Integer cap = maxOpenPerOperator == null ? current.maxOpenPerOperator() : checkedCap(maxOpenPerOperator);
        if (repository.departmentNameTaken(accountId, clean, current.id())) {
            throw new RuleViolationException("department.name_taken", clean);
        }
        var changed = new DepartmentView(current.id(), clean, current.createdAt(),
                assignment == null ? current.assignment() : assignment, cap);
        if (changed.equals(current)) {
            return current;
        }
        repository.updateDepartment(accountId, changed, clock.instant());
        audit.record(accountId, "department.updated", "department", current.id(), audited(current), audited(changed));
        if (changed.assignment() != current.assignment() || !java.util.Objects.equals(changed.maxOpenPerOperator(), current.maxOpenPerOperator())) {
            automatic.changed(accountId);
            events.publishEvent(new DepartmentAssignmentChanged(accountId, changed.id(), changed.assignment(), changed.maxOpenPerOperator()));
        }
        return changed;
    }

    /**
     * The account's departments whose tickets are assigned automatically, by id: the node's copy, read on every
     * ticket opened or finished, so that accounts that assign by hand pay nothing for automatic assignment.
     */
    public Map<String, DepartmentView> automaticDepartments(String accountId) {
        return automatic.get(accountId);
    }

    private static Integer checkedCap(Integer maxOpenPerOperator) {
        if (maxOpenPerOperator == null || maxOpenPerOperator == 0) {
            return null;
        }
        if (maxOpenPerOperator < 0 || maxOpenPerOperator > MAX_OPEN_PER_OPERATOR) {
            throw new InvalidInputException("max_open_per_operator", "parameter.out_of_range", 0, MAX_OPEN_PER_OPERATOR);
        }
        return maxOpenPerOperator;
    }

    private static Map<String, Object> audited(DepartmentView department) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", department.name());
        fields.put("assignment", department.assignment().name());
        fields.put("max_open_per_operator", department.maxOpenPerOperator());
        return fields;
    }

    /**
     * Deletes a department with its categories and memberships; refused while tickets,
     * chats or custom fields reference it or one of its categories.
     */
    @Transactional
    public void deleteDepartment(String accountId, String departmentId) {
        var department = getDepartment(accountId, departmentId);
        var categories = repository.listCategories(accountId, department.id());
        DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.referencesDepartment(accountId, department.id())
                || categories.stream().anyMatch(category -> veto.referencesCategory(accountId, category.id())), "department.in_use");
        repository.deleteDepartment(accountId, department.id());
        if (department.assignment().automatic()) {
            automatic.changed(accountId);
        }
        audit.record(accountId, "department.deleted", "department", department.id(), Map.of("name", department.name()), null);
    }

    private static Map<String, Object> audited(CategoryView category) {
        return Map.of("name", category.name(), "department_id", category.departmentId());
    }

    /** The department, or not found. */
    @Transactional(readOnly = true)
    public DepartmentView getDepartment(String accountId, String departmentId) {
        return repository.findDepartment(accountId, departmentId)
                .orElseThrow(() -> new NotFoundException("department.not_found", departmentId));
    }

    /** Every department of the account, by name. */
    @Transactional(readOnly = true)
    public List<DepartmentView> listDepartments(String accountId) {
        return repository.listDepartments(accountId);
    }

    /** Creates a category in a department (not found for an unknown department, refused for a name taken there). */
    @Transactional
    public CategoryView createCategory(String accountId, String departmentId, String name) {
        var department = getDepartment(accountId, departmentId);
        String clean = Inputs.requiredText("name", name, 250);
        if (repository.categoryNameTaken(accountId, department.id(), clean, null)) {
            throw new RuleViolationException("category.name_taken", clean);
        }
        var category = new CategoryView(Ids.newId(), department.id(), clean, clock.instant());
        repository.insertCategory(accountId, category);
        audit.record(accountId, "category.created", "category", category.id(), null, audited(category));
        return category;
    }

    /** Renames a category or moves it to another department; a {@code null} member keeps its value. */
    @Transactional
    public CategoryView updateCategory(String accountId, String categoryId, String departmentId, String name) {
        var current = getCategory(accountId, categoryId);
        String targetDepartment = departmentId == null ? current.departmentId() : getDepartment(accountId, departmentId).id();
        String clean = name == null ? current.name() : Inputs.requiredText("name", name, 250);
        if (repository.categoryNameTaken(accountId, targetDepartment, clean, current.id())) {
            throw new RuleViolationException("category.name_taken", clean);
        }
        var changed = new CategoryView(current.id(), targetDepartment, clean, current.createdAt());
        repository.updateCategory(accountId, changed, clock.instant());
        audit.record(accountId, "category.updated", "category", changed.id(), audited(current), audited(changed));
        return changed;
    }

    /** Deletes a category; refused while tickets or custom fields reference it. */
    @Transactional
    public void deleteCategory(String accountId, String categoryId) {
        var category = getCategory(accountId, categoryId);
        DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.referencesCategory(accountId, category.id()), "category.in_use");
        repository.deleteCategory(accountId, category.id());
        audit.record(accountId, "category.deleted", "category", category.id(), audited(category), null);
    }

    /** The category, or not found. */
    @Transactional(readOnly = true)
    public CategoryView getCategory(String accountId, String categoryId) {
        return repository.findCategory(accountId, categoryId)
                .orElseThrow(() -> new NotFoundException("category.not_found", categoryId));
    }

    /** The categories of a department (not found if the department is unknown), by name. */
    @Transactional(readOnly = true)
    public List<CategoryView> listCategories(String accountId, String departmentId) {
        return repository.listCategories(accountId, getDepartment(accountId, departmentId).id());
    }

    /** Every category of the account, by name. */
    @Transactional(readOnly = true)
    public List<CategoryView> listAllCategories(String accountId) {
        return repository.listCategories(accountId, null);
    }

    /** Makes the operator a member of the department; refused if they already are. */
    @Transactional
    public void addOperator(String accountId, String departmentId, String operatorId) {
        var department = getDepartment(accountId, departmentId);
        var operator = operators.get(accountId, operatorId);
        if (!repository.addMember(accountId, department.id(), operator.id(), clock.instant())) {
            throw new RuleViolationException("department.operator_already_member");
        }
        audit.record(accountId, "department.operator_added", "department", department.id(), null,
                Map.of("operator_id", operator.id(), "operator_name", operator.name()));
    }

    /** Removes the operator from the department; refused if they are not a member. */
    @Transactional
    public void removeOperator(String accountId, String departmentId, String operatorId) {
        var department = getDepartment(accountId, departmentId);
        var operator = operators.get(accountId, operatorId);
        if (!repository.removeMember(accountId, department.id(), operator.id())) {
            throw new RuleViolationException("department.operator_not_member");
        }
        audit.record(accountId, "department.operator_removed", "department", department.id(),
                Map.of("operator_id", operator.id(), "operator_name", operator.name()), null);
    }

    /** Whether the operator works in the department (tickets may only be linked to members). */
    @Transactional(readOnly = true)
    public boolean isMember(String accountId, String departmentId, String operatorId) {
        return repository.isMember(accountId, departmentId, operatorId);
    }

    /** Those of the operators who work in the department: one read however many are asked about. */
    @Transactional(readOnly = true)
    public Set<String> membersAmong(String accountId, String departmentId, Collection<String> operatorIds) {
        return repository.membersAmong(accountId, departmentId, operatorIds);
    }

    /** The ids of the departments the operator works in. */
    @Transactional(readOnly = true)
    public Set<String> departmentIdsOf(String accountId, String operatorId) {
        return repository.departmentIdsOf(accountId, operatorId);
    }

    /**
     * The departments whose tickets and chats the operator sees: every one for an operator who may see them all
     * (supervisors, admins, custom roles that allow it), their own for the others.
     */
    @Transactional(readOnly = true)
    public DepartmentVisibility visibilityOf(String accountId, OperatorView operator) {
        return operator.may(io.atende.operator.Permission.VIEW_ALL_DEPARTMENTS) ? DepartmentVisibility.ALL
                : DepartmentVisibility.only(repository.departmentIdsOf(accountId, operator.id()));
    }

    /**
     * These departments as a visibility, each checked to be one of the account's: invalid input on {@code parameter}
     * naming the first unknown one. An empty list is every department.
     */
    @Transactional(readOnly = true)
    public DepartmentVisibility visibilityOfDepartments(String accountId, Collection<String> departmentIds, String parameter) {
        if (departmentIds == null || departmentIds.isEmpty()) {
            return DepartmentVisibility.ALL;
        }
        var known = new java.util.HashSet<String>();
        repository.listDepartments(accountId).forEach(department -> known.add(department.id()));
        for (String id : departmentIds) {
            if (!known.contains(id)) {
                throw new InvalidInputException(parameter, "department.unknown", id);
            }
        }
        return DepartmentVisibility.only(departmentIds);
    }

    /** The operators of a department (not found if unknown), by name. */
    @Transactional(readOnly = true)
    public List<OperatorView> listOperators(String accountId, String departmentId) {
        var department = getDepartment(accountId, departmentId);
        return membersByDepartment(accountId, department.id()).getOrDefault(department.id(), List.of());
    }

    /** The operators of every department, by department id, each list by name. */
    @Transactional(readOnly = true)
    public Map<String, List<OperatorView>> listOperatorsOfAllDepartments(String accountId) {
        return membersByDepartment(accountId, null);
    }

    private Map<String, List<OperatorView>> membersByDepartment(String accountId, String departmentId) {
        var pairs = repository.members(accountId, departmentId);
        var operatorsById = operators.findAll(accountId, pairs.stream().map(pair -> pair[1]).distinct().toList());
        Map<String, List<OperatorView>> byDepartment = new LinkedHashMap<>();
        for (var pair : pairs) {
            var operator = operatorsById.get(pair[1]);
            if (operator != null) {
                byDepartment.computeIfAbsent(pair[0], key -> new ArrayList<>()).add(operator);
            }
        }
        byDepartment.values().forEach(list -> list.sort(Comparator.comparing(OperatorView::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(OperatorView::id)));
        return byDepartment;
    }
}
