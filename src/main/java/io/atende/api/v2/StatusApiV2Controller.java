package io.atende.api.v2;

import java.util.Map;

import io.atende.account.Caller;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketStatusView;

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
            summary = "List the account's custom ticket statuses as {id, name}, by name (the whole list, with size)")
    Map<String, Object> list(Caller caller, ApiParams params) {
        var items = statuses.list(caller.accountId()).stream().map(StatusApiV2Controller::wire).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    @PostMapping("/status/new")
    @ApiEndpoint(access = Access.WRITE, tag = "Statuses", extension = true, summary = "Create a custom ticket status",
            params = @Param(name = "name", required = true, description = "Unique in the account, ignoring case; at most 250 characters"))
    Map<String, Object> create(Caller caller, ApiParams params) {
        var status = statuses.create(caller.accountId(), params.requiredText("name", 250));
        return Envelope.created(messages.get("status.created"), wire(status), Map.of("id", status.id()));
    }

    @PostMapping("/status/update")
    @ApiEndpoint(access = Access.WRITE, tag = "Statuses", extension = true, summary = "Rename a custom ticket status",
            params = {@Param(name = "status_id", required = true), @Param(name = "name", required = true)})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String statusId = params.required("status_id");
        var status = statuses.rename(caller.accountId(), statusId, params.requiredText("name", 250));
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

    private static Wire.Ref wire(TicketStatusView status) {
        return new Wire.Ref(status.id(), status.name());
    }
}
