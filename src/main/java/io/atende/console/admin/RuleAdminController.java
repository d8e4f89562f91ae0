package io.atende.console.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.automation.ActionJson;
import io.atende.automation.AutomationManagement;
import io.atende.automation.Condition;
import io.atende.automation.ConditionJson;
import io.atende.automation.RuleTestResult;
import io.atende.automation.RuleView;
import io.atende.automation.SaveRule;
import io.atende.automation.TriggerManagement;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketQuery;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Triggers and time-based automations in the console: the list in the order they run (drag, or the move buttons, to
 * reorder), turning one on or off, deleting after a confirmation page, the structured editor of conditions and actions,
 * and the "test against a ticket" preview. Every page works by submitting forms; admin.js only adds and removes
 * editor rows and lets rows be dragged. Definitions are checked by the automation module exactly as the API's are.
 */
@Controller
class RuleAdminController {

    private static final String KINDS = "{kind:triggers|automations}";

    private final TriggerManagement triggers;
    private final AutomationManagement automations;
    private final TicketManagement tickets;
    private final RulePickers pickers;
    private final ConsoleMessages messages;

    RuleAdminController(TriggerManagement triggers, AutomationManagement automations, TicketManagement tickets, RulePickers pickers,
                        ConsoleMessages messages) {
        this.triggers = triggers;
        this.automations = automations;
        this.tickets = tickets;
        this.pickers = pickers;
        this.messages = messages;
    }

    // --- the list

    /** Two literal paths, so that the administration's menu (built from the served areas) lists both. */
    @GetMapping({"/console/admin/triggers", "/console/admin/automations"})
    String list(@AuthenticationPrincipal ConsoleOperator me, jakarta.servlet.http.HttpServletRequest request, Model model) {
        return list(me, request.getRequestURI().endsWith("/automations") ? "automations" : "triggers", model);
    }

    private String list(ConsoleOperator me, String kind, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("kind", kind);
        model.addAttribute("trigger", isTrigger(kind));
        model.addAttribute("rules", rules(me, kind));
        return "console/admin/rules";
    }

    /** Saves the order the rows were dragged into: {@code order} names every rule once, first to run first. */
    @PostMapping("/console/admin/" + KINDS + "/order")
    String reorder(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind,
                   @RequestParam(name = "order", required = false) List<String> order, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        try {
            reorder(me, kind, order == null ? List.of() : order);
        } catch (InvalidInputException refused) {
            FormError.show(refused, "order", messages, locale, model, response);
            return list(me, kind, model);
        }
        redirect.addFlashAttribute("notice", "rules.order_saved");
        return "redirect:/console/admin/" + kind;
    }

    /**
     * Moves one rule a place up or down, for keyboards and pages without scripts; the same button has the focus again.
     * Any other direction (or none) is refused and nothing moves: guessing one could reorder the wrong way.
     */
    @PostMapping("/console/admin/" + KINDS + "/{id}/move")
    String move(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("id") String id,
                @RequestParam(name = "direction", required = false) String direction, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        var rule = get(me, kind, id);
        boolean down;
        try {
            down = downward(direction);
        } catch (InvalidInputException refused) {
            FormError.show(refused, "order", messages, locale, model, response);
            return list(me, kind, model);
        }
        List<String> order = new ArrayList<>(rules(me, kind).stream().map(RuleView::id).toList());
        int from = order.indexOf(rule.id());
        int to = down ? from + 1 : from - 1;
        if (to >= 0 && to < order.size()) {
            order.remove(from);
            order.add(to, rule.id());
            reorder(me, kind, order);
        }
        redirect.addFlashAttribute("notice", "rules.order_saved");
        redirect.addFlashAttribute("moved", rule.id() + ":" + (down ? "down" : "up"));
        // No #fragment: Chromium refuses autofocus on a page whose address has one.
        return "redirect:/console/admin/" + kind;
    }

    private static boolean downward(String direction) {
        if (direction == null || direction.isBlank()) {
            throw new InvalidInputException("direction", "parameter.required");
        }
        return switch (direction) {
            case "up" -> false;
            case "down" -> true;
            default -> throw new InvalidInputException("direction", "parameter.not_one_of", "up, down");
        };
    }

