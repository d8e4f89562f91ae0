package io.atende.automation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.atende.platform.Emails;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Actions as a JSON array of {@code {"type": "...", "value": ...}}, in the domain's own words: a priority is
 * {@code low}, {@code normal}, {@code high} or {@code urgent} (faces translate their own codes before parsing).
 * Macros are stored in this form. A refusal names the offending action as {@code <parameter>[<index>]}.
 */
public final class ActionJson {

    /** Every action type, in the order the documents list them. */
    public static final List<String> TYPES = List.of("transfer", "assign_automatically", "set_priority", "set_category", "open_status",
            "close_status", "add_tag", "remove_tag", "set_custom_field", "reply", "comment", "finish", "email", "notify_webhook");
    static final int MAX_ACTIONS = 50;
    static final int MAX_TEXT = 100_000;
    static final int MAX_TAG = 50;
    static final int MAX_FIELD_VALUE = 10_000;
    static final int MAX_SUBJECT = 250;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ActionJson() {
    }

    /** The actions of a JSON array; null or blank text is no action. */
    public static List<Action> parse(String parameter, String json) {
        return RuleJson.parseArray(parameter, json, "actions", MAX_ACTIONS, ActionJson::action);
    }

    /** The JSON array of the actions, as {@link #parse} reads it back. */
    public static String format(List<Action> actions) {
        ArrayNode array = JSON.createArrayNode();
        for (var action : actions) {
            ObjectNode node = array.addObject();
            node.put("type", action.type());
            if (action instanceof Action.Transfer transfer) {
                ObjectNode value = node.putObject("value");
                if (transfer.departmentId() != null) {
                    value.put("department_id", transfer.departmentId());
                }
                if (transfer.operatorId() != null) {
                    value.put("operator_id", transfer.operatorId());
                }
            } else if (action instanceof Action.SetPriority priority) {
                node.put("value", priority.priority().name().toLowerCase(Locale.ROOT));
            } else if (action instanceof Action.SetCategory category) {
                node.put("value", category.categoryId());
            } else if (action instanceof Action.OpenStatus status) {
                node.put("value", status.statusId());
            } else if (action instanceof Action.CloseStatus || action instanceof Action.AssignAutomatically) {
                node.putNull("value");
            } else if (action instanceof Action.AddTag tag) {
                node.put("value", tag.tag());
            } else if (action instanceof Action.RemoveTag tag) {
                node.put("value", tag.tag());
            } else if (action instanceof Action.SetCustomField field) {
                node.putObject("value").put("field_id", field.fieldId()).put("value", field.value());
            } else if (action instanceof Action.Reply reply) {
                node.put("value", reply.text());
            } else if (action instanceof Action.Comment comment) {
                node.put("value", comment.text());
            } else if (action instanceof Action.Finish finish) {
                node.put("value", finish.text());
            } else if (action instanceof Action.NotifyWebhook notify) {
                node.putObject("value").put("webhook_id", notify.webhookId()).put("message", notify.message());
            } else if (action instanceof Action.Email email) {
                ObjectNode value = node.putObject("value");
                if (email.operatorId() != null) {
                    value.put("operator_id", email.operatorId());
                }
                if (email.departmentId() != null) {
                    value.put("department_id", email.departmentId());
                }
                if (email.address() != null) {
                    value.put("address", email.address());
                }
                value.put("subject", email.subject()).put("text", email.text());
            }
        }
        return JSON.writeValueAsString(array);
    }

