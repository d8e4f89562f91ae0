package io.atende.console.customers;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.mail.MailManagement;
import io.atende.platform.RuleViolationException;
import io.atende.customeraccess.CustomerPortalAccess;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What an operator does about a customer's portal access from the customer card: invite them
 * (the link is shown here to pass on, and e-mailed when SMTP is set up; without it the link is the only way in) and mark them as a manager who sees
 * their organization's tickets. Answers fragments that replace the card's portal section.
 */
@Controller
class CustomerPortalController {

    private final CustomerPortalAccess portal;
    private final ConsoleMessages messages;
    private final MailManagement mail;

    CustomerPortalController(CustomerPortalAccess portal, ConsoleMessages messages, MailManagement mail) {
        this.portal = portal;
        this.messages = messages;
        this.mail = mail;
    }

    @PostMapping("/console/customers/{customerId}/portal-invitation")
    String invite(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String customerId, Model model, Locale locale,
                  HttpServletResponse response) {
        try {
            model.addAttribute("invitation", portal.invite(me.accountId(), customerId));
        } catch (RuleViolationException refused) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("error", messages.text(refused, locale));
        }
        return section(me, customerId, model);
    }

    @PostMapping("/console/customers/{customerId}/organization-manager")
    String setOrganizationManager(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String customerId,
                                  @RequestParam(name = "manager", defaultValue = "false") boolean manager, Model model) {
        portal.setOrganizationManager(me.accountId(), customerId, manager);
        model.addAttribute("saved", true);
        return section(me, customerId, model);
    }

    private String section(ConsoleOperator me, String customerId, Model model) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("organizationManager", portal.isOrganizationManager(me.accountId(), customerId));
        model.addAttribute("mailSending", mail.sendingConfigured());
        return "console/customers/portal :: section";
    }
}
