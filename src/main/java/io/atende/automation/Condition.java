package io.atende.automation;

import java.util.List;

/**
 * One test a rule makes of a ticket: {@code {"field": "...", "operator": "...", "value": ...}}, plus {@code field_id}
 * for a custom field. Values are in the domain's words (priorities and situations by name, ids as they are); a
 * {@code null} value for a department, category, status, operator or organization means "none".
 */
public record Condition(String field, String operator, String fieldId, String value) {

    /** Every field, in the order the documents list them. */
    public static final List<String> FIELDS = List.of("department", "category", "priority", "situation", "status", "operator",
            "customer", "organization", "tag", "channel", "subject", "message", "custom_field", "business_hours",
            "hours_since_created", "hours_since_customer_reply", "hours_since_operator_reply", "hours_in_situation",
            "hours_since_sla_breach");

    /** Every operator. */
    public static final List<String> OPERATORS = List.of("is", "is_not", "contains", "not_contains", "greater_than", "less_than");

    /** The fields that measure time, judged against the clock: what time-based automations are made of. */
    public static final List<String> TIME_FIELDS = List.of("hours_since_created", "hours_since_customer_reply",
            "hours_since_operator_reply", "hours_in_situation", "hours_since_sla_breach");
}
