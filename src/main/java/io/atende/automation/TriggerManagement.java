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
import io.atende.ticket.TicketChannel;
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

    private final RuleRepository repository;
    private final Actions actions;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final TicketStatusManagement statuses;
    private final CustomFieldManagement customFields;
    private final SlaManagement sla;
    private final AuditTrail audit;
    private final Clock clock;
    private final AccountCache<List<RuleView>> active;
    private final Conditions conditions;

    TriggerManagement(RuleRepository repository, Actions actions, DepartmentManagement departments, OperatorManagement operators,
                      TicketStatusManagement statuses, CustomFieldManagement customFields, SlaManagement sla, AuditTrail audit,
                      Clock clock, AccountCaches caches, Conditions conditions) {
        this.conditions = conditions;
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
                accountId -> repository.list(accountId, RuleKind.TRIGGER).stream().filter(RuleView::active).toList());
    }

    /**
     * Creates a trigger: invalid without a name, without a known event, with a condition or action that is malformed
     * or refers to something the account lacks.
     */
    @Transactional
    public RuleView create(String accountId, SaveRule command) {
        return create(RuleKind.TRIGGER, accountId, command);
    }

    /** Replaces a trigger's definition, checked as on creation; its run counters stay. Not found for an unknown trigger. */
    @Transactional
    public RuleView update(String accountId, String triggerId, SaveRule command) {
        return update(RuleKind.TRIGGER, accountId, triggerId, command);
    }

    @Transactional
    public void delete(String accountId, String triggerId) {
        delete(RuleKind.TRIGGER, accountId, triggerId);
    }

    /** The trigger, or not found. */
    @Transactional(readOnly = true)
    public RuleView get(String accountId, String triggerId) {
        return get(RuleKind.TRIGGER, accountId, triggerId);
    }

    /** Every trigger of the account in position order, with its run counters as they are now. */
    @Transactional(readOnly = true)
    public List<RuleView> list(String accountId) {
        return repository.list(accountId, RuleKind.TRIGGER);
    }

    /**
     * Judges the trigger against the ticket as it is now, as if a change had come through {@code channel}, and changes
     * nothing. Not found for an unknown trigger or ticket.
     */
    @Transactional(readOnly = true)
    public RuleTestResult test(String accountId, String triggerId, String ticketId, TicketChannel channel) {
        return test(RuleKind.TRIGGER, accountId, triggerId, ticketId, channel);
    }

    /** Judges a definition not saved (checked as {@link #create} checks it) against the ticket; changes nothing. */
    @Transactional(readOnly = true)
    public RuleTestResult test(String accountId, SaveRule definition, String ticketId, TicketChannel channel) {
        return test(RuleKind.TRIGGER, accountId, definition, ticketId, channel);
    }

    /**
     * Moves the account's triggers into the order of {@code ids}, which must name each of them once: invalid otherwise,
     * and nothing moves. Each trigger whose position changes is audited as updated.
     */
    @Transactional
    public List<RuleView> reorder(String accountId, List<String> ids) {
        return reorder(RuleKind.TRIGGER, accountId, ids);
    }

    /** Turns a trigger on or off without judging its definition again (one naming something deleted can still be turned off). */
    @Transactional
    public RuleView activate(String accountId, String triggerId, boolean on) {
        return activate(RuleKind.TRIGGER, accountId, triggerId, on);
    }

    RuleTestResult test(RuleKind kind, String accountId, SaveRule definition, String ticketId, TicketChannel channel) {
        var checked = check(kind, accountId, definition);
        return judge(accountId, checked.matchAll(), checked.conditions(), checked.actions(), ticketId, channel);
    }

    RuleTestResult test(RuleKind kind, String accountId, String ruleId, String ticketId, TicketChannel channel) {
        var rule = get(kind, accountId, ruleId);
        return judge(accountId, rule.matchAll(), rule.conditions(), rule.actions(), ticketId, channel);
    }

    private RuleTestResult judge(String accountId, boolean matchAll, List<Condition> given, List<Action> actions, String ticketId,
                                 TicketChannel channel) {
        if (ticketId == null || ticketId.isBlank()) {
            throw new InvalidInputException("ticket_id", "parameter.required");
        }
        var facts = conditions.facts(accountId, ticketId.strip(), channel, clock.instant());
        List<RuleTestResult.ConditionResult> results = new ArrayList<>();
        for (var condition : given) {
            var judged = conditions.judge(accountId, condition, facts);
            results.add(new RuleTestResult.ConditionResult(condition, judged.holds(), judged.actual()));
        }
        boolean matches = results.isEmpty() || (matchAll ? results.stream().allMatch(RuleTestResult.ConditionResult::holds)
                : results.stream().anyMatch(RuleTestResult.ConditionResult::holds));
        var ticket = facts.ticket().ticket();
        return new RuleTestResult(ticket.id(), ticket.protocol(), matchAll, matches, results, actions);
    }

    List<RuleView> reorder(RuleKind kind, String accountId, List<String> ids) {
        var existing = repository.list(accountId, kind);
        var given = ids == null ? List.<String>of() : ids.stream().map(String::strip).toList();
        if (given.size() != existing.size() || given.stream().distinct().count() != given.size()
                || !existing.stream().map(RuleView::id).collect(Collectors.toSet()).containsAll(given)) {
            throw new InvalidInputException("order", "automation.reorder_mismatch", existing.size());
        }
        Map<String, RuleView> byId = existing.stream().collect(Collectors.toMap(RuleView::id, rule -> rule));
        List<RuleView> reordered = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < given.size(); i++) {
            var rule = byId.get(given.get(i));
            int position = i + 1;
            if (rule.position() != position) {
                var moved = new RuleView(rule.id(), rule.name(), rule.events(), rule.matchAll(), rule.conditions(), rule.actions(),
                        position, rule.active(), rule.createdAt(), now, rule.runCount(), rule.failureCount(), rule.lastRunAt(),
                        rule.lastFailureAt(), rule.lastError());
                repository.update(accountId, moved);
                audit.record(accountId, kind.stored() + ".updated", kind.stored(), rule.id(), Map.of("position", rule.position()),
                        Map.of("position", position));
                rule = moved;
            }
            reordered.add(rule);
        }
        active.changed(accountId);
        return reordered;
    }

    RuleView activate(RuleKind kind, String accountId, String ruleId, boolean on) {
        var rule = get(kind, accountId, ruleId);
        if (rule.active() == on) {
            return rule;
        }
        var changed = new RuleView(rule.id(), rule.name(), rule.events(), rule.matchAll(), rule.conditions(), rule.actions(),
                rule.position(), on, rule.createdAt(), clock.instant(), rule.runCount(), rule.failureCount(), rule.lastRunAt(),
                rule.lastFailureAt(), rule.lastError());
        repository.update(accountId, changed);
        audit.record(accountId, kind.stored() + ".updated", kind.stored(), rule.id(), Map.of("active", rule.active()),
                Map.of("active", on));
        active.changed(accountId);
        return changed;
    }

    RuleView create(RuleKind kind, String accountId, SaveRule command) {
        var checked = check(kind, accountId, command);
        Instant now = clock.instant();
        int position = checked.position() == null ? repository.nextPosition(accountId, kind) : checked.position();
        var rule = new RuleView(Ids.newId(), checked.name(), checked.events(), checked.matchAll(), checked.conditions(),
                checked.actions(), position, checked.active(), now, now, 0, 0, null, null, null);
        repository.insert(accountId, kind, rule);
        audit.record(accountId, kind.stored() + ".created", kind.stored(), rule.id(), null, audited(kind, rule));
        active.changed(accountId);
        return rule;
    }

    RuleView update(RuleKind kind, String accountId, String ruleId, SaveRule command) {
        var existing = get(kind, accountId, ruleId);
        var checked = check(kind, accountId, command);
        var rule = new RuleView(existing.id(), checked.name(), checked.events(), checked.matchAll(), checked.conditions(),
                checked.actions(), checked.position() == null ? existing.position() : checked.position(), checked.active(),
                existing.createdAt(), clock.instant(), existing.runCount(), existing.failureCount(), existing.lastRunAt(),
                existing.lastFailureAt(), existing.lastError());
        repository.update(accountId, rule);
        audit.record(accountId, kind.stored() + ".updated", kind.stored(), rule.id(), audited(kind, existing), audited(kind, rule));
        active.changed(accountId);
        return rule;
    }

    void delete(RuleKind kind, String accountId, String ruleId) {
        var rule = get(kind, accountId, ruleId);
        repository.delete(accountId, rule.id());
        audit.record(accountId, kind.stored() + ".deleted", kind.stored(), rule.id(), audited(kind, rule), null);
        active.changed(accountId);
    }

    RuleView get(RuleKind kind, String accountId, String ruleId) {
        String parameter = kind.stored() + "_id";
        if (ruleId == null || ruleId.isBlank()) {
            throw new InvalidInputException(parameter, "parameter.required");
        }
        return repository.find(accountId, kind, ruleId.strip())
                .orElseThrow(() -> new NotFoundException("automation." + kind.stored() + "_not_found", ruleId.strip()));
    }

    /** The account's active triggers in position order, from the node's copy. */
    List<RuleView> active(String accountId) {
        return active.get(accountId);
    }

    private static Map<String, Object> audited(RuleKind kind, RuleView trigger) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", trigger.name());
        if (kind == RuleKind.TRIGGER) {
            fields.put("events", String.join(",", trigger.events()));
        }
        fields.put("match", trigger.matchAll() ? "all" : "any");
        fields.put("conditions", ConditionJson.format(trigger.conditions()));
        fields.put("actions", ActionJson.format(trigger.actions()));
        fields.put("position", trigger.position());
        fields.put("active", trigger.active());
        return fields;
    }

    private SaveRule check(RuleKind kind, String accountId, SaveRule command) {
        String name = Inputs.requiredText("name", command.name(), MAX_NAME);
        if (kind == RuleKind.AUTOMATION) {
            command = new SaveRule(command.name(), List.of(), command.matchAll(), command.conditions(), command.actions(),
                    command.position(), command.active());
        } else if (command.events() == null || command.events().isEmpty()) {
            throw new InvalidInputException("events", "parameter.required");
        }
        List<String> events = new ArrayList<>();
        for (String given : command.events()) {
            String event = given.strip().toLowerCase(Locale.ROOT);
            if (!RuleView.EVENTS.contains(event)) {
                throw new InvalidInputException("events", "automation.trigger_unknown_event", event, String.join(", ", RuleView.EVENTS));
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
        return new SaveRule(name, List.copyOf(events), command.matchAll(), conditions, given, command.position(), command.active());
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
