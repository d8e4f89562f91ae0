package io.atende.api.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.ticket.TicketFollowerView;
import io.atende.ticket.TicketFollowers;
import io.atende.ticket.TicketManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.atende.api.v2.ApiEndpoint.Param;

/** {@code /ticket/follower/*} [ext]: people copied on a ticket, who receive its replies by e-mail (docs/email.md). */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class TicketFollowerApiV2Controller {

    private static final String TAG = "Tickets";

    private final TicketFollowers followers;
    private final TicketManagement tickets;
    private final ApiMessages messages;

    TicketFollowerApiV2Controller(TicketFollowers followers, TicketManagement tickets, ApiMessages messages) {
        this.followers = followers;
        this.tickets = tickets;
        this.messages = messages;
    }

    @PostMapping("/ticket/follower/add")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Copy someone on a ticket: they receive its replies by e-mail; give email or customer_id; 409 if they already "
                    + "follow it or are its customer",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "email", description = "The follower's address"),
                    @Param(name = "customer_id", description = "A customer (id or internal id) whose address follows")})
    Map<String, Object> add(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        var added = followers.add(caller.accountId(), ticketId, params.raw("email"), params.raw("customer_id"));
        return Envelope.ok(messages.get("ticket.follower_added"), wire(caller, added));
    }

    @PostMapping("/ticket/follower/remove")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Stop copying someone on a ticket; give email or customer_id; 404 if they do not follow it",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "email"), @Param(name = "customer_id")})
    Map<String, Object> remove(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        followers.remove(caller.accountId(), ticketId, params.raw("email"), params.raw("customer_id"));
        return Envelope.ok(messages.get("ticket.follower_removed"), null);
    }

    @GetMapping("/ticket/follower/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true, summary = "The people copied on a ticket, oldest first",
            params = {@Param(name = "ticket_id", required = true)})
    Map<String, Object> list(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        List<Object> data = followers.list(caller.accountId(), ticketId).stream().<Object>map(follower -> wire(caller, follower)).toList();
        return Envelope.ok(null, data);
    }

    private Map<String, Object> wire(Caller caller, TicketFollowerView follower) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("email", follower.email());
        item.put("customer_id", follower.customerId());
        item.put("created_at", ApiDates.format(follower.createdAt(), caller.timeZone()));
        return item;
    }

    private String visibleTicket(Caller caller, String ticketId) {
        tickets.requireVisible(caller.accountId(), ticketId, caller.visibility());
        return ticketId;
    }
}
