package io.atende.automation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketChannel;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conditions as a JSON array of {@code {"field": "...", "operator": "...", "value": ...}} in the domain's words
 * (faces translate their codes first). Each field admits only the operators that make sense for it; a refusal
 * names the offending condition as {@code <parameter>[<index>]}.
 */
public final class ConditionJson {

    static final int MAX_CONDITIONS = 50;
    static final int MAX_VALUE = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> IDS = Set.of("department", "category", "status", "operator", "customer", "organization");
    private static final List<String> EQUALITY = List.of("is", "is_not");
    private static final List<String> TEXT = List.of("is", "is_not", "contains", "not_contains");
    private static final List<String> ORDERED = List.of("is", "is_not", "greater_than", "less_than");
    private static final List<String> EVERY = Condition.OPERATORS;
    private static final List<String> TIME = List.of("greater_than", "less_than");

    private ConditionJson() {
    }

    /** The conditions of a JSON array; null or blank text is none. */
    public static List<Condition> parse(String parameter, String json) {
        return RuleJson.parseArray(parameter, json, "conditions", MAX_CONDITIONS, ConditionJson::condition);
    }

    /** The JSON array of the conditions, as {@link #parse} reads it back. */
    public static String format(List<Condition> conditions) {
        ArrayNode array = JSON.createArrayNode();
        for (var condition : conditions) {
            ObjectNode node = array.addObject();
            node.put("field", condition.field());
            if (condition.fieldId() != null) {
                node.put("field_id", condition.fieldId());
            }
            node.put("operator", condition.operator());
            node.put("value", condition.value());
        }
        return JSON.writeValueAsString(array);
    }

    /** The operators a field admits, in the order of {@link Condition#OPERATORS}. */
    public static List<String> operators(String field) {
        if (IDS.contains(field) || field.equals("situation") || field.equals("channel") || field.equals("business_hours")) {
            return EQUALITY;
        }
        return switch (field) {
            case "priority" -> ORDERED;
            case "tag" -> List.of("contains", "not_contains");
            case "subject", "message" -> TEXT;
            case "custom_field" -> EVERY;
            default -> TIME;
        };
    }

    private static Condition condition(String name, JsonNode node) {
        if (node == null || !node.isObject() || node.get("field") == null || !node.get("field").isString()
                || node.get("operator") == null || !node.get("operator").isString()) {
            throw new InvalidInputException(name, "automation.condition_shape");
        }
        for (String member : node.propertyNames()) {
            if (!Set.of("field", "operator", "value", "field_id").contains(member)) {
                throw new InvalidInputException(name, "automation.condition_shape");
            }
        }
        String field = node.get("field").asString().strip().toLowerCase(Locale.ROOT);
        if (!Condition.FIELDS.contains(field)) {
            throw new InvalidInputException(name, "automation.condition_unknown_field", field, String.join(", ", Condition.FIELDS));
        }
        String operator = node.get("operator").asString().strip().toLowerCase(Locale.ROOT);
        var allowed = operators(field);
        if (!allowed.contains(operator)) {
            throw new InvalidInputException(name, "automation.condition_bad_operator", field, operator, String.join(", ", allowed));
        }
        JsonNode given = node.get("value");
        String value = given == null || given.isNull() ? null : given.isValueNode() ? given.asString().strip() : "\u0000";
        if (value != null && (value.equals("\u0000") || !Inputs.hasNoControlCharacters(value) || value.length() > MAX_VALUE)) {
            throw bad(name, field, "\"<text>\"");
        }
        String fieldId = null;
        if (field.equals("custom_field")) {
            JsonNode id = node.get("field_id");
            if (id == null || !id.isString() || id.asString().isBlank() || id.asString().strip().length() > 32) {
                throw bad(name, field, "{\"field_id\": \"...\"}");
            }
            fieldId = id.asString().strip();
        } else if (node.get("field_id") != null) {
            throw new InvalidInputException(name, "automation.condition_shape");
        }
        value = switch (field) {
            case "department", "customer", "business_hours" -> required(name, field, value, "\"<id>\"");
            case "category", "status", "operator", "organization" -> value == null || value.isEmpty() ? null : value;
            case "priority" -> named(name, field, value, Arrays.stream(Priority.values()).map(Enum::name).toList());
            case "situation" -> named(name, field, value, Arrays.stream(Situation.values()).map(Enum::name).toList());
            case "channel" -> named(name, field, value, Arrays.stream(TicketChannel.values()).map(Enum::name).toList());
            case "tag", "subject", "message" -> required(name, field, value, "\"<text>\"");
            case "custom_field" -> value == null ? "" : value;
            default -> {
                String hours = required(name, field, value, "0 … 100000");
                try {
                    double number = Double.parseDouble(hours);
                    if (number < 0 || number > 100_000 || Double.isNaN(number)) {
                        throw bad(name, field, "0 … 100000");
                    }
                } catch (NumberFormatException notNumber) {
                    throw bad(name, field, "0 … 100000");
                }
                yield hours;
            }
        };
        return new Condition(field, operator, fieldId, value);
    }

    private static String required(String name, String field, String value, String expected) {
        if (value == null || value.isEmpty()) {
            throw bad(name, field, expected);
        }
        return value;
    }

    private static String named(String name, String field, String value, List<String> names) {
        String upper = value == null ? null : value.toUpperCase(Locale.ROOT);
        if (upper == null || !names.contains(upper)) {
            throw bad(name, field, String.join(", ", names.stream().map(known -> known.toLowerCase(Locale.ROOT)).toList()));
        }
        return upper.toLowerCase(Locale.ROOT);
    }

    private static InvalidInputException bad(String name, String field, String expected) {
        return new InvalidInputException(name, "automation.condition_bad_value", field, expected);
    }
}
