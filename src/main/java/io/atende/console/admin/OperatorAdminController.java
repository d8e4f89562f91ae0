package io.atende.console.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleSessions;
import io.atende.department.DepartmentManagement;
import io.atende.operator.CreateOperator;
import io.atende.operator.CustomRoles;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorTwoFactor;
import io.atende.operator.UpdateOperator;
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
 * Operators: create with a password, edit, role, (de)activate, department memberships, reset their two-factor sign-in,
 * delete (refused in place with linked work).
 */
@Controller
class OperatorAdminController {

    private final OperatorManagement operators;
    private final OperatorTwoFactor twoFactor;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;
    private final ConsoleSessions sessions;
    private final CustomRoles customRoles;

    OperatorAdminController(OperatorManagement operators, OperatorTwoFactor twoFactor, DepartmentManagement departments,
                            ConsoleMessages messages, ConsoleSessions sessions, CustomRoles customRoles) {
        this.customRoles = customRoles;
        this.sessions = sessions;
        this.operators = operators;
        this.twoFactor = twoFactor;
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/console/admin/operators")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("operators", operators.list(me.accountId(), PageRequest.of(Math.max(page, 1))));
        model.addAttribute("roles", OperatorRole.values());
        model.addAttribute("customRoles", customRoles.list(me.accountId()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new OperatorForm(null, null, OperatorRole.OPERATOR.name(), true));
        }
        return "console/admin/operators";
    }

    @PostMapping("/console/admin/operators")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "email", required = false) String email,
                  @RequestParam(name = "password", required = false) String password,
                  @RequestParam(name = "role", required = false) String role,
                  @RequestParam(name = "active", defaultValue = "false") boolean active,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (password == null || password.isEmpty()) {
                throw new InvalidInputException("password", "parameter.required");
            }
            var chosen = role(role);
            var created = operators.create(me.accountId(), new CreateOperator(name, email, password, chosen.role(), active, chosen.customRoleId()));
            redirect.addFlashAttribute("notice", "admin.operators.created");
            return "redirect:/console/admin/operators/" + created.id();
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", new OperatorForm(name, email, role, active));
            return list(me, 1, model);
        }
    }

    @GetMapping("/console/admin/operators/{id}")
    String edit(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model) {
        var operator = operators.get(me.accountId(), id);
        var members = departments.listOperatorsOfAllDepartments(me.accountId());
        var memberOf = new HashSet<String>();
        members.forEach((department, list) -> {
            if (list.stream().anyMatch(member -> member.id().equals(operator.id()))) {
                memberOf.add(department);
            }
        });
        model.addAttribute("section", "admin");
        model.addAttribute("operator", operator);
        model.addAttribute("roles", OperatorRole.values());
        model.addAttribute("customRoles", customRoles.list(me.accountId()));
        model.addAttribute("departments", departments.listDepartments(me.accountId()));
        model.addAttribute("memberOf", memberOf);
        model.addAttribute("twoFactor", twoFactor.status(me.accountId(), id));
        model.addAttribute("openSessions", sessions.count(me.accountId(), id));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new OperatorForm(operator.name(), operator.email(),
                    operator.customRoleId() != null ? CUSTOM + operator.customRoleId() : operator.role().name(), operator.active()));
        }
        return "console/admin/operator";
    }

    @PostMapping("/console/admin/operators/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "email", required = false) String email,
                  @RequestParam(name = "password", required = false) String password,
                  @RequestParam(name = "role", required = false) String role,
                  @RequestParam(name = "active", defaultValue = "false") boolean active,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        operators.get(me.accountId(), id);
        try {
            var chosen = role(role);
            operators.update(me.accountId(), new UpdateOperator(id, name == null ? "" : name, email == null ? "" : email,
                    password == null || password.isEmpty() ? null : password, chosen.role(), active, chosen.customRoleId()));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit", messages, locale, model, response);
            model.addAttribute("form", new OperatorForm(name, email, role, active));
            return edit(me, id, model);
        }
        redirect.addFlashAttribute("notice", "admin.operators.saved");
        return "redirect:/console/admin/operators/" + id;
    }

    /** Makes the operator a member of exactly the departments ticked; every id is checked before anything changes. */
    @PostMapping("/console/admin/operators/{id}/departments")
    String memberships(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                       @RequestParam(name = "department_id", required = false) List<String> chosen, RedirectAttributes redirect) {
        var operator = operators.get(me.accountId(), id);
        Set<String> wanted = new HashSet<>();
        for (String departmentId : chosen == null ? List.<String>of() : chosen) {
            wanted.add(departments.getDepartment(me.accountId(), departmentId).id());
        }
        var members = departments.listOperatorsOfAllDepartments(me.accountId());
        for (var department : departments.listDepartments(me.accountId())) {
            boolean member = members.getOrDefault(department.id(), List.of()).stream().anyMatch(m -> m.id().equals(operator.id()));
            if (wanted.contains(department.id()) && !member) {
                departments.addOperator(me.accountId(), department.id(), operator.id());
            } else if (!wanted.contains(department.id()) && member) {
                departments.removeOperator(me.accountId(), department.id(), operator.id());
            }
        }
        redirect.addFlashAttribute("notice", "admin.operators.memberships_saved");
        return "redirect:/console/admin/operators/" + id;
    }

    /** Forgets the operator's second factor (a lost phone); recorded in the audit log, without any secret. */
    @PostMapping("/console/admin/operators/{id}/two-factor/reset")
    String resetTwoFactor(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            twoFactor.reset(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "two-factor", messages, locale, model, response);
            return edit(me, id, model);
        }
        redirect.addFlashAttribute("notice", "admin.operators.two_factor_was_reset");
        return "redirect:/console/admin/operators/" + id;
    }

    /** Ends every console session of the operator (a lost laptop, a departure); recorded in the audit log. */
    @PostMapping("/console/admin/operators/{id}/sessions/end")
    String endSessions(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        operators.get(me.accountId(), id);
        sessions.endAll(me.accountId(), id);
        redirect.addFlashAttribute("notice", "security.sessions.all_ended");
        return id.equals(me.operatorId()) ? "redirect:/console/sign-in" : "redirect:/console/admin/operators/" + id;
    }

    @PostMapping("/console/admin/operators/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (id.equals(me.operatorId())) {
                throw new RuleViolationException("admin.operators.cannot_delete_self");
            }
            operators.delete(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "delete", messages, locale, model, response);
            return edit(me, id, model);
        }
        redirect.addFlashAttribute("notice", "admin.operators.deleted");
        return "redirect:/console/admin/operators";
    }

    /** The value of a custom role in the role list: this prefix and the role's id. */
    static final String CUSTOM = "custom:";

    /** A built-in role, or a custom one (an unknown or another account's id is refused by the operator module). */
    private ChosenRole role(String role) {
        if (role == null || role.isBlank()) {
            throw new InvalidInputException("role", "parameter.required");
        }
        if (role.startsWith(CUSTOM)) {
            return new ChosenRole(OperatorRole.OPERATOR, role.substring(CUSTOM.length()));
        }
        try {
            return new ChosenRole(OperatorRole.valueOf(role), null);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException("role", "parameter.not_one_of", "OPERATOR, SUPERVISOR, ADMIN");
        }
    }

    private record ChosenRole(OperatorRole role, String customRoleId) {
    }

    /** What the operator form shows: the stored values, or what was typed when it was refused. */
    record OperatorForm(String name, String email, String role, boolean active) {
    }
}
