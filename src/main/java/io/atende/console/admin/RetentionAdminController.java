package io.atende.console.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.InvalidInputException;
import io.atende.retention.RetentionManagement;
import io.atende.retention.RetentionPolicy;
import io.atende.ticket.TicketRetentionAction;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's retention policy. A change is first previewed: the page counts what it would anonymize, delete or
 * purge now, and only that preview offers to save it, so nobody saves a policy without seeing its effect.
 */
@Controller
class RetentionAdminController {

    private final RetentionManagement retention;
    private final ConsoleMessages messages;

    RetentionAdminController(RetentionManagement retention, ConsoleMessages messages) {
        this.retention = retention;
        this.messages = messages;
    }

    @GetMapping("/console/admin/retention")
    String page(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        if (!model.containsAttribute("form")) {
            var policy = retention.policy(me.accountId());
            model.addAttribute("form", new RetentionForm(text(policy.ticketMonths()), policy.ticketAction().name(), text(policy.inboundRawDays())));
        }
        model.addAttribute("section", "admin");
        model.addAttribute("defaultRawDays", retention.defaultInboundRawDays());
        return "console/admin/retention";
    }

    /** The dry run: what the typed policy would change now, with the button that saves it. */
    @PostMapping("/console/admin/retention/preview")
    String preview(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "ticket_months", required = false) String months,
                   @RequestParam(name = "ticket_action", required = false) String action,
                   @RequestParam(name = "inbound_raw_days", required = false) String days,
                   Model model, Locale locale, HttpServletResponse response) {
        var form = new RetentionForm(months, action, days);
        model.addAttribute("form", form);
        try {
            model.addAttribute("preview", retention.preview(me.accountId(), form.policy()));
        } catch (InvalidInputException refused) {
            FormError.show(refused, "retention", messages, locale, model, response);
        }
        return page(me, model);
    }

    @PostMapping("/console/admin/retention")
    String save(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "ticket_months", required = false) String months,
                @RequestParam(name = "ticket_action", required = false) String action,
                @RequestParam(name = "inbound_raw_days", required = false) String days,
                Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var form = new RetentionForm(months, action, days);
        try {
            retention.save(me.accountId(), form.policy());
        } catch (InvalidInputException refused) {
            FormError.show(refused, "retention", messages, locale, model, response);
            model.addAttribute("form", form);
            return page(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.retention.saved");
        return "redirect:/console/admin/retention";
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    /** What the form shows: the stored policy, or what was typed. Blank months keep tickets; blank days use the default. */
    record RetentionForm(String ticketMonths, String ticketAction, String inboundRawDays) {

        RetentionPolicy policy() {
            TicketRetentionAction action;
            try {
                action = ticketAction == null || ticketAction.isBlank() ? TicketRetentionAction.ANONYMIZE
                        : TicketRetentionAction.valueOf(ticketAction.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidInputException("ticket_action", "parameter.not_one_of", "ticket_action", "ANONYMIZE, DELETE");
            }
            return new RetentionPolicy(number("ticket_months", ticketMonths), action, number("inbound_raw_days", inboundRawDays));
        }

        private static Integer number(String name, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException notNumber) {
                throw new InvalidInputException(name, "parameter.not_integer", name);
            }
        }
    }
}
