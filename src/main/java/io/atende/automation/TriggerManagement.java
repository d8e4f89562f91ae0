package io.atende.automation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.audit.AuditTrail;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.platform.AccountCache;
import io.atende.platform.AccountCaches;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.sla.CalendarView;
import io.atende.sla.SlaManagement;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketStatusView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triggers: rules that apply actions to a ticket when one of its events happens and the rule's conditions hold.
 * Administration is recorded in the audit log; the active triggers are read from a per-node cache on every ticket
 * event, dropped on every node when one of them changes.
 */
@Service
public class TriggerManagement {

    static final int MAX_NAME = 250;
    static final int MAX_POSITION = 1_000_000;

    private final TriggerRepository repository;
    private final Actions actions;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final TicketStatusManagement statuses;
    private final CustomFieldManagement customFields;
    private final SlaManagement sla;
    private final AuditTrail audit;
    private final Clock clock;
    private final AccountCache<List<TriggerView>> active;

    TriggerManagement(TriggerRepository repository, Actions actions, DepartmentManagement departments, OperatorManagement operators,
                      TicketStatusManagement statuses, CustomFieldManagement customFields, SlaManagement sla, AuditTrail audit,
                      Clock clock, AccountCaches caches) {
        this.repository = repository;
        this.actions = actions;
        this.departments = departments;
        this.operators = operators;
        this.statuses = statuses;
        this.customFields = customFields;
        this.sla = sla;
        this.audit = audit;
        this.clock = clock;
        this.active = caches.create("automation.triggers",
                accountId -> repository.list(accountId).stream().filter(TriggerView::active).toList());
    }

    /**
     * Creates a trigger: invalid without a name, without a known event, with a condition or action that is malformed
     * or refers to something the account lacks.
     */
    @Transactional
    public TriggerView create(String accountId, SaveTrigger command) {
        var checked = check(accountId, command);
        Instant now = clock.instant();
        int position = checked.position() == null ? repository.nextPosition(accountId) : checked.position();
        var trigger = new TriggerView(Ids.newId(), checked.name(), checked.events(), checked.matchAll(), checked.conditions(),
                checked.actions(), position, checked.active(), now, now, 0, 0, null, null, null);
        repository.insert(accountId, trigger);
        audit.record(accountId, "trigger.created", "trigger", trigger.id(), null, audited(trigger));
        active.changed(accountId);
        return trigger;
    }

    /** Replaces a trigger's definition, checked as on creation; its run counters stay. Not found for an unknown trigger. */
    @Transactional
    public TriggerView update(String accountId, String triggerId, SaveTrigger command) {
        var existing = get(accountId, triggerId);
        var checked = check(accountId, command);
        var trigger = new TriggerView(existing.id(), checked.name(), checked.events(), checked.matchAll(), checked.conditions(),
                checked.actions(), checked.position() == null ? existing.position() : checked.position(), checked.active(),
                existing.createdAt(), clock.instant(), existing.runCount(), existing.failureCount(), existing.lastRunAt(),
                existing.lastFailureAt(), existing.lastError());
        repository.update(accountId, trigger);
        audit.record(accountId, "trigger.updated", "trigger", trigger.id(), audited(existing), audited(trigger));
        active.changed(accountId);
        return trigger;
    }

    @Transactional
    public void delete(String accountId, String triggerId) {
        var trigger = get(accountId, triggerId);
        repository.delete(accountId, trigger.id());
        audit.record(accountId, "trigger.deleted", "trigger", trigger.id(), audited(trigger), null);
        active.changed(accountId);
    }

    /** The trigger, or not found. */
    @Transactional(readOnly = true)
    public TriggerView get(String accountId, String triggerId) {
        if (triggerId == null || triggerId.isBlank()) {
            throw new InvalidInputException("trigger_id", "parameter.required");
        }
        return repository.find(accountId, triggerId.strip())
                .orElseThrow(() -> new NotFoundException("automation.trigger_not_found", triggerId.strip()));
    }

    /** Every trigger of the account in position order, with its run counters as they are now. */
    @Transactional(readOnly = true)
    public List<TriggerView> list(String accountId) {
        return repository.list(accountId);
    }

    /** The account's active triggers in position order, from the node's copy. */
    List<TriggerView> active(String accountId) {
        return active.get(accountId);
    }

    private static Map<String, Object> audited(TriggerView trigger) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", trigger.name());
        fields.put("events", String.join(",", trigger.events()));
        fields.put("match", trigger.matchAll() ? "all" : "any");
        fields.put("conditions", ConditionJson.format(trigger.conditions()));
        fields.put("actions", ActionJson.format(trigger.actions()));
        fields.put("position", trigger.position());
        fields.put("active", trigger.active());
        return fields;
    }

    private SaveTrigger check(String accountId, SaveTrigger command) {
        String name = Inputs.requiredText("name", command.name(), MAX_NAME);
        if (command.events() == null || command.events().isEmpty()) {
            throw new InvalidInputException("events", "parameter.required");
        }
        List<String> events = new ArrayList<>();
        for (String given : command.events()) {
            String event = given.strip().toLowerCase(Locale.ROOT);
            if (!TriggerView.EVENTS.contains(event)) {
                throw new InvalidInputException("events", "automation.trigger_unknown_event", event, String.join(", ", TriggerView.EVENTS));
            }
            if (!events.contains(event)) {
                events.add(event);
            }
        }
        var given = command.actions() == null ? List.<Action>of() : command.actions();
        if (given.isEmpty()) {
            throw new InvalidInputException("actions", "automation.rule_without_actions");
        }
        if (command.position() != null && (command.position() < 1 || command.position() > MAX_POSITION)) {
            throw new InvalidInputException("position", "automation.position_range", MAX_POSITION);
        }
        var conditions = command.conditions() == null ? List.<Condition>of() : command.conditions();
        checkReferences(accountId, "conditions", conditions);
        actions.checkReferences(accountId, "actions", given);
        return new SaveTrigger(name, List.copyOf(events), command.matchAll(), conditions, given, command.position(), command.active());
    }

    /** Refuses a condition naming a department, category, status, operator, custom field or calendar the account lacks. */
    void checkReferences(String accountId, String parameter, List<Condition> conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            var condition = conditions.get(i);
            String id = condition.field().equals("custom_field") ? condition.fieldId() : condition.value();
            if (id == null) {
                continue;
            }
            Set<String> ids = switch (condition.field()) {
                case "department" -> departments.listDepartments(accountId).stream().map(DepartmentView::id).collect(Collectors.toSet());
                case "category" -> departments.listAllCategories(accountId).stream().map(CategoryView::id).collect(Collectors.toSet());
                case "status" -> statuses.list(accountId).stream().map(TicketStatusView::id).collect(Collectors.toSet());
                case "operator" -> operators.findAll(accountId, List.of(id)).keySet();
                case "custom_field" -> customFields.list(accountId, CustomFieldEntity.TICKET).stream().map(CustomFieldView::id)
                        .collect(Collectors.toSet());
                case "business_hours" -> sla.listCalendars(accountId).stream().map(CalendarView::id).collect(Collectors.toSet());
                default -> null;
            };
            if (ids != null && !ids.contains(id)) {
                throw new InvalidInputException(parameter + "[" + i + "]", "automation.condition_unknown_reference",
                        condition.field(), id);
            }
        }
    }
}
