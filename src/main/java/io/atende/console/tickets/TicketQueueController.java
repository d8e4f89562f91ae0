package io.atende.console.tickets;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.customer.OrganizationManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketStatusManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket queues at /console/tickets: the personal queues, a queue per department, situation
 * and custom status with their counts, the filters of /ticket/list, search and paging. The list
 * itself is a fragment the page reloads every few seconds, so new and changed tickets show up.
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

    TicketQueueController(TicketQueues queues, DepartmentManagement departments, TicketStatusManagement statuses,
                          OperatorManagement operators, OrganizationManagement organizations, DeskDirectory directory,
                          ConsoleMessages messages, ConsoleVisibility visibility) {
        this.visibility = visibility;
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
        var query = params.query();
        model.addAttribute("query", query);
        var seen = visibility.of(me);
        model.addAttribute("departments", departments.listDepartments(me.accountId()).stream()
                .filter(department -> seen.sees(department.id())).toList());
        model.addAttribute("categories", departments.listAllCategories(me.accountId()));
        model.addAttribute("statuses", statuses.list(me.accountId()));
        model.addAttribute("operators", operators.list(me.accountId(), new PageRequest(1, 500)).items());
        model.addAttribute("organizations", organizations.list(me.accountId(), new PageRequest(1, 500)).items());
        model.addAttribute("situations", SituationParameter.Choice.all());
        list(me, query, request, response, model, locale);
        return "console/tickets/queue";
    }

    /** The list and the counts alone, for the page's periodic refresh. */
    @GetMapping("/console/tickets/queue")
    String fragment(@AuthenticationPrincipal ConsoleOperator me, QueueParams params, HttpServletRequest request,
                    HttpServletResponse response, Model model, Locale locale) {
        list(me, params.query(), request, response, model, locale);
        model.addAttribute("query", params.query());
        return "console/tickets/queue :: results";
    }

    private void list(ConsoleOperator me, TicketQueueQuery query, HttpServletRequest request, HttpServletResponse response,
                      Model model, Locale locale) {
        model.addAttribute("section", "tickets");
        model.addAttribute("counts", queues.counts(me.accountId(), me.operatorId(), visibility.of(me)));
        String queryString = request.getQueryString() == null ? "" : request.getQueryString();
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
    }
}
