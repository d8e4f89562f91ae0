package io.atende.console.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.mail.MailManagement;
import io.atende.mail.MailboxSecurity;
import io.atende.mail.MailboxSettings;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
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
 * Administration › Mailboxes: the department addresses Atende reads over IMAP. Passwords and
 * access tokens go in and are never shown again; a blank one on editing keeps the current one.
 */
@Controller
class MailboxAdminController {

    private final MailManagement mail;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;

    MailboxAdminController(MailManagement mail, DepartmentManagement departments, ConsoleMessages messages) {
        this.mail = mail;
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/console/admin/mailboxes")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        return page(me, model, Map.of());
    }

    @PostMapping("/console/admin/mailboxes")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            mail.createMailbox(me.accountId(), settings(form, false));
        } catch (InvalidInputException | RuleViolationException refused) {
            show(refused, "create", model, locale, response);
            return page(me, model, form);
        }
        redirect.addFlashAttribute("notice", "mail.mailboxes.created");
        return "redirect:/console/admin/mailboxes";
    }

    @PostMapping("/console/admin/mailboxes/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, @RequestParam Map<String, String> form,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        mail.mailbox(me.accountId(), id);
        try {
            mail.updateMailbox(me.accountId(), id, settings(form, true));
        } catch (InvalidInputException | RuleViolationException refused) {
            show(refused, "update:" + id, model, locale, response);
            return page(me, model, Map.of());
        }
        redirect.addFlashAttribute("notice", "mail.mailboxes.updated");
        return "redirect:/console/admin/mailboxes";
    }

    @PostMapping("/console/admin/mailboxes/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, RedirectAttributes redirect) {
        mail.deleteMailbox(me.accountId(), id);
        redirect.addFlashAttribute("notice", "mail.mailboxes.deleted");
        return "redirect:/console/admin/mailboxes";
    }

    private String page(ConsoleOperator me, Model model, Map<String, String> typed) {
        Map<String, String> departmentNames = new LinkedHashMap<>();
        for (DepartmentView department : departments.listDepartments(me.accountId())) {
            departmentNames.put(department.id(), department.name());
        }
        model.addAttribute("section", "admin");
        model.addAttribute("mailboxes", mail.mailboxes(me.accountId()));
        model.addAttribute("departments", departmentNames);
        model.addAttribute("typed", typed);
        return "console/admin/mailboxes";
    }

    private void show(AtendeException refused, String form, Model model, Locale locale, HttpServletResponse response) {
        boolean invalid = refused instanceof InvalidInputException;
        response.setStatus(invalid ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
        model.addAttribute("errorForm", form);
        model.addAttribute("errorField", invalid ? ((InvalidInputException) refused).parameter() : null);
        model.addAttribute("error", messages.text(refused, locale));
    }

    /** The form as settings; on editing, blank fields keep what the mailbox has. */
    private static MailboxSettings settings(Map<String, String> form, boolean editing) {
        String security = blank(form.get("security"));
        var parsedSecurity = security == null ? null : MailboxSecurity.fromWireName(security)
                .orElseThrow(() -> new InvalidInputException("security", "parameter.not_one_of", "ssl, starttls"));
        String port = blank(form.get("port"));
        Integer parsedPort;
        try {
            parsedPort = port == null ? null : Integer.valueOf(port);
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("port", "parameter.not_integer");
        }
        boolean checkboxes = !editing || form.containsKey("flags");
        return new MailboxSettings(blank(form.get("department_id")), blank(form.get("address")), blank(form.get("host")), parsedPort,
                parsedSecurity, blank(form.get("username")), blank(form.get("password")), blank(form.get("access_token")),
                blank(form.get("folder")),
                checkboxes ? Boolean.valueOf(form.containsKey("create_customers")) : null,
                checkboxes ? Boolean.valueOf(form.containsKey("active")) : null);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
