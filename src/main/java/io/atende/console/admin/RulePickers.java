package io.atende.console.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.automation.Action;
import io.atende.automation.Condition;
import io.atende.automation.RuleTestResult;
import io.atende.console.ConsoleMessages;
import io.atende.customer.OrganizationManagement;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.PageRequest;
import io.atende.sla.SlaManagement;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketStatusManagement;
import io.atende.webhook.WebhookManagement;

import org.springframework.stereotype.Component;

/**
 * What the rule editor offers to choose from, read from the account once per page (departments, categories, statuses,
 * operators, organizations, calendars, custom fields, webhooks, and the fixed priorities, situations and channels),
 * and how a rule's parts read in the page's language.
 */
@Component
class RulePickers {

    private static final int MAX = 1000;
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    private static final List<String> CHANNELS = List.of("api", "email", "console", "portal", "widget", "chat", "other");

    private final DepartmentManagement departments;
    private final TicketStatusManagement statuses;
    private final OperatorManagement operators;
    private final OrganizationManagement organizations;
    private final SlaManagement sla;
    private final CustomFieldManagement customFields;
    private final WebhookManagement webhooks;
    private final ConsoleMessages messages;

    RulePickers(DepartmentManagement departments, TicketStatusManagement statuses, OperatorManagement operators,
                OrganizationManagement organizations, SlaManagement sla, CustomFieldManagement customFields, WebhookManagement webhooks,
                ConsoleMessages messages) {
        this.departments = departments;
        this.statuses = statuses;
        this.operators = operators;
        this.organizations = organizations;
        this.sla = sla;
        this.customFields = customFields;
        this.webhooks = webhooks;
        this.messages = messages;
    }

    /** A choice in a picker. */
    record Option(String value, String label) {
    }

    /** The account's choices by picker name, with the words of the page's language. */
    record Choices(Map<String, List<Option>> lists, Map<String, String> names, Locale locale) {

        public List<Option> of(String picker) {
            return lists.getOrDefault(picker, List.of());
        }

        public String name(String id) {
            return id == null ? null : names.getOrDefault(id, id);
        }
    }

    Choices choices(String accountId, Locale locale) {
        Map<String, List<Option>> lists = new LinkedHashMap<>();
        var allDepartments = departments.listDepartments(accountId);
        Map<String, String> departmentNames = new LinkedHashMap<>();
        allDepartments.forEach(department -> departmentNames.put(department.id(), department.name()));
        lists.put("department", allDepartments.stream().map(d -> new Option(d.id(), d.name())).toList());
        lists.put("category", departments.listAllCategories(accountId).stream()
                .map(c -> new Option(c.id(), departmentNames.getOrDefault(c.departmentId(), "?") + " › " + c.name())).toList());
        lists.put("status", statuses.list(accountId).stream().map(s -> new Option(s.id(), s.name())).toList());
        lists.put("operator", operators.list(accountId, new PageRequest(1, MAX)).items().stream()
                .map(o -> new Option(o.id(), o.name())).toList());
        lists.put("organization", organizations.list(accountId, new PageRequest(1, MAX)).items().stream()
                .map(o -> new Option(o.id(), o.name())).toList());
        lists.put("business_hours", sla.listCalendars(accountId).stream().map(c -> new Option(c.id(), c.name())).toList());
        lists.put("custom_field", customFields.list(accountId, CustomFieldEntity.TICKET).stream()
                .map(f -> new Option(f.id(), f.label())).toList());
        lists.put("webhook", webhooks.list(accountId, new PageRequest(1, MAX)).items().stream()
                .map(w -> new Option(w.id(), w.url())).toList());
        lists.put("priority", PRIORITIES.stream()
                .map(p -> new Option(p, messages.text("admin.priority." + p.toUpperCase(Locale.ROOT), locale))).toList());
        lists.put("situation", java.util.Arrays.stream(Situation.values())
                .map(s -> new Option(s.name().toLowerCase(Locale.ROOT), messages.text("desk.situation." + s.name(), locale))).toList());
        lists.put("channel", CHANNELS.stream()
                .map(c -> new Option(c, messages.text("reports.channel." + c.toUpperCase(Locale.ROOT), locale))).toList());
        List<Option> recipients = new ArrayList<>();
        lists.get("operator").forEach(o -> recipients.add(new Option("operator:" + o.value(), o.label())));
        lists.get("department").forEach(d -> recipients.add(new Option("department:" + d.value(),
                messages.text("rules.recipient.department", locale, d.label()))));
        recipients.add(new Option("address", messages.text("rules.recipient.address", locale)));
        lists.put("recipient", recipients);
        Map<String, String> names = new LinkedHashMap<>();
        lists.values().forEach(options -> options.forEach(option -> names.putIfAbsent(option.value(), option.label())));
        return new Choices(lists, names, locale);
    }

