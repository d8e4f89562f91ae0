package io.atende.api.v2;

import java.util.Map;

import io.atende.account.Caller;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketStatusView;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.atende.api.v2.ApiEndpoint.Param;

/**
 * The account's custom ticket statuses. TomTicket lists them as objects with {@code id} and
 * {@code name}; on a ticket the same status appears as {@code status {id, description, apply_date}},
 * where {@code description} carries the name.
 */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class StatusApiV2Controller {

    private final TicketStatusManagement statuses;
    private final ApiMessages messages;

    StatusApiV2Controller(TicketStatusManagement statuses, ApiMessages messages) {
        this.statuses = statuses;
        this.messages = messages;
    }

    @GetMapping("/status/list")
    @ApiEndpoint(access = Access.READ, tag = "Statuses",
            summary = "List the account's custom ticket statuses as {id, name, pauses_sla}, by name (the whole list, with size)")
    Map<String, Object> list(Caller caller, ApiParams params) {
        var items = statuses.list(caller.accountId()).stream().map(StatusApiV2Controller::wire).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    @PostMapping("/status/new")
    @ApiEndpoint(access = Access.WRITE, tag = "Statuses", extension = true, summary = "Create a custom ticket status",
            params = {@Param(name = "name", required = true, description = "Unique in the account, ignoring case; at most 250 characters"),
                    @Param(name = "pauses_sla", type = "boolean", description = PAUSES_SLA + "; 0 (default) or 1")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        boolean pausesSla = params.flag("pauses_sla").orElse(false);
        var status = statuses.create(caller.accountId(), params.requiredText("name", 250), pausesSla);
        return Envelope.created(messages.get("status.created"), wire(status), Map.of("id", status.id()));
    }

    @PostMapping("/status/update")
    @ApiEndpoint(access = Access.WRITE, tag = "Statuses", extension = true,
            summary = "Rename a custom ticket status or change whether it pauses the SLA clocks; omitted fields keep their value",
            params = {@Param(name = "status_id", required = true), @Param(name = "name", description = "At most 250 characters; required without pauses_sla"),
                    @Param(name = "pauses_sla", type = "boolean", description = PAUSES_SLA)})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String statusId = params.required("status_id");
        Boolean pausesSla = params.flag("pauses_sla").orElse(null);
        // Without pauses_sla the call is a rename, so the name is required.
        String name = pausesSla == null || params.has("name") ? params.requiredText("name", 250) : null;
        var status = statuses.update(caller.accountId(), statusId, name, pausesSla);
        return Envelope.ok(messages.get("status.updated"), wire(status));
    }

    @PostMapping("/status/delete")
    @ApiEndpoint(access = Access.WRITE, tag = "Statuses", extension = true,
            summary = "Delete a custom ticket status; refused (409) while any ticket is or was in it",
            params = @Param(name = "status_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        statuses.delete(caller.accountId(), params.required("status_id"));
        return Envelope.ok(messages.get("status.deleted"), true);
    }

    private static final String PAUSES_SLA = "Whether the ticket's SLA clocks stop while the status is open on it";

    private static StatusWire wire(TicketStatusView status) {
        return new StatusWire(status.id(), status.name(), status.pausesSla());
    }

    /** A status as the list shows it; {@code pauses_sla} is an extension. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusWire(String id, String name, boolean pausesSla) {
    }
}
