package io.atende.console.tickets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerFilter;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.Ids;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.Priority;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketView;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** Opening a ticket on behalf of a customer (a phone call, a walk-in): the customer's words, written down by the operator. */
@Controller
class TicketOpeningController {

    private static final int SUGGESTIONS = 8;
    private static final int SUGGESTION_MAX_TYPED = 250;
    private static final String NEW_NAME = "new_customer_name";
    private static final String NEW_EMAIL = "new_customer_email";
    /** The customer module's names of the attributes the inline form sets, and the form's names of them. */
    private static final Map<String, String> NEW_CUSTOMER_FIELDS = Map.of("name", NEW_NAME, "email", NEW_EMAIL,
            "customer_id", NEW_EMAIL);

    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final CustomFieldManagement customFields;
    private final ConsoleMessages messages;
    private final ConsoleVisibility visibility;

    TicketOpeningController(TicketManagement tickets, CustomerManagement customers, DepartmentManagement departments,
                            CustomFieldManagement customFields, ConsoleMessages messages, ConsoleVisibility visibility) {
        this.visibility = visibility;
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
        boolean newCustomer = "new".equals(form.get("customer_mode"));
        try {
            String departmentId = blank(form.get("department_id"));
            Priority priority = blank(form.get("priority")) == null ? null
                    : PriorityField.of("priority", Integer.parseInt(form.get("priority")));
            var uploads = TicketWorkspaceController.uploads(files);
            Function<String, OpenTicket> ticketOf = customerId -> new OpenTicket(customerId, departmentId, blank(form.get("category_id")),
                    form.get("subject"), form.get("message"), priority, fields, uploads,
                    "1".equals(form.get("take")) ? me.operatorId() : null, null, null);
            TicketView opened;
            if (newCustomer) {
                String name = blank(form.get("new_customer_name"));
                String email = blank(form.get("new_customer_email"));
                if (name == null) {
                    throw new InvalidInputException(NEW_NAME, "desk.new.customer_name_required");
                }
                if (email == null) {
                    throw new InvalidInputException(NEW_EMAIL, "desk.new.customer_email_required");
                }
                requireDepartment(me, departmentId);
                // The e-mail address is the internal id, as for customers who sign up in the portal or write in.
                opened = tickets.openForNewCustomer(me.accountId(), new CreateCustomer(email, name, email, null, null, null, null, null,
                        null, null, null, null, Map.of()), ticketOf.apply(""), TicketChannel.CONSOLE).ticket();
            } else {
                var found = chosenCustomer(me, form);
                requireDepartment(me, departmentId);
                opened = tickets.open(me.accountId(), ticketOf.apply(found.id()));
            }
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
            if (newCustomer && NEW_CUSTOMER_FIELDS.containsKey(invalid.parameter())) {
                // The customer's own refusals name its attributes; on this form they are the new customer's fields.
                var arguments = invalid.arguments();
                invalid = new InvalidInputException(NEW_CUSTOMER_FIELDS.get(invalid.parameter()), invalid.messageKey(),
                        Arrays.copyOfRange(arguments, 1, arguments.length));
            }
            return refused(me, form, invalid, HttpServletResponse.SC_BAD_REQUEST, request, response, model, locale);
        } catch (RuleViolationException rule) {
            return refused(me, form, rule, HttpServletResponse.SC_CONFLICT, request, response, model, locale);
        } catch (NotFoundException unknown) {
            // A department, category or operator that is not the account's: the form names it, so it is bad input here.
            return refused(me, form, unknown, HttpServletResponse.SC_BAD_REQUEST, request, response, model, locale);
        }
    }

    /**
     * Customers whose name, e-mail address, internal id or id start with what was typed, for the customer field's
     * suggestions: a few, so that each key typed costs one small indexed read.
     */
    @GetMapping(path = "/console/tickets/new/customers", produces = "application/json")
    @ResponseBody
    List<CustomerSuggestion> suggestCustomers(@AuthenticationPrincipal ConsoleOperator me,
                                              @RequestParam(name = "q", required = false) String typed) {
        String text = blank(typed);
        if (text == null || text.length() > SUGGESTION_MAX_TYPED) {
            return List.of();
        }
        Map<String, CustomerSuggestion> found = new LinkedHashMap<>();
        if (Ids.isId(text)) {
            customers.find(me.accountId(), CustomerLookup.byId(text)).ifPresent(customer -> found.put(customer.id(), CustomerSuggestion.of(customer)));
        }
        customers.list(me.accountId(), new CustomerFilter(null, text), new PageRequest(1, SUGGESTIONS)).items()
                .forEach(customer -> found.putIfAbsent(customer.id(), CustomerSuggestion.of(customer)));
        return found.values().stream().limit(SUGGESTIONS).toList();
    }

    /** One suggested customer, as the field's list shows it. */
    record CustomerSuggestion(String id, String name, String email, String internalId) {

        static CustomerSuggestion of(CustomerView customer) {
            return new CustomerSuggestion(customer.id(), customer.name(), customer.email(), customer.internalId());
        }
    }

    /** The customer picked from the suggestions (its id), else the one the typed e-mail address, internal id or id names. */
    private CustomerView chosenCustomer(ConsoleOperator me, Map<String, String> form) {
        String chosenId = blank(form.get("customer_id"));
        if (chosenId != null) {
            var chosen = customers.find(me.accountId(), CustomerLookup.byId(chosenId));
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        String customer = blank(form.get("customer"));
        if (customer == null) {
            throw new InvalidInputException("customer", "parameter.required");
        }
        var lookup = customer.contains("@") ? CustomerLookup.byEmail(customer) : CustomerLookup.byInternalIdOrId(customer);
        return customers.find(me.accountId(), lookup)
                .orElseThrow(() -> new InvalidInputException("customer", "desk.new.unknown_customer", customer));
    }

    /** A department is chosen, and one the operator sees: an agent opens tickets only in their own departments. */
    private void requireDepartment(ConsoleOperator me, String departmentId) {
        if (departmentId == null) {
            throw new InvalidInputException("department_id", "parameter.required");
        }
        if (!visibility.of(me).sees(departmentId)) {
            throw new InvalidInputException("department_id", "desk.new.department_not_yours");
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
        var sees = visibility.of(me);
        // An agent is offered only their own departments; a forged other one is refused (requireDepartment).
        model.addAttribute("departments", departments.listDepartments(me.accountId()).stream().filter(d -> sees.sees(d.id())).toList());
        String typed = blank(draft.get("department_id"));
        String departmentId = typed != null && sees.sees(typed) ? typed : null;
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
