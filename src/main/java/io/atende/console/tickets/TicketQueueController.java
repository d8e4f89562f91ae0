package io.atende.console.tickets;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.customer.OrganizationManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RefusalStatuses;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.ticket.BulkTicketAction;
import io.atende.ticket.BulkTicketOutcome;
import io.atende.ticket.SavedTicketViews;
import io.atende.ticket.TicketBulkActions;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketStatusManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket queues at /console/tickets: the personal queues, a queue per department, situation
 * and custom status with their counts, the filters of /ticket/list, search and paging. The list
 * itself is a fragment the page reloads every few seconds, so new and changed tickets show up. Selected rows take a
 * bulk action (each ticket changed on its own, the outcome of each shown after), and any filter can be saved as a view.
 */
@Controller
class TicketQueueController {

    private final TicketQueues queues;
    private final DepartmentManagement departments;
    private final TicketStatusManagement statuses;
    private final OperatorManagement operators;
    private final OrganizationManagement organizations;
    private final DeskDirectory directory;
    private final ConsoleMessages messages;
    private final ConsoleVisibility visibility;
    private final SavedTicketViews views;
    private final TicketBulkActions bulk;
    private final TicketManagement tickets;

    TicketQueueController(TicketQueues queues, DepartmentManagement departments, TicketStatusManagement statuses,
                          OperatorManagement operators, OrganizationManagement organizations, DeskDirectory directory,
                          ConsoleMessages messages, ConsoleVisibility visibility, SavedTicketViews views, TicketBulkActions bulk,
                          TicketManagement tickets) {
        this.visibility = visibility;
        this.views = views;
        this.bulk = bulk;
        this.tickets = tickets;
        this.queues = queues;
        this.departments = departments;
        this.statuses = statuses;
        this.operators = operators;
        this.organizations = organizations;
        this.directory = directory;
        this.messages = messages;
    }

    @GetMapping("/console/tickets")
    String queue(@AuthenticationPrincipal ConsoleOperator me, QueueParams params, HttpServletRequest request,
                 HttpServletResponse response, Model model, Locale locale) {
        return page(me, params.query(), request.getQueryString(), response, model, locale);
    }

    private String page(ConsoleOperator me, TicketQueueQuery query, String queryString, HttpServletResponse response, Model model,
                        Locale locale) {
        model.addAttribute("query", query);
        var seen = visibility.of(me);
        model.addAttribute("savedViews", views.visibleTo(me.accountId(), me.operatorId()));
        if (!model.containsAttribute("selected")) {
            model.addAttribute("selected", List.of());
        }
        model.addAttribute("departments", departments.listDepartments(me.accountId()).stream()
                .filter(department -> seen.sees(department.id())).toList());
        model.addAttribute("categories", departments.listAllCategories(me.accountId()));
        model.addAttribute("statuses", statuses.list(me.accountId()));
        model.addAttribute("operators", operators.list(me.accountId(), new PageRequest(1, 500)).items());
        model.addAttribute("organizations", organizations.list(me.accountId(), new PageRequest(1, 500)).items());
        model.addAttribute("situations", SituationParameter.Choice.all());
        list(me, query, queryString, response, model, locale);
        return "console/tickets/queue";
    }

