package io.atende.console.mail;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.mail.SenderManagement;
import io.atende.mail.SenderSettings;
import io.atende.mail.SmtpSecurity;
import io.atende.mail.SmtpSettings;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
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
 * Administration › E-mail › Senders: who the account's mail comes from (the account, each department), the account's
 * own SMTP server with a test message, and DKIM keys with the DNS records to publish. The SMTP password and private
 * keys go in and are never shown again.
 */
@Controller
class MailSenderAdminController {

    private static final String PATH = "/console/admin/mail/senders";

    private final SenderManagement senders;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;

    MailSenderAdminController(SenderManagement senders, DepartmentManagement departments, ConsoleMessages messages) {
        this.senders = senders;
        this.departments = departments;
        this.messages = messages;
    }

    /** A sender domain and whether the installation's server sends its mail (so its SPF record must allow that server). */
    record SenderDomain(String domain, boolean throughInstallation) {
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        return page(me, model, Map.of());
    }

    @PostMapping(PATH + "/account")
    String account(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        return attempt(me, "account", form, model, locale, response, redirect, "mail.senders.saved",
                () -> senders.saveAccountSender(me.accountId(), form.get("from_address"), form.get("from_name")));
    }

    @PostMapping(PATH + "/department")
    String department(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form, Model model, Locale locale,
                      HttpServletResponse response, RedirectAttributes redirect) {
        return attempt(me, "department", form, model, locale, response, redirect, "mail.senders.saved",
                () -> senders.saveDepartmentSender(me.accountId(), form.get("department_id"), form.get("from_address"), form.get("from_name")));
    }

    @PostMapping(PATH + "/department/{id}/remove")
    String removeDepartment(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, RedirectAttributes redirect) {
        senders.removeDepartmentSender(me.accountId(), id);
        redirect.addFlashAttribute("notice", "mail.senders.saved");
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/smtp")
    String smtp(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        return attempt(me, "smtp", form, model, locale, response, redirect, "mail.senders.saved",
                () -> senders.saveAccountSmtp(me.accountId(), smtpSettings(form)));
    }

    @PostMapping(PATH + "/smtp/remove")
    String removeSmtp(@AuthenticationPrincipal ConsoleOperator me, RedirectAttributes redirect) {
        senders.removeAccountSmtp(me.accountId());
        redirect.addFlashAttribute("notice", "mail.senders.saved");
        return "redirect:" + PATH;
    }

    /** Sends at once and shows what the server answered, on the page itself (nothing is saved). */
    @PostMapping(PATH + "/test")
    String test(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form, Model model, Locale locale,
                HttpServletResponse response) {
        try {
            var result = senders.sendTestMessage(me.accountId(), form.get("recipient"), locale);
            model.addAttribute("testResult", result);
        } catch (InvalidInputException | RuleViolationException refused) {
            show(refused, "test", model, locale, response);
        }
        return page(me, model, form);
    }

    @PostMapping(PATH + "/dkim")
    String dkim(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        return attempt(me, "dkim", form, model, locale, response, redirect, "mail.senders.dkim_saved",
                () -> senders.saveDkimKey(me.accountId(), form.get("domain"), form.get("selector"), form.get("private_key")));
    }

    @PostMapping(PATH + "/dkim/delete")
    String deleteDkim(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "domain", required = false) String domain,
                      RedirectAttributes redirect) {
        senders.deleteDkimKey(me.accountId(), domain);
        redirect.addFlashAttribute("notice", "mail.senders.dkim_deleted");
        return "redirect:" + PATH;
    }

    private String attempt(ConsoleOperator me, String formName, Map<String, String> form, Model model, Locale locale,
                           HttpServletResponse response, RedirectAttributes redirect, String notice, Runnable change) {
        try {
            change.run();
        } catch (InvalidInputException | RuleViolationException | NotFoundException refused) {
            show(refused, formName, model, locale, response);
            return page(me, model, form);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + PATH;
    }

    private String page(ConsoleOperator me, Model model, Map<String, String> typed) {
        Map<String, String> departmentNames = new LinkedHashMap<>();
        for (DepartmentView department : departments.listDepartments(me.accountId())) {
            departmentNames.put(department.id(), department.name());
        }
        SenderSettings settings = senders.settings(me.accountId());
        model.addAttribute("section", "admin");
        model.addAttribute("settings", settings);
        model.addAttribute("departments", departmentNames);
        model.addAttribute("securities", List.of(SmtpSecurity.values()));
        model.addAttribute("senderDomains", senderDomains(settings));
        model.addAttribute("typed", typed);
        return "console/admin/mail-senders";
    }

    /** The domains the account's mail comes from, for the SPF and DMARC advice. */
    private static List<SenderDomain> senderDomains(SenderSettings settings) {
        Set<String> domains = new LinkedHashSet<>();
        String accountAddress = settings.fromAddress() != null ? settings.fromAddress() : settings.installationFrom();
        if (accountAddress != null) {
            domains.add(domainOf(accountAddress));
        }
        settings.departments().forEach(department -> domains.add(domainOf(department.fromAddress())));
        String installationDomain = settings.installationFrom() == null ? null : domainOf(settings.installationFrom());
        return domains.stream().map(domain -> new SenderDomain(domain, !settings.ownSmtp() && !domain.equals(installationDomain))).toList();
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private void show(AtendeException refused, String form, Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(refused instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST
                : refused instanceof NotFoundException ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_CONFLICT);
        model.addAttribute("errorForm", form);
        model.addAttribute("errorField", refused instanceof InvalidInputException invalid ? invalid.parameter() : null);
        model.addAttribute("error", messages.text(refused, locale));
    }

    private static SmtpSettings smtpSettings(Map<String, String> form) {
        String security = blank(form.get("smtp_security"));
        var parsedSecurity = security == null ? null : SmtpSecurity.fromWireName(security)
                .orElseThrow(() -> new InvalidInputException("smtp_security", "parameter.not_one_of", "starttls, tls, none"));
        String port = blank(form.get("smtp_port"));
        Integer parsedPort;
        try {
            parsedPort = port == null ? null : Integer.valueOf(port);
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("smtp_port", "parameter.not_integer");
        }
        return new SmtpSettings(blank(form.get("smtp_host")), parsedPort, parsedSecurity, blank(form.get("smtp_username")),
                form.get("smtp_password"));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