    @PostMapping("/console/admin/" + KINDS + "/{id}/active")
    String activate(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("id") String id,
                    @RequestParam(name = "active", defaultValue = "0") String active, RedirectAttributes redirect) {
        boolean on = active.equals("1");
        if (isTrigger(kind)) {
            triggers.activate(me.accountId(), id, on);
        } else {
            automations.activate(me.accountId(), id, on);
        }
        redirect.addFlashAttribute("notice", on ? "rules.activated" : "rules.deactivated");
        redirect.addFlashAttribute("moved", id + ":active");
        return "redirect:/console/admin/" + kind;
    }

    @GetMapping("/console/admin/" + KINDS + "/{id}/delete")
    String confirmDelete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("id") String id,
                         Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("kind", kind);
        model.addAttribute("trigger", isTrigger(kind));
        model.addAttribute("rule", get(me, kind, id));
        return "console/admin/rule-delete";
    }

    @PostMapping("/console/admin/" + KINDS + "/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("id") String id,
                  RedirectAttributes redirect) {
        if (isTrigger(kind)) {
            triggers.delete(me.accountId(), id);
        } else {
            automations.delete(me.accountId(), id);
        }
        redirect.addFlashAttribute("notice", "rules.deleted");
        return "redirect:/console/admin/" + kind;
    }

    // --- the editor

    @GetMapping("/console/admin/" + KINDS + "/new")
    String newRule(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, Model model, Locale locale) {
        return editor(me, kind, null, RuleForm.blank(isTrigger(kind)), model, locale);
    }

    @PostMapping("/console/admin/" + KINDS + "/new")
    String create(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind,
                  @RequestParam MultiValueMap<String, String> given, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) {
        var form = RuleForm.read(given);
        var changed = rowChange(form, given);
        if (changed != null) {
            return editor(me, kind, null, changed, model, locale);
        }
        try {
            var command = form.command(null);
            if (isTrigger(kind)) {
                triggers.create(me.accountId(), command);
            } else {
                automations.create(me.accountId(), command);
            }
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "rule", messages, locale, model, response);
            return editor(me, kind, null, form, model, locale);
        }
        redirect.addFlashAttribute("notice", "rules.created");
        return "redirect:/console/admin/" + kind;
    }

    /** The rule's editor; with {@code ticket}, also the preview of the saved rule against that ticket. */
    @GetMapping("/console/admin/" + KINDS + "/{id}")
    String edit(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("id") String id,
                @RequestParam(name = "ticket", required = false) String ticket,
                @RequestParam(name = "channel", required = false) String channel, Model model, Locale locale,
                HttpServletResponse response) {
        var rule = get(me, kind, id);
        if (ticket != null) {
            preview(me, kind, rule, ticket.strip(), channel, model, locale, response);
        }
        return editor(me, kind, rule, RuleForm.of(rule), model, locale);
    }

    @PostMapping("/console/admin/" + KINDS + "/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("id") String id,
                  @RequestParam MultiValueMap<String, String> given, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) {
        var rule = get(me, kind, id);
        var form = RuleForm.read(given);
        var changed = rowChange(form, given);
        if (changed != null) {
            return editor(me, kind, rule, changed, model, locale);
        }
        try {
            SaveRule command = form.command(null);
            if (isTrigger(kind)) {
                triggers.update(me.accountId(), rule.id(), command);
            } else {
                automations.update(me.accountId(), rule.id(), command);
            }
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "rule", messages, locale, model, response);
            return editor(me, kind, rule, form, model, locale);
        }
        redirect.addFlashAttribute("notice", "rules.updated");
        return "redirect:/console/admin/" + kind;
    }

    /** The form changed by a row button of a page without scripts (add, remove, refresh the choices), or null to save it. */
    private static RuleForm rowChange(RuleForm form, MultiValueMap<String, String> given) {
        if ("condition".equals(given.getFirst("add"))) {
            return form.withCondition();
        }
        if ("action".equals(given.getFirst("add"))) {
            return form.withAction();
        }
        if (given.containsKey("remove_condition")) {
            return form.withoutCondition(index(given.getFirst("remove_condition")));
        }
        if (given.containsKey("remove_action")) {
            return form.withoutAction(index(given.getFirst("remove_action")));
        }
        return given.containsKey("refresh") ? form : null;
    }

    private static int index(String given) {
        try {
            return Integer.parseInt(given);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private String editor(ConsoleOperator me, String kind, RuleView rule, RuleForm form, Model model, Locale locale) {
        model.addAttribute("section", "admin");
        model.addAttribute("kind", kind);
        model.addAttribute("trigger", isTrigger(kind));
        model.addAttribute("rule", rule);
        model.addAttribute("form", form);
        model.addAttribute("choices", pickers.choices(me.accountId(), locale));
        model.addAttribute("fields", Condition.FIELDS);
        model.addAttribute("operatorsOf", Condition.FIELDS.stream()
                .collect(java.util.stream.Collectors.toMap(field -> field, ConditionJson::operators)));
        model.addAttribute("actionTypes", ActionJson.TYPES);
        model.addAttribute("events", RuleView.EVENTS);
        model.addAttribute("blankCondition", RuleForm.ConditionRow.blank());
        model.addAttribute("blankConditions", Condition.FIELDS.stream().collect(java.util.stream.Collectors.toMap(field -> field,
                field -> new RuleForm.ConditionRow(field, ConditionJson.operators(field).get(0), "", ""))));
        model.addAttribute("blankActions", ActionJson.TYPES.stream().collect(java.util.stream.Collectors.toMap(type -> type,
                type -> new RuleForm.ActionRow(type, "", "", "", ""))));
        model.addAttribute("blankAction", RuleForm.ActionRow.blank());
        return "console/admin/rule";
    }

    private void preview(ConsoleOperator me, String kind, RuleView rule, String ticket, String channel, Model model, Locale locale,
                         HttpServletResponse response) {
        model.addAttribute("ticketAsked", ticket);
        String chosen = channel == null || channel.isBlank() ? "console" : channel;
        model.addAttribute("channelAsked", chosen);
        try {
            String ticketId = ticketId(me, ticket);
            RuleTestResult result;
            if (isTrigger(kind)) {
                var known = List.of("api", "email", "console", "portal", "widget", "chat", "other");
                if (!known.contains(chosen)) {
                    throw new InvalidInputException("channel", "parameter.invalid");
                }
                result = triggers.test(me.accountId(), rule.id(), ticketId, TicketChannel.valueOf(chosen.toUpperCase(Locale.ROOT)));
            } else {
                result = automations.test(me.accountId(), rule.id(), ticketId);
            }
            var choices = pickers.choices(me.accountId(), locale);
            model.addAttribute("result", result);
            model.addAttribute("judged", pickers.judged(result, choices));
            model.addAttribute("wouldRun", result.actions().stream().map(action -> pickers.describe(action, choices)).toList());
        } catch (NotFoundException unknown) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("previewError", messages.text("rules.test.no_ticket", locale, ticket));
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("previewError", messages.text(refused, locale));
        }
    }

    /** The ticket of a number (its protocol, with or without "#") or of an id, in the operator's account. */
    private String ticketId(ConsoleOperator me, String given) {
        String number = given.startsWith("#") ? given.substring(1).strip() : given;
        if (number.isEmpty()) {
            throw new InvalidInputException("ticket", "parameter.required");
        }
        if (number.matches("\\d{1,18}")) {
            long protocol = Long.parseLong(number);
            var found = tickets.list(me.accountId(), TicketQuery.all().withProtocols(protocol, protocol), new PageRequest(1, 1)).items();
            if (found.isEmpty()) {
                throw new NotFoundException("ticket.not_found", given);
            }
            return found.get(0).id();
        }
        return tickets.get(me.accountId(), number).id();
    }

    // --- the two kinds

    private static boolean isTrigger(String kind) {
        return kind.equals("triggers");
    }

    private List<RuleView> rules(ConsoleOperator me, String kind) {
        return isTrigger(kind) ? triggers.list(me.accountId()) : automations.list(me.accountId());
    }

    private RuleView get(ConsoleOperator me, String kind, String id) {
        return isTrigger(kind) ? triggers.get(me.accountId(), id) : automations.get(me.accountId(), id);
    }

    private void reorder(ConsoleOperator me, String kind, List<String> order) {
        if (isTrigger(kind)) {
            triggers.reorder(me.accountId(), order);
        } else {
            automations.reorder(me.accountId(), order);
        }
    }

}
