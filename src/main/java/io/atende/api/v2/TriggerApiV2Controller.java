package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atende.ticket.TicketManagement;
import io.atende.account.Caller;
import io.atende.automation.TriggerManagement;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.TicketChannel;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.atende.api.v2.ApiEndpoint.Param;

/** Triggers (docs/automations.md): rules that act on a ticket when its events happen. An Atende extension. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class TriggerApiV2Controller {

    private static final String TAG = "Triggers";
    private static final String EVENTS = "Comma list (or JSON array) of ticket.created, ticket.replied_by_customer, "
            + "ticket.replied_by_operator, ticket.commented, ticket.transferred, ticket.status_opened, ticket.status_closed, "
            + "ticket.finished, ticket.cancelled, ticket.reopened, ticket.evaluated, ticket.updated, ticket.sla_warning, ticket.sla_breached";
    private static final String CONDITIONS = "JSON array of {\"field\": ..., \"operator\": is|is_not|contains|not_contains|greater_than|less_than, "
            + "\"value\": ...}; fields department, category, priority (1-4), situation (0-11), status, operator, customer, organization, "
            + "tag, channel, subject, message, custom_field (with field_id), business_hours (a calendar id), hours_since_created, "
            + "hours_since_customer_reply, hours_since_operator_reply, hours_in_situation, hours_since_sla_breach";
    private static final String ACTIONS = "JSON array of {\"type\": ..., \"value\": ...}, as for macros";

    private final TriggerManagement triggers;
    private final ApiMessages messages;
    private final JsonMapper json;

    private final TicketManagement tickets;

    TriggerApiV2Controller(TriggerManagement triggers, ApiMessages messages, JsonMapper json, TicketManagement tickets) {
        this.tickets = tickets;
        this.triggers = triggers;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/trigger/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "List the account's triggers in the order they run, with how often and when each last ran")
    Map<String, Object> list(Caller caller, ApiParams params) {
        return Envelope.list(messages.get("ok"),
                triggers.list(caller.accountId()).stream()
                        .map(trigger -> RuleWires.RuleWire.of(trigger, trigger.events(), caller.timeZone())).toList());
    }

    @PostMapping("/trigger/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Create a trigger: on its events, when its conditions hold, its actions are applied to the ticket",
            params = {@Param(name = "name", required = true, description = "At most 250 characters"),
                    @Param(name = "events", required = true, description = EVENTS),
                    @Param(name = "match", description = "all (default): every condition must hold; any: one is enough"),
                    @Param(name = "conditions", description = CONDITIONS),
                    @Param(name = "actions", required = true, description = ACTIONS),
                    @Param(name = "position", type = "integer", description = "Order among the triggers, lowest first (default: last)"),
                    @Param(name = "active", type = "boolean", description = "1 (default) or 0")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var trigger = triggers.create(caller.accountId(), RuleWires.created(params, json, events(params)));
        return Envelope.created(messages.get("trigger.created"), RuleWires.RuleWire.of(trigger, trigger.events(), caller.timeZone()),
                Map.of("id", trigger.id()));
    }

    @PostMapping("/trigger/update")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Change a trigger; what is not sent stays (its run counters always stay)",
            params = {@Param(name = "trigger_id", required = true), @Param(name = "name"),
                    @Param(name = "events", description = EVENTS), @Param(name = "match", description = "all or any"),
                    @Param(name = "conditions", description = CONDITIONS + "; empty: none"),
                    @Param(name = "actions", description = ACTIONS),
                    @Param(name = "position", type = "integer"), @Param(name = "active", type = "boolean")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var existing = triggers.get(caller.accountId(), params.required("trigger_id"));
        var trigger = triggers.update(caller.accountId(), existing.id(), RuleWires.changed(existing, params, json,
                hasEvents(params) ? events(params) : existing.events()));
        return Envelope.ok(messages.get("trigger.updated"), RuleWires.RuleWire.of(trigger, trigger.events(), caller.timeZone()));
    }

    @PostMapping("/trigger/delete")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Delete a trigger",
            params = @Param(name = "trigger_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        triggers.delete(caller.accountId(), params.required("trigger_id"));
        return Envelope.ok(messages.get("trigger.deleted"), true);
    }


    @PostMapping("/trigger/test")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "Judge a trigger against a ticket as it is now, changing nothing: each condition with whether it held and the "
                    + "ticket's value, whether the trigger matches, and the actions that would run",
            params = {@Param(name = "ticket_id", required = true),
                    @Param(name = "trigger_id", description = "A saved trigger; without it, the definition below (as for /trigger/new)"),
                    @Param(name = "channel", description = "Where the change came from, for channel conditions: api (default), email, "
                            + "console, portal, widget, chat, other"),
                    @Param(name = "name"), @Param(name = "events", description = EVENTS), @Param(name = "match", description = "all or any"),
                    @Param(name = "conditions", description = CONDITIONS), @Param(name = "actions", description = ACTIONS)})
    Map<String, Object> test(Caller caller, ApiParams params) {
        var channel = TicketChannel.valueOf(params.oneOf("channel", List.of("api", "email", "console", "portal", "widget", "chat", "other"))
                .orElse("api").toUpperCase(java.util.Locale.ROOT));
        String ticket = params.required("ticket_id");
        tickets.requireVisible(caller.accountId(), ticket, caller.visibility());
        var result = RuleWires.namesRule(params, "trigger_id")
                ? triggers.test(caller.accountId(), params.required("trigger_id"), ticket, channel)
                : triggers.test(caller.accountId(), RuleWires.created(params, json, events(params)), ticket, channel);
        return Envelope.ok(messages.get("ok"), RuleWires.TestWire.of(result));
    }

    private static boolean hasEvents(ApiParams params) {
        return params.has("events") || params.names().stream().anyMatch(name -> name.startsWith("events["));
    }

    /** The events as a comma list or, in a JSON body, an array of names (which arrives as events[0], events[1], …). */
    private List<String> events(ApiParams params) {
        var indexed = new java.util.TreeMap<Integer, String>();
        for (String name : params.names()) {
            if (name.startsWith("events[") && name.endsWith("]")) {
                try {
                    indexed.put(Integer.parseInt(name.substring(7, name.length() - 1)), params.raw(name));
                } catch (NumberFormatException notAnIndex) {
                    throw new InvalidInputException(name, "parameter.invalid");
                }
            }
        }
        if (!params.has("events") && !indexed.isEmpty()) {
            return indexed.values().stream().filter(java.util.Objects::nonNull).toList();
        }
        String raw = params.raw("events");
        if (raw == null || !raw.strip().startsWith("[")) {
            return params.csv("events");
        }
        try {
            JsonNode array = json.readTree(raw);
            List<String> events = new ArrayList<>();
            for (JsonNode item : array) {
                if (!item.isString()) {
                    throw new InvalidInputException("events", "parameter.invalid");
                }
                events.add(item.asString());
            }
            return events;
        } catch (JacksonException malformed) {
            throw new InvalidInputException("events", "parameter.invalid");
        }
    }
}
