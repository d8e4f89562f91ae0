package io.atende.console.admin;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.importing.ImportKind;
import io.atende.importing.ImportManagement;
import io.atende.importing.StartImport;
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
 * Imports from TomTicket: start one, follow its progress per kind while it runs (the page refreshes its progress on
 * its own), read its failures and its final report, cancel it.
 */
@Controller
class ImportAdminController {

    /** The choices of the form: customers bring their organizations along, as in the API. */
    static final List<String> INCLUDES = List.of("customers", "operators", "departments", "custom_fields", "statuses", "tickets",
            "chats");

    private final ImportManagement imports;
    private final ConsoleMessages messages;
    private final Clock clock;

    ImportAdminController(ImportManagement imports, ConsoleMessages messages, Clock clock) {
        this.imports = imports;
        this.messages = messages;
        this.clock = clock;
    }

    /** What the form holds, as typed (never the token). */
    record ImportForm(String sourceUrl, List<String> include, String rate) {
    }

    @GetMapping("/console/admin/imports")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("imports", imports.list(me.accountId()));
        model.addAttribute("includes", INCLUDES);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ImportForm("", INCLUDES, Integer.toString(ImportManagement.DEFAULT_RATE)));
        }
        return "console/admin/imports";
    }

    @PostMapping("/console/admin/imports")
    String start(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "source_url", required = false) String sourceUrl,
                 @RequestParam(name = "source_token", required = false) String sourceToken,
                 @RequestParam(name = "include", required = false) List<String> include,
                 @RequestParam(name = "rate", required = false) String rate,
                 Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        List<String> chosen = include == null ? List.of() : include;
        try {
            var job = imports.start(me.accountId(), new StartImport(sourceUrl, sourceToken, kinds(chosen), rate(rate)));
            redirect.addFlashAttribute("notice", "admin.imports.started");
            return "redirect:/console/admin/imports/" + job.id();
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", new ImportForm(sourceUrl, chosen, rate));
            return list(me, model);
        }
    }

    @GetMapping("/console/admin/imports/{id}")
    String show(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("job", imports.get(me.accountId(), id));
        model.addAttribute("now", clock.instant());
        return "console/admin/import";
    }

    /** The progress section alone, which the page reloads every few seconds while the import runs. */
    @GetMapping("/console/admin/imports/{id}/progress")
    String progress(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model) {
        model.addAttribute("job", imports.get(me.accountId(), id));
        model.addAttribute("now", clock.instant());
        return "console/admin/import :: progress";
    }

    @PostMapping("/console/admin/imports/{id}/cancel")
    String cancel(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            imports.cancel(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "cancel", messages, locale, model, response);
            return show(me, id, model);
        }
        redirect.addFlashAttribute("notice", "admin.imports.cancelled");
        return "redirect:/console/admin/imports/" + id;
    }

    private static Set<ImportKind> kinds(List<String> include) {
        Set<ImportKind> kinds = EnumSet.noneOf(ImportKind.class);
        for (String name : include) {
            switch (name) {
                case "customers" -> {
                    kinds.add(ImportKind.ORGANIZATIONS);
                    kinds.add(ImportKind.CUSTOMERS);
                }
                case "operators" -> kinds.add(ImportKind.OPERATORS);
                case "departments" -> kinds.add(ImportKind.DEPARTMENTS);
                case "custom_fields" -> kinds.add(ImportKind.CUSTOM_FIELDS);
                case "statuses" -> kinds.add(ImportKind.STATUSES);
                case "chats" -> kinds.add(ImportKind.CHATS);
                case "tickets" -> kinds.add(ImportKind.TICKETS);
                default -> throw new InvalidInputException("include", "import.unknown_include", name);
            }
        }
        return kinds;
    }

    private static Integer rate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException notNumber) {
            throw new InvalidInputException("rate", "import.invalid_rate", ImportManagement.MAX_RATE);
        }
    }
}
