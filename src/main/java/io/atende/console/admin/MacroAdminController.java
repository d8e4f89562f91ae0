package io.atende.console.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.automation.ActionJson;
import io.atende.automation.MacroManagement;
import io.atende.automation.MacroView;
import io.atende.automation.Placeholders;
import io.atende.automation.SaveMacro;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
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
 * The account's macros: the list, a form to create one, a page to edit one, and delete. Actions are written as the
 * JSON array docs/automations.md describes (priorities by name); a refusal names the action and keeps what was typed.
 */
@Controller
class MacroAdminController {

    /** The owner choice that shares a macro with every operator. */
    static final String SHARED = "shared";
    private static final String EXAMPLE = "[{\"type\": \"set_priority\", \"value\": \"high\"}, {\"type\": \"add_tag\", \"value\": \"vip\"}]";
    private static final int MAX_OPERATORS = 1000;

    private final MacroManagement macros;
    private final OperatorManagement operators;
    private final ConsoleMessages messages;

    MacroAdminController(MacroManagement macros, OperatorManagement operators, ConsoleMessages messages) {
        this.macros = macros;
        this.operators = operators;
        this.messages = messages;
    }

    /** What the form shows: as typed, or the macro as saved. */
    record MacroForm(String name, String reply, String actions, String owner) {

        static MacroForm of(MacroView macro) {
            return new MacroForm(macro.name(), macro.reply(), macro.actions().isEmpty() ? "" : ActionJson.format(macro.actions()),
                    macro.shared() ? SHARED : macro.operatorId());
        }
    }

    @GetMapping("/console/admin/macros")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        var all = macros.list(me.accountId());
        model.addAttribute("section", "admin");
        model.addAttribute("macros", all);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new MacroForm("", "", "", SHARED));
        }
        return common(me, model, "console/admin/macros");
    }

    @GetMapping("/console/admin/macros/{id}")
    String edit(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model) {
        var macro = macros.get(me.accountId(), id);
        model.addAttribute("section", "admin");
        model.addAttribute("macro", macro);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", MacroForm.of(macro));
        }
        return common(me, model, "console/admin/macro");
    }

    @PostMapping("/console/admin/macros")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> given, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        var form = form(given);
        try {
            macros.create(me.accountId(), command(form));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", form);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.macros.created");
        return "redirect:/console/admin/macros";
    }

    @PostMapping("/console/admin/macros/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, @RequestParam Map<String, String> given,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var form = form(given);
        var macro = macros.get(me.accountId(), id);
        try {
            macros.update(me.accountId(), macro.id(), command(form));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit", messages, locale, model, response);
            model.addAttribute("form", form);
            return edit(me, id, model);
        }
        redirect.addFlashAttribute("notice", "admin.macros.updated");
        return "redirect:/console/admin/macros";
    }

    @PostMapping("/console/admin/macros/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        macros.delete(me.accountId(), id);
        redirect.addFlashAttribute("notice", "admin.macros.deleted");
        return "redirect:/console/admin/macros";
    }

    private String common(ConsoleOperator me, Model model, String view) {
        List<OperatorView> all = operators.list(me.accountId(), new PageRequest(1, MAX_OPERATORS)).items();
        Map<String, String> names = new LinkedHashMap<>();
        all.forEach(operator -> names.put(operator.id(), operator.name()));
        model.addAttribute("operators", all);
        model.addAttribute("operatorNames", names);
        model.addAttribute("placeholders", String.join(", ", Placeholders.NAMES.stream().map(name -> "{{" + name + "}}").toList()));
        model.addAttribute("actionTypes", String.join(", ", ActionJson.TYPES));
        model.addAttribute("example", EXAMPLE);
        return view;
    }

    private static MacroForm form(Map<String, String> given) {
        return new MacroForm(given.getOrDefault("name", ""), given.getOrDefault("reply", ""), given.getOrDefault("actions", ""),
                given.getOrDefault("owner", SHARED));
    }

    private static SaveMacro command(MacroForm form) {
        String owner = form.owner() == null || form.owner().isBlank() || form.owner().equals(SHARED) ? null : form.owner().strip();
        return new SaveMacro(form.name(), form.reply(), ActionJson.parse("actions", form.actions()), owner);
    }
}
