package io.atende.api.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.automation.Action;
import io.atende.platform.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Actions on the wire: the domain's JSON shape ({@link io.atende.automation.ActionJson}) except that a priority is
 * TomTicket's code 1 to 4 (a name such as {@code high} is accepted too).
 */
final class ActionWires {

    private ActionWires() {
    }

    /** The caller's JSON with priority codes turned into the domain's names; anything else is left for the domain to judge. */
    static String toDomain(JsonMapper json, String parameter, String given) {
        if (given == null || given.isBlank()) {
            return given;
        }
        JsonNode root;
        try {
            root = json.readTree(given);
        } catch (JacksonException malformed) {
            return given;
        }
        if (root == null || !root.isArray()) {
            return given;
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode action = root.get(i);
            if (action instanceof ObjectNode object && object.get("type") != null
                    && "set_priority".equalsIgnoreCase(object.get("type").asString().strip())) {
                JsonNode value = object.get("value");
                if (value != null && (value.isIntegralNumber() || value.isString() && value.asString().strip().matches("\\d{1,9}"))) {
                    String name = parameter + "[" + i + "]";
                    int code = value.isIntegralNumber() ? value.asInt() : Integer.parseInt(value.asString().strip());
                    var priority = TicketWires.priority(code)
                            .orElseThrow(() -> new InvalidInputException(name, "automation.action_bad_value", "set_priority", "1, 2, 3, 4"));
                    object.put("value", priority.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        return json.writeValueAsString(root);
    }

    /** The actions as {@code {type, value}} objects, priorities as codes. */
    static List<Map<String, Object>> render(List<Action> actions) {
        return actions.stream().map(ActionWires::render).toList();
    }

    private static Map<String, Object> render(Action action) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", action.type());
        wire.put("value", value(action));
        return wire;
    }

    private static Object value(Action action) {
        if (action instanceof Action.Transfer transfer) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("department_id", transfer.departmentId());
            value.put("operator_id", transfer.operatorId());
            return value;
        }
        if (action instanceof Action.SetPriority priority) {
            return TicketWires.priorityCode(priority.priority());
        }
        if (action instanceof Action.SetCategory category) {
            return category.categoryId();
        }
        if (action instanceof Action.OpenStatus status) {
            return status.statusId();
        }
        if (action instanceof Action.AddTag tag) {
            return tag.tag();
        }
        if (action instanceof Action.RemoveTag tag) {
            return tag.tag();
        }
        if (action instanceof Action.SetCustomField field) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("field_id", field.fieldId());
            value.put("value", field.value());
            return value;
        }
        if (action instanceof Action.Reply reply) {
            return reply.text();
        }
        if (action instanceof Action.Comment comment) {
            return comment.text();
        }
        if (action instanceof Action.Finish finish) {
            return finish.text();
        }
        if (action instanceof Action.NotifyWebhook notify) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("webhook_id", notify.webhookId());
            value.put("message", notify.message());
            return value;
        }
        if (action instanceof Action.Email email) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (email.operatorId() != null) {
                value.put("operator_id", email.operatorId());
            }
            if (email.departmentId() != null) {
                value.put("department_id", email.departmentId());
            }
            if (email.address() != null) {
                value.put("address", email.address());
            }
            value.put("subject", email.subject());
            value.put("text", email.text());
            return value;
        }
        return null;
    }
}
