package io.atende.automation;

import java.time.Instant;
import java.util.List;

/**
 * A trigger or a time-based automation. A trigger runs on any of its {@code events}; an automation has none and
 * runs on the clock. When its conditions hold ({@code matchAll}: every one; otherwise at least one; no condition
 * always holds), its actions are applied to the ticket. Rules of a kind run in {@code position} order.
 *
 * @param runCount     how many times its actions were applied, failed runs included
 * @param failureCount how many of those runs an action refused
 * @param lastError    why the last failed run failed, in English; {@code null} when none failed
 */
public record RuleView(String id, String name, List<String> events, boolean matchAll, List<Condition> conditions,
                       List<Action> actions, int position, boolean active, Instant createdAt, Instant updatedAt,
                       long runCount, long failureCount, Instant lastRunAt, Instant lastFailureAt, String lastError) {

    /** Every event a trigger may run on, in the order the documents list them. */
    public static final List<String> EVENTS = List.of("ticket.created", "ticket.replied_by_customer", "ticket.replied_by_operator",
            "ticket.commented", "ticket.transferred", "ticket.status_opened", "ticket.status_closed", "ticket.finished",
            "ticket.cancelled", "ticket.reopened", "ticket.evaluated", "ticket.updated", "ticket.sla_warning", "ticket.sla_breached");
}
