package io.atende.console.customers;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.customer.Change;
import io.atende.customer.CustomerFilter;
import io.atende.customer.CustomerManagement;
import io.atende.customer.OrganizationManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Organizations in the console: the list by name with a form for a new one, and an organization's page to rename it,
 * move it below another, see its members (its child organizations' too) and delete it (admins only; its customers
 * stay, without an organization; refused in place while it has child organizations or an SLA policy names it).
 */
@Controller
class OrganizationConsoleController {

    private final OrganizationManagement organizations;
    private final CustomerManagement customers;
    private final ConsoleMessages messages;

    OrganizationConsoleController(OrganizationManagement organizations, CustomerManagement customers, ConsoleMessages messages) {
        this.organizations = organizations;
        this.customers = customers;
        this.messages = messages;
    }

    @GetMapping("/console/organizations")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("section", "customers");
        model.addAttribute("organizationPage", organizations.list(me.accountId(), PageRequest.of(Math.max(page, 1))));
        model.addAttribute("parents", parents(me));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new OrganizationForm(null, null));
        }
        return "console/customers/organizations";
    }

    @PostMapping("/console/organizations")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "parent_id", required = false) String parentId,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var created = organizations.create(me.accountId(), name, blankToNull(parentId));
            redirect.addFlashAttribute("notice", "organizations.created");
            return "redirect:/console/organizations/" + created.id();
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", new OrganizationForm(name, parentId));
            return list(me, 1, model);
        }
    }

    @GetMapping("/console/organizations/{id}")
    String show(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        var organization = organizations.get(me.accountId(), id);
        model.addAttribute("section", "customers");
        model.addAttribute("organization", organization);
        model.addAttribute("members", customers.list(me.accountId(), new CustomerFilter(organization.id(), null),
                PageRequest.of(Math.max(page, 1))));
        model.addAttribute("parents", parents(me).stream().filter(parent -> !parent.id().equals(organization.id())).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new OrganizationForm(organization.name(), organization.parentId()));
        }
        return "console/customers/organization";
    }

    @PostMapping("/console/organizations/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "parent_id", required = false) String parentId,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var current = organizations.get(me.accountId(), id);
        try {
            organizations.update(me.accountId(), current.id(), name == null ? "" : name, Change.to(blankToNull(parentId)));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit", messages, locale, model, response);
            model.addAttribute("form", new OrganizationForm(name, parentId));
            return show(me, id, 1, model);
        }
        redirect.addFlashAttribute("notice", "organizations.saved");
        return "redirect:/console/organizations/" + current.id();
    }

    @PostMapping("/console/organizations/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            organizations.delete(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "delete", messages, locale, model, response);
            return show(me, id, 1, model);
        }
        redirect.addFlashAttribute("notice", "organizations.deleted");
        return "redirect:/console/organizations";
    }

    private java.util.List<io.atende.customer.OrganizationView> parents(ConsoleOperator me) {
        return organizations.list(me.accountId(), new PageRequest(1, CustomerConsoleController.ORGANIZATION_CHOICES)).items();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** What the organization form shows: the stored values, or what was typed when it was refused. */
    record OrganizationForm(String name, String parentId) {
    }
}
