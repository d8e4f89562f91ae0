package io.atende.api.v2;

import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.Caller;
import io.atende.api.v2.ApiEndpoint.Param;
import io.atende.mail.InboundView;
import io.atende.mail.MailManagement;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The inbound log: what became of every message read from the account's mailboxes, and the message as it came. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class MailboxApiV2Controller {

    private static final String TAG = "Mailboxes";

    private final MailManagement mail;
    private final TicketManagement tickets;
    private final ApiMessages messages;

    MailboxApiV2Controller(MailManagement mail, TicketManagement tickets, ApiMessages messages) {
        this.mail = mail;
        this.tickets = tickets;
        this.messages = messages;
    }

    /** One message read: its outcome, the ticket it opened or answered (id and protocol), and why when it was set aside. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InboundWire(String id, String mailboxId, String messageId, String sender, String subject, String outcome, String ticketId,
                       Long protocol, String detail, String receivedDate, boolean rawKept) {

        static InboundWire of(InboundView view, Long protocol, ZoneId zone) {
            return new InboundWire(view.id(), view.mailboxId(), view.messageId(), view.sender(), view.subject(), view.outcome(),
                    view.ticketId(), protocol, view.detail(), ApiDates.format(view.receivedAt(), zone), view.rawKept());
        }
    }

    @GetMapping("/mailbox/inbound/list")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "List the messages read from the account's mailboxes, newest first, each with its outcome (ticket_created, replied, "
                    + "operator_replied, operator_commented, or why it was set aside or failed) and the ticket it went to",
            params = @Param(name = "page", type = "integer", description = "Page number, 50 items per page"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        var page = mail.received(caller.accountId(), PageRequest.of(params.page()));
        Map<String, Long> protocols = new HashMap<>();
        page.items().stream().map(InboundView::ticketId).filter(id -> id != null).distinct().forEach(id ->
                tickets.find(caller.accountId(), id).ifPresent(ticket -> protocols.put(id, ticket.protocol())));
        return Envelope.page(messages.get("ok"), page,
                view -> InboundWire.of(view, view.ticketId() == null ? null : protocols.get(view.ticketId()), caller.timeZone()));
    }

    @GetMapping("/mailbox/inbound/raw")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Download a message read from a mailbox as it came (message/rfc822), while it is kept",
            params = @Param(name = "id", required = true, description = "The id of the message in the inbound log"))
    void raw(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        byte[] raw = mail.receivedRaw(caller.accountId(), params.required("id"));
        response.setStatus(200);
        response.setContentType("message/rfc822");
        response.setContentLength(raw.length);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", "attachment; filename=\"message-" + params.required("id") + ".eml\"");
        response.getOutputStream().write(raw);
        response.flushBuffer();
    }
}
