package io.atende.console.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.sla.DefinePolicy;
import io.atende.sla.PolicyPreview;
import io.atende.sla.SlaConditions;
import io.atende.sla.SlaManagement;
import io.atende.sla.SlaPolicy;
import io.atende.sla.SlaTargets;
import io.atende.ticket.Priority;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static io.atende.console.admin.CalendarAdminController.number;

/**
 * SLA policies in the order they are tried, each with when a ticket opened now would be due; a form for a new one,
 * and each policy's page to change or delete it.
 */
@Controller
class SlaAdminController {

    private final SlaManagement sla;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;
    private final Clock clock;

    SlaAdminController(SlaManagement sla, DepartmentManagement departments, ConsoleMessages messages, Clock clock) {
        this.sla = sla;
        this.departments = departments;
        this.messages = messages;
        this.clock = clock;
    }

    /** What the policy form shows, as typed: numbers stay text so that a refused form comes back as it was. */
    record PolicyForm(String name, String calendarId, String departmentId, String categoryId, Set<Priority> priority,
                      String organizationId, String firstReplyMinutes, String nextReplyMinutes, String resolutionMinutes,
                      String warningPercent, String position, Boolean active) {

        PolicyForm {
            priority = priority == null ? Set.of() : Set.copyOf(priority);
        }

        static PolicyForm blank() {
            return new PolicyForm("", "", "", "", Set.of(), "", "", "", "", String.valueOf(DefinePolicy.DEFAULT_WARNING_PERCENT), "", true);
        }

        static PolicyForm of(SlaPolicy policy) {
            var conditions = policy.conditions();
            var targets = policy.targets();
            return new PolicyForm(policy.name(), text(policy.calendarId()), text(conditions.departmentId()), text(conditions.categoryId()),
                    conditions.priorities(), text(conditions.organizationId()), minutes(targets.firstReply()), minutes(targets.nextReply()),
                    minutes(targets.resolution()), String.valueOf(policy.warningPercent()), String.valueOf(policy.position()), policy.active());
        }

        DefinePolicy definition() {
            var chosen = priority.isEmpty() ? EnumSet.noneOf(Priority.class) : EnumSet.copyOf(priority);
            return new DefinePolicy(name, blankIsNull(calendarId),
                    new SlaConditions(blankIsNull(departmentId), blankIsNull(categoryId), chosen, blankIsNull(organizationId)),
                    new SlaTargets(target("first_reply_minutes", firstReplyMinutes), target("next_reply_minutes", nextReplyMinutes),
                            target("resolution_minutes", resolutionMinutes)),
                    blankIsNull(warningPercent) == null ? DefinePolicy.DEFAULT_WARNING_PERCENT : number("warning_percent", warningPercent),
                    blankIsNull(position) == null ? null : number("position", position), Boolean.TRUE.equals(active));
        }

        private static Duration target(String field, String text) {
            return blankIsNull(text) == null ? null : Duration.ofMinutes(number(field, text));
        }

        private static String blankIsNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }

        private static String text(String value) {
            return value == null ? "" : value;
        }

        private static String minutes(Duration target) {
            return target == null ? "" : String.valueOf(target.toMinutes());
        }
    }

    @GetMapping("/console/admin/sla")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        var policies = sla.listPolicies(me.accountId());
        var now = clock.instant();
        Map<String, PolicyPreview> previews = new HashMap<>();
        for (var policy : policies) {
            try {
                previews.put(policy.id(), sla.preview(me.accountId(), policy, now));
            } catch (RuleViolationException tooLittleBusinessTime) {
                // The row shows no preview; the calendar's own page explains the deadline it cannot reach.
            }
        }
        model.addAttribute("policies", policies);
        model.addAttribute("previews", previews);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PolicyForm.blank());
        }
        return choices(me, model, "console/admin/sla");
    }

    @PostMapping("/console/admin/sla")
    String create(@AuthenticationPrincipal ConsoleOperator me, PolicyForm form, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            sla.createPolicy(me.accountId(), form.definition());
        } catch (InvalidInputException | RuleViolationException | NotFoundException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            if (refused instanceof NotFoundException) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            model.addAttribute("form", form);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.sla.created");
        return "redirect:/console/admin/sla";
    }

    @GetMapping("/console/admin/sla/{id}")
    String show(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model) {
        var policy = sla.getPolicy(me.accountId(), id);
        model.addAttribute("policy", policy);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PolicyForm.of(policy));
        }
        return choices(me, model, "console/admin/sla-policy");
    }

    @PostMapping("/console/admin/sla/{id}")
    String save(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, PolicyForm form, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        var policy = sla.getPolicy(me.accountId(), id);
        try {
            sla.updatePolicy(me.accountId(), policy.id(), form.definition());
        } catch (InvalidInputException | RuleViolationException | NotFoundException refused) {
            FormError.show(refused, "save", messages, locale, model, response);
            if (refused instanceof NotFoundException) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            model.addAttribute("form", form);
            return show(me, id, model);
        }
        redirect.addFlashAttribute("notice", "admin.sla.saved");
        return "redirect:/console/admin/sla/" + policy.id();
    }

    @PostMapping("/console/admin/sla/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        sla.deletePolicy(me.accountId(), id);
        redirect.addFlashAttribute("notice", "admin.sla.deleted");
        return "redirect:/console/admin/sla";
    }

    /** The choices of the form's selects: calendars, departments, and categories named with their department. */
    private String choices(ConsoleOperator me, Model model, String view) {
        model.addAttribute("section", "admin");
        model.addAttribute("calendars", sla.listCalendars(me.accountId()));
        var allDepartments = departments.listDepartments(me.accountId());
        Map<String, String> departmentNames = allDepartments.stream()
                .collect(Collectors.toMap(department -> department.id(), department -> department.name()));
        Map<String, String> categories = new LinkedHashMap<>();
        departments.listAllCategories(me.accountId()).stream()
                .sorted(Comparator.comparing((CategoryView category) ->
                        departmentNames.getOrDefault(category.departmentId(), "")).thenComparing(category -> category.name()))
                .forEach(category -> categories.put(category.id(), departmentNames.getOrDefault(category.departmentId(), "") + " / " + category.name()));
        model.addAttribute("departments", allDepartments);
        model.addAttribute("categories", categories);
        model.addAttribute("calendarNames", sla.listCalendars(me.accountId()).stream()
                .collect(Collectors.toMap(calendar -> calendar.id(), calendar -> calendar.name())));
        model.addAttribute("departmentNames", departmentNames);
        model.addAttribute("priorities", List.of(Priority.values()));
        return view;
    }
}