    private static Action action(String name, JsonNode node) {
        if (node == null || !node.isObject() || node.get("type") == null || !node.get("type").isString()) {
            throw new InvalidInputException(name, "automation.action_shape");
        }
        for (String member : node.propertyNames()) {
            if (!Set.of("type", "value").contains(member)) {
                throw new InvalidInputException(name, "automation.action_shape");
            }
        }
        String type = node.get("type").asString().strip().toLowerCase(Locale.ROOT);
        JsonNode value = node.get("value");
        return switch (type) {
            case "transfer" -> {
                if (value == null || !value.isObject()) {
                    throw bad(name, type, "{\"department_id\": \"...\", \"operator_id\": \"...\"}");
                }
                String department = id(name, type, value.get("department_id"), true);
                String operator = id(name, type, value.get("operator_id"), true);
                if (department == null && operator == null) {
                    throw bad(name, type, "{\"department_id\": \"...\", \"operator_id\": \"...\"}");
                }
                yield new Action.Transfer(department, operator);
            }
            case "set_priority" -> {
                String priority = value == null || !value.isString() ? null : value.asString().strip().toUpperCase(Locale.ROOT);
                for (var known : Priority.values()) {
                    if (known.name().equals(priority)) {
                        yield new Action.SetPriority(known);
                    }
                }
                throw bad(name, type, "low, normal, high, urgent");
            }
            case "set_category" -> new Action.SetCategory(id(name, type, value, true));
            case "open_status" -> new Action.OpenStatus(id(name, type, value, false));
            case "close_status" -> {
                if (value != null && !value.isNull()) {
                    throw bad(name, type, "null");
                }
                yield new Action.CloseStatus();
            }
            case "assign_automatically" -> {
                if (value != null && !value.isNull()) {
                    throw bad(name, type, "null");
                }
                yield new Action.AssignAutomatically();
            }
            case "add_tag" -> new Action.AddTag(text(name, type, value, MAX_TAG, false));
            case "remove_tag" -> new Action.RemoveTag(text(name, type, value, MAX_TAG, false));
            case "set_custom_field" -> {
                if (value == null || !value.isObject()) {
                    throw bad(name, type, "{\"field_id\": \"...\", \"value\": \"...\"}");
                }
                String field = id(name, type, value.get("field_id"), false);
                JsonNode given = value.get("value");
                String text = given == null || given.isNull() ? "" : given.isValueNode() ? given.asString() : null;
                if (text == null) {
                    throw bad(name, type, "{\"field_id\": \"...\", \"value\": \"...\"}");
                }
                yield new Action.SetCustomField(field, checkedText(name, text, MAX_FIELD_VALUE));
            }
            case "reply" -> new Action.Reply(text(name, type, value, MAX_TEXT, true));
            case "comment" -> new Action.Comment(text(name, type, value, MAX_TEXT, true));
            case "finish" -> new Action.Finish(text(name, type, value, MAX_TEXT, true));
            case "email" -> email(name, type, value);
            case "notify_webhook" -> {
                String expected = "{\"webhook_id\": \"...\", \"message\": \"...\"}";
                if (value == null || !value.isObject()) {
                    throw bad(name, type, expected);
                }
                for (String member : value.propertyNames()) {
                    if (!Set.of("webhook_id", "message").contains(member)) {
                        throw bad(name, type, expected);
                    }
                }
                JsonNode message = value.get("message");
                yield new Action.NotifyWebhook(id(name, type, value.get("webhook_id"), false),
                        message == null || message.isNull() ? "" : message.isString() ? checkedMessage(name, message.asString())
                                : throwBad(name, type, expected));
            }
            default -> throw new InvalidInputException(name, "automation.action_unknown_type", type, String.join(", ", TYPES));
        };
    }

    private static Action.Email email(String name, String type, JsonNode value) {
        String expected = "{\"operator_id\" | \"department_id\" | \"address\": \"...\", \"subject\": \"...\", \"text\": \"...\"}";
        if (value == null || !value.isObject()) {
            throw bad(name, type, expected);
        }
        for (String member : value.propertyNames()) {
            if (!Set.of("operator_id", "department_id", "address", "subject", "text").contains(member)) {
                throw bad(name, type, expected);
            }
        }
        String operator = id(name, type, value.get("operator_id"), true);
        String department = id(name, type, value.get("department_id"), true);
        String address = null;
        JsonNode given = value.get("address");
        if (given != null && !given.isNull()) {
            if (!given.isString() || !Emails.isValid(given.asString().strip())) {
                throw bad(name, type, "\"address\": \"name@example.com\"");
            }
            address = given.asString().strip();
        }
        if ((operator == null ? 0 : 1) + (department == null ? 0 : 1) + (address == null ? 0 : 1) != 1) {
            throw bad(name, type, expected);
        }
        String subject = text(name, type, value.get("subject"), MAX_SUBJECT, true);
        return new Action.Email(operator, department, address, subject, text(name, type, value.get("text"), MAX_TEXT, true));
    }

    private static String checkedMessage(String name, String message) {
        String text = checkedText(name, message, MAX_TEXT);
        Placeholders.check(name, text);
        return text == null ? "" : text;
    }

    private static String throwBad(String name, String type, String expected) {
        throw bad(name, type, expected);
    }

    private static String id(String name, String type, JsonNode value, boolean optional) {
        if ((value == null || value.isNull()) && optional) {
            return null;
        }
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw bad(name, type, "\"<id>\"");
        }
        return checkedText(name, value.asString(), 32);
    }

    private static String text(String name, String type, JsonNode value, int maxLength, boolean placeholders) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw bad(name, type, "\"<text>\"");
        }
        String text = checkedText(name, value.asString(), maxLength);
        if (placeholders) {
            Placeholders.check(name, text);
        }
        return text;
    }

    private static String checkedText(String name, String text, int maxLength) {
        if (!Inputs.hasNoControlCharacters(text)) {
            throw new InvalidInputException(name, "parameter.invalid");
        }
        return Inputs.optionalText(name, text, maxLength);
    }

    private static InvalidInputException bad(String name, String type, String expected) {
        return new InvalidInputException(name, "automation.action_bad_value", type, expected);
    }
}
