package io.atende.console.kb;

import io.atende.console.ConsoleOperator;
import io.atende.knowledge.KnowledgeBase;
import io.atende.platform.Html;
import io.atende.ticket.TicketManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Articles that may answer a ticket, from its subject and opening message: the small panel the ticket
 * page loads after it is shown, so that the page itself costs nothing more. Internal articles are
 * included: the reader is an operator.
 */
@Controller
class KbSuggestionsController {

    static final int SUGGESTIONS = 5;

    private final KnowledgeBase knowledge;
    private final TicketManagement tickets;

    KbSuggestionsController(KnowledgeBase knowledge, TicketManagement tickets) {
        this.knowledge = knowledge;
        this.tickets = tickets;
    }

    @GetMapping("/console/kb/suggestions")
    String suggestions(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "ticket_id") String ticketId, Model model) {
        var ticket = tickets.get(me.accountId(), ticketId);
        String message = ticket.html() ? Html.toPlainText(ticket.message()) : ticket.message();
        model.addAttribute("suggestions", knowledge.suggest(me.accountId(), ticket.subject() + "\n" + (message == null ? "" : message),
                true, SUGGESTIONS));
        return "console/kb/fragments :: suggestions";
    }
}
