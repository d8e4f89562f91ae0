package io.atende.api.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RefusalStatuses;
import io.atende.ticket.BulkTicketAction;
import io.atende.ticket.BulkTicketOutcome;
import io.atende.ticket.TicketBulkActions;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.atende.api.v2.ApiEndpoint.Param;

/** {@code /ticket/bulk} [ext]: one action on up to 100 tickets, each ticket changed or refused on its own (docs/api.md). */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class TicketBulkApiV2Controller {

    static final List<String> ACTIONS = List.of("assign", "transfer", "status", "tag", "priority", "finish");

    private final TicketBulkActions bulk;
    private final ApiMessages messages;

    TicketBulkApiV2Controller(TicketBulkActions bulk, ApiMessages messages) {
        this.bulk = bulk;
        this.messages = messages;
    }

    @PostMapping("/ticket/bulk")
    @ApiEndpoint(access = Access.WRITE, tag = "Tickets", extension = true,
            summary = "Apply one action to up to 100 tickets; each ticket is changed in its own transaction or refused alone, "
                    + "data lists each ticket's outcome (success, status, message) in the order sent",
            params = {@Param(name = "ticket_id", type = "csv", required = true, description = "Ticket ids, comma-separated; at most 100"),
                    @Param(name = "action", required = true, description = "assign, transfer, status, tag, priority or finish"),
                    @Param(name = "operator_id", description = "assign: the operator the tickets go to"),
                    @Param(name = "department_id", description = "transfer: the department whose queue the tickets go to, without operator"),
                    @Param(name = "status_id", description = "status: the custom status to open (closing another open one); empty closes the open status"),
                    @Param(name = "tag", description = "tag: the tag to add"),
                    @Param(name = "priority", type = "integer", description = "priority: 1 low, 2 normal, 3 high, 4 urgent"),
                    @Param(name = "message", description = "finish: the closing message sent to each customer")})
    Map<String, Object> bulk(Caller caller, ApiParams params) {
        BulkTicketAction action = switch (params.oneOf("action", ACTIONS).orElseThrow(() -> new InvalidInputException("action", "parameter.required"))) {
            case "assign" -> new BulkTicketAction.Assign(params.raw("operator_id"));
            case "transfer" -> new BulkTicketAction.Transfer(params.raw("department_id"));
            case "status" -> new BulkTicketAction.Status(params.raw("status_id"));
            case "tag" -> new BulkTicketAction.Tag(params.raw("tag"));
            case "priority" -> new BulkTicketAction.ChangePriority(TicketWires.priority(params, "priority").orElse(null));
            default -> new BulkTicketAction.Finish(params.raw("message"));
        };
        var outcomes = bulk.apply(caller.accountId(), params.csv("ticket_id"), action, caller.visibility());
        List<Object> data = outcomes.stream().<Object>map(this::wire).toList();
        var body = Envelope.ok(messages.get("ticket.bulk_done"), data);
        body.put("applied", outcomes.stream().filter(BulkTicketOutcome::applied).count());
        body.put("refused", outcomes.stream().filter(outcome -> !outcome.applied()).count());
        return body;
    }

    private Map<String, Object> wire(BulkTicketOutcome outcome) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ticket_id", outcome.ticketId());
        item.put("success", outcome.applied());
        item.put("changed", outcome.changed());
        item.put("status", outcome.applied() ? 200 : RefusalStatuses.status(outcome.refusal()));
        item.put("message", outcome.applied() ? messages.get(outcome.changed() ? "ticket.bulk_changed" : "ticket.bulk_unchanged")
                : messages.get(outcome.refusal().messageKey(), outcome.refusal().arguments()));
        return item;
    }
}
