package io.atende.api.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.automation.Condition;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conditions on the wire: the domain's JSON shape ({@link io.atende.automation.ConditionJson}) except that a
 * priority is TomTicket's code 1 to 4 and a situation its code 0 to 11 (names are accepted too).
 */
final class ConditionWires {

    private ConditionWires() {
    }

    /** The caller's JSON with priority and situation codes turned into the domain's names; the rest is the domain's to judge. */
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
            if (!(root.get(i) instanceof ObjectNode condition) || condition.get("field") == null || !condition.get("field").isString()) {
                continue;
            }
            String field = condition.get("field").asString().strip().toLowerCase(Locale.ROOT);
            JsonNode value = condition.get("value");
            boolean code = value != null && (value.isIntegralNumber() || value.isString() && value.asString().strip().matches("\\d{1,9}"));
            if (!code || !(field.equals("priority") || field.equals("situation"))) {
                continue;
            }
            int number = value.isIntegralNumber() ? value.asInt() : Integer.parseInt(value.asString().strip());
            String name = parameter + "[" + i + "]";
            if (field.equals("priority")) {
                Priority priority = TicketWires.priority(number)
                        .orElseThrow(() -> new InvalidInputException(name, "automation.condition_bad_value", field, "1, 2, 3, 4"));
                condition.put("value", priority.name().toLowerCase(Locale.ROOT));
            } else {
                Situation situation = TicketWires.situation(number)
                        .orElseThrow(() -> new InvalidInputException(name, "automation.condition_bad_value", field, "0 … 11"));
                condition.put("value", situation.name().toLowerCase(Locale.ROOT));
            }
        }
        return json.writeValueAsString(root);
    }

    /** The conditions as {@code {field, operator, value}} objects (with field_id for a custom field), codes for priorities and situations. */
    static List<Map<String, Object>> render(List<Condition> conditions) {
        return conditions.stream().map(condition -> {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("field", condition.field());
            if (condition.fieldId() != null) {
                wire.put("field_id", condition.fieldId());
            }
            wire.put("operator", condition.operator());
            Object value = condition.value();
            if (condition.field().equals("priority")) {
                value = TicketWires.priorityCode(Priority.valueOf(condition.value().toUpperCase(Locale.ROOT)));
            } else if (condition.field().equals("situation")) {
                value = TicketWires.situationCode(Situation.valueOf(condition.value().toUpperCase(Locale.ROOT)));
            } else if (Condition.TIME_FIELDS.contains(condition.field())) {
                value = Double.parseDouble(condition.value());
            }
            wire.put("value", value);
            return wire;
        }).toList();
    }

    /** A ticket's own value as a preview answers it: codes for priorities and situations, a number of hours, else as it is. */
    static Object actual(Condition condition, String actual) {
        if (actual == null) {
            return null;
        }
        if (condition.field().equals("priority")) {
            return TicketWires.priorityCode(Priority.valueOf(actual.toUpperCase(Locale.ROOT)));
        }
        if (condition.field().equals("situation")) {
            return TicketWires.situationCode(Situation.valueOf(actual.toUpperCase(Locale.ROOT)));
        }
        if (Condition.TIME_FIELDS.contains(condition.field())) {
            return Double.parseDouble(actual);
        }
        return actual;
    }
}
