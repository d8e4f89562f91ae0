package io.atende.console.mail;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleOperator;
import io.atende.mail.InboundView;
import io.atende.mail.MailManagement;
import io.atende.mail.MailboxView;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Administration › E-mail › Incoming: what became of every message read from the account's mailboxes. */
@Controller
class InboundLogController {

    private static final int PAGE_SIZE = 25;

    private final MailManagement mail;
    private final TicketManagement tickets;
    private final ConsoleDates dates;

    InboundLogController(MailManagement mail, TicketManagement tickets, ConsoleDates dates) {
        this.mail = mail;
        this.tickets = tickets;
        this.dates = dates;
    }

    /** A message as the page lists it: when, from whom, to which mailbox, its outcome and the ticket it went to. */
    record Row(String id, String receivedAt, String sender, String mailbox, String subject, String outcome, String ticketId,
               Long protocol, String detail, boolean rawKept) {
    }

    @GetMapping("/console/admin/mail/inbound")
    String log(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", required = false, defaultValue = "1") String page,
               Model model) {
        int number = pageNumber(page);
        var received = mail.received(me.accountId(), new PageRequest(number, PAGE_SIZE));
        if (received.isBeyondLast()) {
            throw new NotFoundException("mail.console.no_such_page", number);
        }
        Map<String, String> mailboxes = new HashMap<>();
        for (MailboxView mailbox : mail.mailboxes(me.accountId())) {
            mailboxes.put(mailbox.id(), mailbox.address());
        }
        Map<String, Long> protocols = new HashMap<>();
        received.items().stream().map(InboundView::ticketId).filter(id -> id != null).distinct()
                .forEach(id -> tickets.find(me.accountId(), id).ifPresent(ticket -> protocols.put(id, ticket.protocol())));
        model.addAttribute("rows", received.items().stream().map(view -> new Row(view.id(), dates.dateTimeSeconds(view.receivedAt()),
                view.sender(), mailboxes.get(view.mailboxId()), view.subject(), view.outcome(), view.ticketId(),
                view.ticketId() == null ? null : protocols.get(view.ticketId()), view.detail(), view.rawKept())).toList());
        model.addAttribute("page", number);
        model.addAttribute("pages", Math.max(1, received.pages()));
        model.addAttribute("section", "admin");
        return "console/admin/mail-inbound";
    }

    /** The message as it came, for an admin to open in a mail client or hand to whoever looks into it. */
    @GetMapping("/console/admin/mail/inbound/{id}/raw")
    void raw(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, HttpServletResponse response) throws IOException {
        byte[] raw = mail.receivedRaw(me.accountId(), id);
        response.setStatus(200);
        response.setContentType("message/rfc822");
        response.setContentLength(raw.length);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", "attachment; filename=\"message-" + id + ".eml\"");
        response.getOutputStream().write(raw);
        response.flushBuffer();
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidInputException("page", "parameter.out_of_range", 1, Integer.MAX_VALUE);
    }
}
