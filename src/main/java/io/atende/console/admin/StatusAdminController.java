package io.atende.console.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.TicketStatusManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's custom ticket statuses: create, rename or mark as pausing the SLA clocks, delete (refused in place while tickets are or were in one). */
@Controller
class StatusAdminController {

    private final TicketStatusManagement statuses;
    private final ConsoleMessages messages;

    StatusAdminController(TicketStatusManagement statuses, ConsoleMessages messages) {
        this.statuses = statuses;
        this.messages = messages;
    }

    @GetMapping("/console/admin/statuses")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("statuses", statuses.list(me.accountId()));
        return "console/admin/statuses";
    }

    @PostMapping("/console/admin/statuses")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "pauses_sla", required = false) String pausesSla,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "create", () -> statuses.create(me.accountId(), name, pausesSla != null), "admin.statuses.created", model, locale, response, redirect);
    }

    @PostMapping("/console/admin/statuses/{id}/rename")
    String rename(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "pauses_sla", required = false) String pausesSla,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        // An unticked box is not sent: its absence means the status does not pause the clocks.
        return act(me, "rename:" + id, () -> statuses.update(me.accountId(), id, name == null ? "" : name, pausesSla != null), "admin.statuses.renamed",
                model, locale, response, redirect);
    }

    @PostMapping("/console/admin/statuses/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "delete:" + id, () -> statuses.delete(me.accountId(), id), "admin.statuses.deleted", model, locale, response, redirect);
    }

    private String act(ConsoleOperator me, String form, Runnable action, String notice, Model model, Locale locale,
                       HttpServletResponse response, RedirectAttributes redirect) {
        try {
            action.run();
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, form, messages, locale, model, response);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/console/admin/statuses";
    }
}
