package io.atende.console.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atende.automation.Action;
import io.atende.automation.ActionJson;
import io.atende.automation.Condition;
import io.atende.automation.ConditionJson;
import io.atende.automation.RuleView;
import io.atende.automation.SaveRule;

import org.springframework.util.MultiValueMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule editor's form as typed: one row per condition and per action, each row a fixed set of inputs so that the
 * browser sends them as parallel lists ({@code c_field}, {@code c_op}, … in row order). The rows become the JSON
 * arrays of docs/automations.md and are read by {@link ConditionJson} and {@link ActionJson}, so the editor refuses
 * exactly what the API refuses, with the same messages.
 */
record RuleForm(String name, List<String> events, String match, boolean active, List<ConditionRow> conditions,
                List<ActionRow> actions) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One condition: {@code fieldId} names the custom field when {@code field} is {@code custom_field}; a value left
     * empty for a department, category, status, operator or organization means "none".
     */
    record ConditionRow(String field, String operator, String value, String fieldId) {

        static ConditionRow blank() {
            return new ConditionRow("department", "is", "", "");
        }
    }

    /**
     * One action and up to four values, as its type uses them: transfer (department, operator), set_custom_field
     * (field, value), email (recipient as {@code operator:<id>}, {@code department:<id>} or {@code address}, the
     * address, subject, text), notify_webhook (subscription, message); every other type only the first.
     */
    record ActionRow(String type, String v1, String v2, String v3, String v4) {

        static ActionRow blank() {
            return new ActionRow("add_tag", "", "", "", "");
        }
    }

    static RuleForm blank(boolean trigger) {
        return new RuleForm("", trigger ? List.of("ticket.created") : List.of(), "all", true, List.of(), List.of(ActionRow.blank()));
    }

    static RuleForm of(RuleView rule) {
        return new RuleForm(rule.name(), rule.events(), rule.matchAll() ? "all" : "any", rule.active(),
                rule.conditions().stream().map(RuleForm::row).toList(), rule.actions().stream().map(RuleForm::row).toList());
    }

    /** The form as the browser sent it; rows are read by position, a missing input as empty. */
    static RuleForm read(MultiValueMap<String, String> given) {
        List<ConditionRow> conditions = new ArrayList<>();
        var fields = list(given, "c_field");
        for (int i = 0; i < fields.size(); i++) {
            conditions.add(new ConditionRow(fields.get(i), at(given, "c_op", i), at(given, "c_value", i), at(given, "c_fid", i)));
        }
        List<ActionRow> actions = new ArrayList<>();
        var types = list(given, "a_type");
        for (int i = 0; i < types.size(); i++) {
            actions.add(new ActionRow(types.get(i), at(given, "a_v1", i), at(given, "a_v2", i), at(given, "a_v3", i),
                    at(given, "a_v4", i)));
        }
        String match = "any".equals(given.getFirst("match")) ? "any" : "all";
        return new RuleForm(text(given.getFirst("name")), list(given, "events"), match, given.containsKey("active"), conditions, actions);
    }

    RuleForm withCondition() {
        var more = new ArrayList<>(conditions);
        more.add(ConditionRow.blank());
        return new RuleForm(name, events, match, active, more, actions);
    }

    RuleForm withAction() {
        var more = new ArrayList<>(actions);
        more.add(ActionRow.blank());
        return new RuleForm(name, events, match, active, conditions, more);
    }

    RuleForm withoutCondition(int index) {
        var fewer = new ArrayList<>(conditions);
        if (index >= 0 && index < fewer.size()) {
            fewer.remove(index);
        }
        return new RuleForm(name, events, match, active, fewer, actions);
    }

    RuleForm withoutAction(int index) {
        var fewer = new ArrayList<>(actions);
        if (index >= 0 && index < fewer.size()) {
            fewer.remove(index);
        }
        return new RuleForm(name, events, match, active, conditions, fewer);
    }

    /** The definition the form describes; invalid, with the API's message, when a row is. */
    SaveRule command(Integer position) {
        return new SaveRule(name, events, match.equals("all"), ConditionJson.parse("conditions", conditionsJson()),
                ActionJson.parse("actions", actionsJson()), position, active);
    }

    String conditionsJson() {
        ArrayNode array = JSON.createArrayNode();
        for (var row : conditions) {
            ObjectNode node = array.addObject();
            node.put("field", text(row.field()));
            node.put("operator", text(row.operator()));
            if ("custom_field".equals(row.field())) {
                node.put("field_id", text(row.fieldId()));
            }
            boolean none = List.of("category", "status", "operator", "organization").contains(row.field());
            if (none && text(row.value()).isEmpty()) {
                node.putNull("value");
            } else {
                node.put("value", text(row.value()));
            }
        }
        return JSON.writeValueAsString(array);
    }

    String actionsJson() {
        ArrayNode array = JSON.createArrayNode();
        for (var row : actions) {
            ObjectNode node = array.addObject();
            String type = text(row.type());
            node.put("type", type);
            switch (type) {
                case "assign_automatically", "close_status" -> { }
                case "transfer" -> {
                    ObjectNode value = node.putObject("value");
                    putIfGiven(value, "department_id", row.v1());
                    putIfGiven(value, "operator_id", row.v2());
                }
                case "set_category" -> {
                    if (text(row.v1()).isEmpty()) {
                        node.putNull("value");
                    } else {
                        node.put("value", text(row.v1()));
                    }
                }
                case "set_custom_field" -> {
                    ObjectNode value = node.putObject("value");
                    putIfGiven(value, "field_id", row.v1());
                    value.put("value", row.v2() == null ? "" : row.v2());
                }
                case "email" -> {
                    ObjectNode value = node.putObject("value");
                    String recipient = text(row.v1());
                    if (recipient.startsWith("operator:")) {
                        value.put("operator_id", recipient.substring("operator:".length()));
                    } else if (recipient.startsWith("department:")) {
                        value.put("department_id", recipient.substring("department:".length()));
                    } else {
                        putIfGiven(value, "address", row.v2());
                    }
                    value.put("subject", row.v3() == null ? "" : row.v3());
                    value.put("text", row.v4() == null ? "" : row.v4());
                }
                case "notify_webhook" -> {
                    ObjectNode value = node.putObject("value");
                    putIfGiven(value, "webhook_id", row.v1());
                    value.put("message", row.v2() == null ? "" : row.v2());
                }
                default -> node.put("value", row.v1() == null ? "" : row.v1());
            }
        }
        return JSON.writeValueAsString(array);
    }

    private static void putIfGiven(ObjectNode node, String name, String value) {
        if (!text(value).isEmpty()) {
            node.put(name, text(value));
        }
    }

    private static ConditionRow row(Condition condition) {
        return new ConditionRow(condition.field(), condition.operator(), condition.value() == null ? "" : condition.value(),
                condition.fieldId() == null ? "" : condition.fieldId());
    }

    private static ActionRow row(Action action) {
        if (action instanceof Action.Transfer transfer) {
            return new ActionRow("transfer", orEmpty(transfer.departmentId()), orEmpty(transfer.operatorId()), "", "");
        } else if (action instanceof Action.SetPriority priority) {
            return one("set_priority", priority.priority().name().toLowerCase(Locale.ROOT));
        } else if (action instanceof Action.SetCategory category) {
            return one("set_category", category.categoryId());
        } else if (action instanceof Action.OpenStatus status) {
            return one("open_status", status.statusId());
        } else if (action instanceof Action.AddTag tag) {
            return one("add_tag", tag.tag());
        } else if (action instanceof Action.RemoveTag tag) {
            return one("remove_tag", tag.tag());
        } else if (action instanceof Action.SetCustomField field) {
            return new ActionRow("set_custom_field", field.fieldId(), orEmpty(field.value()), "", "");
        } else if (action instanceof Action.Reply reply) {
            return one("reply", reply.text());
        } else if (action instanceof Action.Comment comment) {
            return one("comment", comment.text());
        } else if (action instanceof Action.Finish finish) {
            return one("finish", finish.text());
        } else if (action instanceof Action.Email email) {
            return new ActionRow("email", email.operatorId() != null ? "operator:" + email.operatorId()
                    : email.departmentId() != null ? "department:" + email.departmentId() : "address",
                    orEmpty(email.address()), orEmpty(email.subject()), orEmpty(email.text()));
        } else if (action instanceof Action.NotifyWebhook notify) {
            return new ActionRow("notify_webhook", notify.webhookId(), orEmpty(notify.message()), "", "");
        }
        return one(action.type(), "");
    }

    private static ActionRow one(String type, String value) {
        return new ActionRow(type, orEmpty(value), "", "", "");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static List<String> list(MultiValueMap<String, String> given, String name) {
        var values = given.get(name);
        return values == null ? List.of() : values;
    }

    private static String at(MultiValueMap<String, String> given, String name, int index) {
        var values = list(given, name);
        return index < values.size() ? values.get(index) : "";
    }
}
