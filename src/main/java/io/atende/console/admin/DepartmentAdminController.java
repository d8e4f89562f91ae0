package io.atende.console.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.department.AssignmentMode;
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

/** Departments and their ticket categories: create, rename, delete (refused in place while in use). */
@Controller
class DepartmentAdminController {

    private static final String PAGE = "redirect:/console/admin/departments";

    private final DepartmentManagement departments;
    private final ConsoleMessages messages;

    DepartmentAdminController(DepartmentManagement departments, ConsoleMessages messages) {
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/console/admin/departments")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        var all = departments.listDepartments(me.accountId());
        var categories = departments.listAllCategories(me.accountId());
        model.addAttribute("section", "admin");
        model.addAttribute("departments", all);
        model.addAttribute("categories", categories);
        model.addAttribute("assignmentModes", AssignmentMode.values());
        return "console/admin/departments";
    }

    @PostMapping("/console/admin/departments")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "create", () -> departments.createDepartment(me.accountId(), name), "admin.departments.created",
                model, locale, response, redirect);
    }

    @PostMapping("/console/admin/departments/{id}/rename")
    String rename(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "name", required = false) String name,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "rename:" + id, () -> departments.renameDepartment(me.accountId(), id, name), "admin.departments.renamed",
                model, locale, response, redirect);
    }

    /** Changes how the department's tickets are assigned: the mode and the cap (empty or 0: no cap). */
    @PostMapping("/console/admin/departments/{id}/assignment")
    String assignment(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                      @RequestParam(name = "assignment", required = false) String assignment,
                      @RequestParam(name = "max_open_per_operator", required = false) String cap,
                      Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "assignment:" + id, () -> departments.updateDepartment(me.accountId(), id, null, mode(assignment), cap(cap)),
                "admin.departments.assignment_saved", model, locale, response, redirect);
    }

    private static AssignmentMode mode(String value) {
        for (var mode : AssignmentMode.values()) {
            if (mode.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return mode;
            }
        }
        throw new InvalidInputException("assignment", "parameter.not_one_of", "MANUAL, ROUND_ROBIN, LEAST_OPEN");
    }

    private static Integer cap(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("max_open_per_operator", "parameter.not_integer");
        }
    }

    @PostMapping("/console/admin/departments/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "delete:" + id, () -> departments.deleteDepartment(me.accountId(), id), "admin.departments.deleted",
                model, locale, response, redirect);
    }

    @PostMapping("/console/admin/departments/{id}/categories")
    String createCategory(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                          @RequestParam(name = "name", required = false) String name,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "category:" + id, () -> departments.createCategory(me.accountId(), id, name), "admin.categories.created",
                model, locale, response, redirect);
    }

    @PostMapping("/console/admin/categories/{id}/rename")
    String renameCategory(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                          @RequestParam(name = "name", required = false) String name,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "rename:" + id, () -> departments.updateCategory(me.accountId(), id, null, name), "admin.categories.renamed",
                model, locale, response, redirect);
    }

    @PostMapping("/console/admin/categories/{id}/delete")
    String deleteCategory(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return act(me, "delete:" + id, () -> departments.deleteCategory(me.accountId(), id), "admin.categories.deleted",
                model, locale, response, redirect);
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
        return PAGE;
    }
}