    /**
     * A bulk action on the selected tickets. Each ticket is changed on its own: the page comes back with what became of
     * each. A request that cannot apply to any ticket (none selected, no action, a missing value) is answered with
     * the queue, its selection and the message, and changes nothing.
     */
    @PostMapping("/console/tickets/bulk")
    String bulk(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "ticket_id", required = false) List<String> ticketIds,
                @RequestParam(name = "action", required = false) String action, @RequestParam Map<String, String> form,
                @RequestParam(name = "return", required = false) String back, HttpServletResponse response, Model model,
                Locale locale, RedirectAttributes redirect) {
        var query = QueueParams.parse(back).query();
        List<String> selected = ticketIds == null ? List.of() : ticketIds;
        List<BulkTicketOutcome> outcomes;
        try {
            outcomes = bulk.apply(me.accountId(), selected, bulkAction(action, form), visibility.of(me));
        } catch (AtendeException refused) {
            response.setStatus(RefusalStatuses.status(refused));
            model.addAttribute("bulkError", messages.text(refused, locale));
            model.addAttribute("selected", selected);
            model.addAttribute("bulkForm", form);
            return page(me, query, query.filterString(), response, model, locale);
        }
        var found = tickets.findAll(me.accountId(), outcomes.stream().map(BulkTicketOutcome::ticketId).toList());
        List<BulkLine> lines = new ArrayList<>();
        for (var outcome : outcomes) {
            var ticket = found.get(outcome.ticketId());
            lines.add(new BulkLine(outcome.ticketId(), ticket == null ? null : ticket.protocol(), ticket == null ? null : ticket.subject(),
                    outcome.applied(), outcome.applied()
                            ? messages.text(outcome.changed() ? "desk.bulk.changed" : "desk.bulk.unchanged", locale)
                            : messages.text(outcome.refusal(), locale)));
        }
        redirect.addFlashAttribute("bulkLines", lines);
        return "redirect:/console/tickets?" + query.filterString();
    }

    private static BulkTicketAction bulkAction(String action, Map<String, String> form) {
        if (action == null || action.isBlank()) {
            throw new InvalidInputException("action", "parameter.required");
        }
        return switch (action) {
            case "assign" -> new BulkTicketAction.Assign(form.get("operator_id"));
            case "transfer" -> new BulkTicketAction.Transfer(form.get("department_id"));
            case "status" -> new BulkTicketAction.Status(form.get("status_id"));
            case "tag" -> new BulkTicketAction.Tag(form.get("tag"));
            case "priority" -> new BulkTicketAction.ChangePriority(form.get("priority") == null || form.get("priority").isBlank() ? null
                    : PriorityField.of("priority", form.get("priority")));
            case "finish" -> new BulkTicketAction.Finish(form.get("message"));
            default -> throw new InvalidInputException("action", "parameter.not_one_of", "assign, transfer, status, tag, priority, finish");
        };
    }

    /** Saves the filter the page shows as a view of the operator's own or, asked, shared with the account. */
    @PostMapping("/console/tickets/views")
    String saveView(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                    @RequestParam(name = "filter", required = false) String filter,
                    @RequestParam(name = "shared", required = false) String shared, HttpServletResponse response, Model model,
                    Locale locale, RedirectAttributes redirect) {
        var query = QueueParams.parse(filter).query();
        try {
            // A filter the queue would refuse is not worth keeping: it is checked as the list checks it.
            query.ticketQuery(me.operatorId(), directory.zone(me.accountId()));
            var view = views.save(me.accountId(), me.operatorId(), name, query.filterString(), shared != null);
            redirect.addFlashAttribute("notice", "desk.view.saved");
            return "redirect:/console/tickets?" + view.filter();
        } catch (AtendeException refused) {
            response.setStatus(RefusalStatuses.status(refused));
            model.addAttribute("viewError", messages.text(refused, locale));
            model.addAttribute("viewName", name);
            return page(me, query, query.filterString(), response, model, locale);
        }
    }

    @PostMapping("/console/tickets/views/{id}/delete")
    String deleteView(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                      @RequestParam(name = "return", required = false) String back, HttpServletResponse response, Model model,
                      Locale locale, RedirectAttributes redirect) {
        var query = QueueParams.parse(back).query();
        try {
            views.delete(me.accountId(), me.operatorId(), me.admin(), id);
        } catch (AtendeException refused) {
            response.setStatus(RefusalStatuses.status(refused));
            model.addAttribute("viewError", messages.text(refused, locale));
            return page(me, query, query.filterString(), response, model, locale);
        }
        redirect.addFlashAttribute("notice", "desk.view.deleted");
        return "redirect:/console/tickets?" + query.filterString();
    }

    /** One ticket's outcome of a bulk action, as the page lists it (kept in the session until the next page). */
    record BulkLine(String ticketId, Long protocol, String subject, boolean applied, String message) implements Serializable {
    }

    /** The list and the counts alone, for the page's periodic refresh. */
    @GetMapping("/console/tickets/queue")
    String fragment(@AuthenticationPrincipal ConsoleOperator me, QueueParams params, HttpServletRequest request,
                    HttpServletResponse response, Model model, Locale locale) {
        list(me, params.query(), request.getQueryString(), response, model, locale);
        model.addAttribute("query", params.query());
        model.addAttribute("selected", List.of());
        return "console/tickets/queue :: results";
    }

    private void list(ConsoleOperator me, TicketQueueQuery query, String rawQueryString, HttpServletResponse response,
                      Model model, Locale locale) {
        model.addAttribute("section", "tickets");
        model.addAttribute("counts", queues.counts(me.accountId(), me.operatorId(), visibility.of(me)));
        String queryString = rawQueryString == null ? "" : rawQueryString;
        model.addAttribute("refreshUrl", "/console/tickets/queue" + (queryString.isEmpty() ? "" : "?" + queryString));
        model.addAttribute("pageLink", pageLink(queryString));
        try {
            Page<TicketQueues.TicketRow> page = queues.page(me.accountId(), me.operatorId(), query, visibility.of(me));
            model.addAttribute("page", page);
        } catch (InvalidInputException invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("filterError", messages.text(invalid, locale));
            model.addAttribute("filterErrorField", invalid.parameter());
        }
    }

    /** The query string without its page, to which the pager appends {@code page=n}. */
    private static String pageLink(String queryString) {
        var kept = java.util.Arrays.stream(queryString.split("&")).filter(part -> !part.isEmpty() && !part.startsWith("page="))
                .toList();
        return "/console/tickets?" + (kept.isEmpty() ? "" : String.join("&", kept) + "&") + "page=";
    }

    /** The query string's parameters, spelled as /ticket/list spells them. */
    record QueueParams(String queue, List<String> situation, String department_id, String status_id, String category_id,
                 List<String> priority, String operator_id, String organization_id, String customer, String creation_date_ge,
                 String creation_date_le, String last_update_ge, String min_protocol, String max_protocol, String column,
                 String order, String search, String page) {

        TicketQueueQuery query() {
            return new TicketQueueQuery(queue, situation, department_id, status_id, category_id, priority, operator_id,
                    organization_id, customer, creation_date_ge, creation_date_le, last_update_ge, min_protocol, max_protocol,
                    column, order, search, page);
        }

        /** The parameters of a query string that a form carried back (a saved view's filter, the page a bulk action returns to). */
        static QueueParams parse(String queryString) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (queryString != null) {
                for (String part : queryString.split("&")) {
                    int equals = part.indexOf('=');
                    if (part.isEmpty() || equals == 0) {
                        continue;
                    }
                    String name = decode(equals < 0 ? part : part.substring(0, equals));
                    String value = equals < 0 ? "" : decode(part.substring(equals + 1));
                    values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                }
            }
            return new QueueParams(first(values, "queue"), values.get("situation"), first(values, "department_id"),
                    first(values, "status_id"), first(values, "category_id"), values.get("priority"), first(values, "operator_id"),
                    first(values, "organization_id"), first(values, "customer"), first(values, "creation_date_ge"),
                    first(values, "creation_date_le"), first(values, "last_update_ge"), first(values, "min_protocol"),
                    first(values, "max_protocol"), first(values, "column"), first(values, "order"), first(values, "search"), null);
        }

        private static String first(Map<String, List<String>> values, String name) {
            var all = values.get(name);
            return all == null ? null : all.get(0);
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return "";
            }
        }
    }
}
