package io.atende.api.v2;

import java.util.List;
import java.util.Map;

import io.atende.ticket.TicketManagement;
import io.atende.account.Caller;
import io.atende.automation.AutomationManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

import static io.atende.api.v2.ApiEndpoint.Param;

/** Time-based automations (docs/automations.md): rules judged against open tickets every few minutes. An Atende extension. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class AutomationApiV2Controller {

    private static final String TAG = "Automations";
    private static final String CONDITIONS = "JSON array of {\"field\": ..., \"operator\": is|is_not|contains|not_contains|greater_than|less_than, "
            + "\"value\": ...}; fields department, category, priority (1-4), situation (0-11), status, operator, customer, organization, "
            + "tag, channel, subject, message, custom_field (with field_id), business_hours (a calendar id), hours_since_created, "
            + "hours_since_customer_reply, hours_since_operator_reply, hours_in_situation, hours_since_sla_breach (judged at each sweep)";
    private static final String ACTIONS = "JSON array of {\"type\": ..., \"value\": ...}, as for macros";

    private final AutomationManagement automations;
    private final ApiMessages messages;
    private final JsonMapper json;

    private final TicketManagement tickets;

    AutomationApiV2Controller(AutomationManagement automations, ApiMessages messages, JsonMapper json, TicketManagement tickets) {
        this.tickets = tickets;
        this.automations = automations;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/automation/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "List the account's automations in the order they run, with how often and when each last ran")
    Map<String, Object> list(Caller caller, ApiParams params) {
        return Envelope.list(messages.get("ok"),
                automations.list(caller.accountId()).stream()
                        .map(automation -> RuleWires.RuleWire.of(automation, null, caller.timeZone())).toList());
    }

    @PostMapping("/automation/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Create an automation: every few minutes, on each open ticket its conditions hold for, its actions are applied once",
            params = {@Param(name = "name", required = true, description = "At most 250 characters"),
                    @Param(name = "match", description = "all (default): every condition must hold; any: one is enough"),
                    @Param(name = "conditions", description = CONDITIONS),
                    @Param(name = "actions", required = true, description = ACTIONS),
                    @Param(name = "position", type = "integer", description = "Order among the triggers, lowest first (default: last)"),
                    @Param(name = "active", type = "boolean", description = "1 (default) or 0")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var automation = automations.create(caller.accountId(), RuleWires.created(params, json, List.of()));
        return Envelope.created(messages.get("automation.created"), RuleWires.RuleWire.of(automation, null, caller.timeZone()),
                Map.of("id", automation.id()));
    }

    @PostMapping("/automation/update")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Change an automation; what is not sent stays (its run counters always stay)",
            params = {@Param(name = "automation_id", required = true), @Param(name = "name"),
                    @Param(name = "match", description = "all or any"),
                    @Param(name = "conditions", description = CONDITIONS + "; empty: none"),
                    @Param(name = "actions", description = ACTIONS),
                    @Param(name = "position", type = "integer"), @Param(name = "active", type = "boolean")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var existing = automations.get(caller.accountId(), params.required("automation_id"));
        var automation = automations.update(caller.accountId(), existing.id(), RuleWires.changed(existing, params, json, List.of()));
        return Envelope.ok(messages.get("automation.updated"), RuleWires.RuleWire.of(automation, null, caller.timeZone()));
    }

    @PostMapping("/automation/test")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "Judge an automation against a ticket as a sweep would now, changing nothing: each condition with whether it "
                    + "held and the ticket's value, whether the automation matches, and the actions that would run",
            params = {@Param(name = "ticket_id", required = true),
                    @Param(name = "automation_id", description = "A saved automation; without it, the definition below (as for /automation/new)"),
                    @Param(name = "name"), @Param(name = "match", description = "all or any"),
                    @Param(name = "conditions", description = CONDITIONS), @Param(name = "actions", description = ACTIONS)})
    Map<String, Object> test(Caller caller, ApiParams params) {
        String ticket = params.required("ticket_id");
        tickets.requireVisible(caller.accountId(), ticket, caller.visibility());
        var result = RuleWires.namesRule(params, "automation_id")
                ? automations.test(caller.accountId(), params.required("automation_id"), ticket)
                : automations.test(caller.accountId(), RuleWires.created(params, json, List.of()), ticket);
        return Envelope.ok(messages.get("ok"), RuleWires.TestWire.of(result));
    }

    @PostMapping("/automation/delete")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Delete an automation",
            params = @Param(name = "automation_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        automations.delete(caller.accountId(), params.required("automation_id"));
        return Envelope.ok(messages.get("automation.deleted"), true);
    }

}