    /** A condition as a sentence's parts: what it looks at, how it compares, and to what. */
    record ConditionText(String field, String operator, String value) {
    }

    ConditionText describe(Condition condition, Choices choices) {
        String field = condition.field().equals("custom_field")
                ? messages.text("rules.field.custom_field_named", choices.locale(), choices.name(condition.fieldId()))
                : messages.text("rules.field." + condition.field(), choices.locale());
        return new ConditionText(field, messages.text("rules.op." + condition.operator(), choices.locale()),
                value(condition.field(), condition.value(), choices));
    }

    /** A value of a condition's field (the rule's or the ticket's) in words: names for ids, labels for codes. */
    String value(String field, String value, Choices choices) {
        Locale locale = choices.locale();
        if (value == null || value.isEmpty()) {
            return messages.text("rules.none", locale);
        }
        return switch (field) {
            case "priority", "situation", "channel", "department", "category", "status", "operator", "organization" ->
                    choices.name(value);
            case "business_hours" -> value.equals("inside") || value.equals("outside")
                    ? messages.text("rules." + value, locale) : choices.name(value);
            case "hours_since_created", "hours_since_customer_reply", "hours_since_operator_reply", "hours_in_situation",
                 "hours_since_sla_breach" -> messages.text("rules.hours", locale, value);
            default -> value;
        };
    }

    /** A condition judged for the preview: the condition in words, whether it held and the ticket's value in words. */
    record JudgedText(ConditionText condition, boolean holds, String actual) {
    }

    List<JudgedText> judged(RuleTestResult result, Choices choices) {
        return result.conditions().stream().map(judged -> new JudgedText(describe(judged.condition(), choices), judged.holds(),
                value(judged.condition().field(), judged.actual(), choices))).toList();
    }

    /** An action in words: what it does and with what. */
    record ActionText(String type, String value) {
    }

    ActionText describe(Action action, Choices choices) {
        Locale locale = choices.locale();
        String value;
        if (action instanceof Action.Transfer transfer) {
            value = String.join(", ", java.util.stream.Stream.of(choices.name(transfer.departmentId()),
                    choices.name(transfer.operatorId())).filter(java.util.Objects::nonNull).toList());
        } else if (action instanceof Action.SetPriority priority) {
            value = choices.name(priority.priority().name().toLowerCase(Locale.ROOT));
        } else if (action instanceof Action.SetCategory category) {
            value = category.categoryId() == null ? messages.text("rules.none", locale) : choices.name(category.categoryId());
        } else if (action instanceof Action.OpenStatus status) {
            value = choices.name(status.statusId());
        } else if (action instanceof Action.AddTag tag) {
            value = tag.tag();
        } else if (action instanceof Action.RemoveTag tag) {
            value = tag.tag();
        } else if (action instanceof Action.SetCustomField field) {
            value = choices.name(field.fieldId()) + " = " + field.value();
        } else if (action instanceof Action.Reply reply) {
            value = reply.text();
        } else if (action instanceof Action.Comment comment) {
            value = comment.text();
        } else if (action instanceof Action.Finish finish) {
            value = finish.text();
        } else if (action instanceof Action.Email email) {
            String to = email.operatorId() != null ? choices.name(email.operatorId())
                    : email.departmentId() != null ? choices.name(email.departmentId()) : email.address();
            value = to + ": " + email.subject();
        } else if (action instanceof Action.NotifyWebhook notify) {
            value = choices.name(notify.webhookId());
        } else {
            value = "";
        }
        return new ActionText(messages.text("rules.action." + action.type(), locale), value);
    }
}
