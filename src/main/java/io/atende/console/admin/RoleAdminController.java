package io.atende.console.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.operator.CustomRoles;
import io.atende.operator.OperatorRole;
import io.atende.operator.Permission;
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
 * Roles: the built-in agent, supervisor and admin with what each may do (fixed), and the account's custom roles, each a
 * name and a chosen list of permissions: create, change, delete (refused in place while an operator has it).
 */
@Controller
class RoleAdminController {

    private final CustomRoles roles;
    private final ConsoleMessages messages;

    RoleAdminController(CustomRoles roles, ConsoleMessages messages) {
        this.roles = roles;
        this.messages = messages;
    }

    @GetMapping("/console/admin/roles")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("builtIn", OperatorRole.values());
        model.addAttribute("permissions", Permission.values());
        model.addAttribute("roles", roles.list(me.accountId()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new RoleForm(null, Set.of()));
        }
        return "console/admin/roles";
    }

    @PostMapping("/console/admin/roles")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "permission", required = false) List<String> permission,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            roles.create(me.accountId(), name, permissions(permission));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", new RoleForm(name, names(permission)));
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.roles.created");
        return "redirect:/console/admin/roles";
    }

    @PostMapping("/console/admin/roles/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "permission", required = false) List<String> permission,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        roles.get(me.accountId(), id);
        try {
            roles.update(me.accountId(), id, name == null ? "" : name, permissions(permission));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit:" + id, messages, locale, model, response);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.roles.saved");
        return "redirect:/console/admin/roles";
    }

    @PostMapping("/console/admin/roles/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            roles.delete(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "delete:" + id, messages, locale, model, response);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.roles.deleted");
        return "redirect:/console/admin/roles";
    }

    /** The ticked permissions; an unknown name is refused rather than dropped, so nothing is granted by mistake. */
    private static Set<Permission> permissions(List<String> names) {
        var chosen = EnumSet.noneOf(Permission.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                chosen.add(Permission.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidInputException("permission", "parameter.not_one_of",
                        String.join(", ", java.util.Arrays.stream(Permission.values()).map(Enum::name).toList()));
            }
        }
        return chosen;
    }

    private static Set<String> names(List<String> names) {
        return names == null ? Set.of() : Set.copyOf(names);
    }

    /** What the new-role form shows again when refused. */
    record RoleForm(String name, Set<String> permissions) {
    }
}
