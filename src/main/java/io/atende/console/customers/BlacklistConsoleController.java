package io.atende.console.customers;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.customer.CustomerManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's e-mail blacklist in the console: the addresses that may not open tickets, one to add, and a button to
 * take each off. Every operator manages it, as API write tokens do.
 */
@Controller
class BlacklistConsoleController {

    private static final String PAGE = "redirect:/console/customers/blacklist";

    private final CustomerManagement customers;
    private final ConsoleMessages messages;

    BlacklistConsoleController(CustomerManagement customers, ConsoleMessages messages) {
        this.customers = customers;
        this.messages = messages;
    }

    @GetMapping("/console/customers/blacklist")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("section", "customers");
        model.addAttribute("addresses", customers.blacklist(me.accountId(), PageRequest.of(Math.max(page, 1))));
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", "");
        }
        return "console/customers/blacklist";
    }

    @PostMapping("/console/customers/blacklist")
    String add(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "email", required = false) String email,
               Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            customers.blacklist(me.accountId(), email);
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "add", messages, locale, model, response);
            model.addAttribute("typed", email);
            return list(me, 1, model);
        }
        redirect.addFlashAttribute("notice", "blacklist.console.added");
        return PAGE;
    }

    @PostMapping("/console/customers/blacklist/remove")
    String remove(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "email", required = false) String email,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            customers.unblacklist(me.accountId(), email);
        } catch (InvalidInputException | NotFoundException refused) {
            // Someone else took it off meanwhile, or the form was tampered with: say so on the list.
            FormError.show(refused, "remove", messages, locale, model, response);
            if (refused instanceof NotFoundException) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            }
            return list(me, 1, model);
        }
        redirect.addFlashAttribute("notice", "blacklist.console.removed");
        return PAGE;
    }
}
