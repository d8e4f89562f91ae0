package io.atende.api.v2;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.atende.ticket.TicketManagement;
import io.atende.account.Caller;
import io.atende.automation.ActionJson;
import io.atende.automation.MacroManagement;
import io.atende.automation.MacroView;
import io.atende.automation.SaveMacro;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.TicketChannel;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import static io.atende.api.v2.ApiEndpoint.Param;

/** Macros (docs/automations.md): saved replies with actions, and applying one to a ticket. An Atende extension. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class MacroApiV2Controller {

    private static final String TAG = "Macros";
    private static final String ACTIONS = "JSON array of {\"type\": ..., \"value\": ...}: transfer {department_id, operator_id}, "
            + "assign_automatically, set_priority 1-4, set_category <id|null>, open_status <id>, close_status, add_tag, remove_tag, "
            + "set_custom_field {field_id, value}, reply <text>, comment <text>, finish <text>, "
            + "email {operator_id|department_id|address, subject, text}, notify_webhook {webhook_id, message}; in a JSON body an array";
    private static final String REPLY = "Reply to the customer; placeholders {{customer.name}}, {{customer.email}}, {{ticket.protocol}}, "
            + "{{ticket.subject}}, {{department.name}}, {{operator.name}}, {{sla.resolution.deadline}}";

    private final MacroManagement macros;
    private final ApiMessages messages;
    private final JsonMapper json;

    private final TicketManagement tickets;

    MacroApiV2Controller(MacroManagement macros, ApiMessages messages, JsonMapper json, TicketManagement tickets) {
        this.tickets = tickets;
        this.macros = macros;
        this.messages = messages;
        this.json = json;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MacroWire(String id, String name, String reply, List<Map<String, Object>> actions, boolean shared, String operatorId,
                     String creationDate, String lastUpdate) {

        static MacroWire of(MacroView macro, ZoneId zone) {
            return new MacroWire(macro.id(), macro.name(), macro.reply(), ActionWires.render(macro.actions()), macro.shared(),
                    macro.operatorId(), ApiDates.format(macro.createdAt(), zone), ApiDates.format(macro.updatedAt(), zone));
        }
    }

    @GetMapping("/macro/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "List the account's macros by name (the whole list, with size)",
            params = @Param(name = "operator_id", description = "Only the macros this operator may use: the shared ones and their own"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        String operatorId = params.raw("operator_id");
        var found = operatorId == null ? macros.list(caller.accountId()) : macros.usableBy(caller.accountId(), operatorId.strip());
        return Envelope.list(messages.get("ok"), found.stream().map(macro -> MacroWire.of(macro, caller.timeZone())).toList());
    }

    @PostMapping("/macro/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Create a macro: a reply and/or actions an operator applies to a ticket in one step",
            params = {@Param(name = "name", required = true, description = "At most 250 characters"),
                    @Param(name = "reply", description = REPLY),
                    @Param(name = "actions", description = ACTIONS),
                    @Param(name = "shared", type = "boolean", description = "1 (default without operator_id): every operator may use it"),
                    @Param(name = "operator_id", description = "The operator whose own macro it is (with shared absent or 0)")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        String owner = owner(params, null);
        var macro = macros.create(caller.accountId(), new SaveMacro(params.raw("name"), params.raw("reply"),
                ActionJson.parse("actions", ActionWires.toDomain(json, "actions", params.raw("actions"))), owner));
        return Envelope.created(messages.get("macro.created"), MacroWire.of(macro, caller.timeZone()), Map.of("id", macro.id()));
    }

    @PostMapping("/macro/update")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Change a macro; what is not sent stays (an empty reply or actions clears it)",
            params = {@Param(name = "macro_id", required = true), @Param(name = "name"),
                    @Param(name = "reply", description = REPLY), @Param(name = "actions", description = ACTIONS),
                    @Param(name = "shared", type = "boolean", description = "1 shares the macro with every operator"),
                    @Param(name = "operator_id", description = "Makes it this operator's own")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var existing = macros.get(caller.accountId(), params.required("macro_id"));
        String owner = params.has("shared") || params.has("operator_id") ? owner(params, existing.operatorId()) : existing.operatorId();
        var actions = params.has("actions")
                ? ActionJson.parse("actions", ActionWires.toDomain(json, "actions", params.raw("actions"))) : existing.actions();
        var macro = macros.update(caller.accountId(), existing.id(), new SaveMacro(
                params.has("name") ? params.raw("name") : existing.name(),
                params.has("reply") ? params.raw("reply") : existing.reply(), actions, owner));
        return Envelope.ok(messages.get("macro.updated"), MacroWire.of(macro, caller.timeZone()));
    }

    @PostMapping("/macro/delete")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Delete a macro",
            params = @Param(name = "macro_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        macros.delete(caller.accountId(), params.required("macro_id"));
        return Envelope.ok(messages.get("macro.deleted"), true);
    }

    @PostMapping("/ticket/macro/apply")
    @ApiEndpoint(access = Access.WRITE, tag = "Tickets", extension = true,
            summary = "Apply a macro as the operator: its reply (the operator must be the ticket's) then its actions, all or nothing",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "macro_id", required = true),
                    @Param(name = "operator_id", required = true, description = "Who applies it: a shared macro or their own")})
    Map<String, Object> apply(Caller caller, ApiParams params) {
        String ticketId = params.required("ticket_id");
        tickets.requireVisible(caller.accountId(), ticketId, caller.visibility());
        String macroId = params.required("macro_id");
        macros.apply(caller.accountId(), ticketId, macroId, params.required("operator_id"), TicketChannel.API);
        return Envelope.ok(messages.get("macro.applied"), true);
    }

    /** The owner the parameters name: null (shared) by default, an operator's with operator_id and without shared=1. */
    private static String owner(ApiParams params, String current) {
        String operatorId = params.raw("operator_id");
        var shared = params.flag("shared");
        if (shared.orElse(false) && operatorId != null) {
            throw new InvalidInputException("operator_id", "automation.macro_shared_or_own");
        }
        if (shared.isPresent() && !shared.get() && operatorId == null) {
            if (current != null && !params.has("operator_id")) {
                return current;
            }
            throw new InvalidInputException("operator_id", "parameter.required");
        }
        return operatorId == null ? null : operatorId.strip();
    }
}
