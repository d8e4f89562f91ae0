package io.atende.console.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.customfield.ChangeCustomField;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldType;
import io.atende.customfield.DefineCustomField;
import io.atende.department.DepartmentManagement;
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

/** Custom fields of tickets, finished tickets, customers and evaluations: define, change, delete. */
@Controller
class CustomFieldAdminController {

    private final CustomFieldManagement fields;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;

    CustomFieldAdminController(CustomFieldManagement fields, DepartmentManagement departments, ConsoleMessages messages) {
        this.fields = fields;
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/console/admin/fields")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("fields", fields.list(me.accountId()));
        model.addAttribute("entities", CustomFieldEntity.values());
        model.addAttribute("types", CustomFieldType.values());
        // A select field's options are edited one per line.
        model.addAttribute("newline", "\n");
        model.addAttribute("departments", departments.listDepartments(me.accountId()));
        model.addAttribute("categories", departments.listAllCategories(me.accountId()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new FieldForm(null, "ticket", "text", "", false, null, null));
        }
        return "console/admin/fields";
    }

    @PostMapping("/console/admin/fields")
    String define(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "label", required = false) String label,
                  @RequestParam(name = "entity", required = false) String entity,
                  @RequestParam(name = "type", required = false) String type,
                  @RequestParam(name = "options", required = false) String options,
                  @RequestParam(name = "required", defaultValue = "false") boolean required,
                  @RequestParam(name = "department_id", required = false) String departmentId,
                  @RequestParam(name = "category_id", required = false) String categoryId,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            fields.define(me.accountId(), new DefineCustomField(label,
                    entity == null ? null : CustomFieldEntity.fromWireName(entity)
                            .orElseThrow(() -> new InvalidInputException("entity", "parameter.required")),
                    type == null ? null : CustomFieldType.fromWireName(type)
                            .orElseThrow(() -> new InvalidInputException("type", "parameter.required")),
                    lines(options), required, blankToNull(departmentId), blankToNull(categoryId)));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", new FieldForm(label, entity, type, options, required, departmentId, categoryId));
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.fields.created");
        return "redirect:/console/admin/fields";
    }

    @PostMapping("/console/admin/fields/{id}")
    String change(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "label", required = false) String label,
                  @RequestParam(name = "options", required = false) String options,
                  @RequestParam(name = "required", defaultValue = "false") boolean required,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var field = fields.get(me.accountId(), id);
        try {
            fields.change(me.accountId(), new ChangeCustomField(field.id(), label == null ? "" : label,
                    field.type() == CustomFieldType.SELECT ? lines(options) : null, required));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit:" + id, messages, locale, model, response);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.fields.saved");
        return "redirect:/console/admin/fields";
    }

    @PostMapping("/console/admin/fields/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        fields.delete(me.accountId(), id);
        redirect.addFlashAttribute("notice", "admin.fields.deleted");
        return "redirect:/console/admin/fields";
    }

    /** One option per line; blank lines dropped. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** What the field form shows: the defaults, or what was typed when it was refused. */
    record FieldForm(String label, String entity, String type, String options, boolean required, String departmentId,
                     String categoryId) {
    }
}
