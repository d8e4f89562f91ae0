package io.atende.console.tickets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.Priority;
import io.atende.ticket.TicketManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Opening a ticket on behalf of a customer (a phone call, a walk-in): the customer's words, written down by the operator. */
@Controller
class TicketOpeningController {

    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final CustomFieldManagement customFields;
    private final ConsoleMessages messages;

    TicketOpeningController(TicketManagement tickets, CustomerManagement customers, DepartmentManagement departments,
                            CustomFieldManagement customFields, ConsoleMessages messages) {
        this.tickets = tickets;
        this.customers = customers;
        this.departments = departments;
        this.customFields = customFields;
        this.messages = messages;
    }

    @GetMapping("/console/tickets/new")
    String form(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "department_id", required = false) String departmentId,
                @RequestParam(name = "category_id", required = false) String categoryId, Model model) {
        describe(me, Map.of("department_id", orEmpty(departmentId), "category_id", orEmpty(categoryId)), model);
        return "console/tickets/new";
    }

    /** The custom fields of the chosen department and category, reloaded when either changes. */
    @GetMapping("/console/tickets/new/fields")
    String fields(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "department_id", required = false) String departmentId,
                  @RequestParam(name = "category_id", required = false) String categoryId, Model model) {
        describe(me, Map.of("department_id", orEmpty(departmentId), "category_id", orEmpty(categoryId)), model);
        return "console/tickets/new :: fields";
    }

    @PostMapping("/console/tickets/new")
    String open(@AuthenticationPrincipal ConsoleOperator me, @RequestParam Map<String, String> form,
                @RequestParam(name = "attachment", required = false) List<MultipartFile> files, HttpServletRequest request,
                HttpServletResponse response, Model model, Locale locale) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("custom_field[") && name.endsWith("]") && value != null && !value.isBlank()) {
                fields.put(name.substring("custom_field[".length(), name.length() - 1), value);
            }
        });
        try {
            String customer = blank(form.get("customer"));
            if (customer == null) {
                throw new InvalidInputException("customer", "parameter.required");
            }
            var lookup = customer.contains("@") ? CustomerLookup.byEmail(customer) : CustomerLookup.byInternalIdOrId(customer);
            var found = customers.find(me.accountId(), lookup)
                    .orElseThrow(() -> new InvalidInputException("customer", "desk.new.unknown_customer", customer));
            String departmentId = blank(form.get("department_id"));
            if (departmentId == null) {
                throw new InvalidInputException("department_id", "parameter.required");
            }
            Priority priority = blank(form.get("priority")) == null ? null
                    : PriorityField.of("priority", Integer.parseInt(form.get("priority")));
            var opened = tickets.open(me.accountId(), new OpenTicket(found.id(), departmentId, blank(form.get("category_id")),
                    form.get("subject"), form.get("message"), priority, fields, TicketWorkspaceController.uploads(files),
                    "1".equals(form.get("take")) ? me.operatorId() : null, null, null));
            String target = "/console/tickets/" + opened.id();
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", target);
                describe(me, Map.of(), model);
                return "console/tickets/new :: form";
            }
            return "redirect:" + target;
        } catch (NumberFormatException badPriority) {
            return refused(me, form, new InvalidInputException("priority", "parameter.not_integer"), HttpServletResponse.SC_BAD_REQUEST,
                    request, response, model, locale);
        } catch (InvalidInputException invalid) {
            return refused(me, form, invalid, HttpServletResponse.SC_BAD_REQUEST, request, response, model, locale);
        } catch (RuleViolationException rule) {
            return refused(me, form, rule, HttpServletResponse.SC_CONFLICT, request, response, model, locale);
        } catch (NotFoundException unknown) {
            // A department, category or operator that is not the account's: the form names it, so it is bad input here.
            return refused(me, form, unknown, HttpServletResponse.SC_BAD_REQUEST, request, response, model, locale);
        }
    }

    private String refused(ConsoleOperator me, Map<String, String> form, AtendeException failure, int status, HttpServletRequest request,
                           HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(status);
        model.addAttribute("failure", messages.text(failure, locale));
        model.addAttribute("failedField", failure instanceof InvalidInputException invalid ? invalid.parameter() : null);
        describe(me, form, model);
        return request.getHeader("HX-Request") != null ? "console/tickets/new :: form" : "console/tickets/new";
    }

    private void describe(ConsoleOperator me, Map<String, String> draft, Model model) {
        model.addAttribute("section", "tickets");
        model.addAttribute("draft", draft);
        model.addAttribute("departments", departments.listDepartments(me.accountId()));
        String departmentId = blank(draft.get("department_id"));
        String chosen = blank(draft.get("category_id"));
        var categories = departmentId == null ? List.<io.atende.department.CategoryView>of()
                : departments.listAllCategories(me.accountId()).stream().filter(c -> c.departmentId().equals(departmentId)).toList();
        String categoryId = chosen != null && categories.stream().anyMatch(c -> c.id().equals(chosen)) ? chosen : null;
        model.addAttribute("categories", categories);
        model.addAttribute("ticketFields", departmentId == null ? List.of()
                : customFields.applicable(me.accountId(), CustomFieldEntity.TICKET, departmentId, categoryId));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
