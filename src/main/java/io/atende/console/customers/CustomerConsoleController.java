package io.atende.console.customers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.atende.console.ConsoleDates;
import io.atende.customer.CustomerExport;

import org.springframework.http.ContentDisposition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.chat.ChatFilter;
import io.atende.chat.ChatManagement;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.customer.Change;
import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerErasures;
import io.atende.customer.CustomerFilter;
import io.atende.customer.CustomerLanguage;
import io.atende.customer.CustomerLookup;
import io.atende.customeraccess.CustomerTwoFactor;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.customer.OrganizationManagement;
import io.atende.customer.UndeliverableEmails;
import io.atende.customer.UpdateCustomer;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketQuery;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers in the console: the searchable list with a form for a new one, and a customer's page with their details
 * and custom fields to edit, all their tickets and chats, anonymization (admins only, after a confirmation) and deletion
 * (admins only, refused in place while tickets or chats are theirs, unless anonymized).
 */
@Controller
class CustomerConsoleController {

    /** Organizations offered in a customer's organization menu, by name. */
    static final int ORGANIZATION_CHOICES = 1000;

    private final CustomerManagement customers;
    private final CustomerErasures erasures;
    private final OrganizationManagement organizations;
    private final CustomFieldManagement customFields;
    private final TicketManagement tickets;
    private final ChatManagement chats;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;

    private final ConsoleVisibility visibility;
    private final CustomerExport export;
    private final ConsoleDates dates;
    private final UndeliverableEmails undeliverable;

    private final CustomerTwoFactor twoFactor;

    CustomerConsoleController(CustomerManagement customers, CustomerErasures erasures, OrganizationManagement organizations, CustomFieldManagement customFields,
                              TicketManagement tickets, ChatManagement chats, DepartmentManagement departments,
                              ConsoleMessages messages, ConsoleVisibility visibility, CustomerExport export, ConsoleDates dates,
                              UndeliverableEmails undeliverable, CustomerTwoFactor twoFactor) {
        this.undeliverable = undeliverable;
        this.twoFactor = twoFactor;
        this.export = export;
        this.dates = dates;
        this.visibility = visibility;
        this.customers = customers;
        this.erasures = erasures;
        this.organizations = organizations;
        this.customFields = customFields;
        this.tickets = tickets;
        this.chats = chats;
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/console/customers")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "search", required = false) String search,
                @RequestParam(name = "page", defaultValue = "1") int page, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("section", "customers");
        model.addAttribute("search", search == null ? "" : search);
        try {
            model.addAttribute("customers", customers.list(me.accountId(), new CustomerFilter(null, search), PageRequest.of(Math.max(page, 1))));
        } catch (InvalidInputException refused) {
            FormError.show(refused, "search", messages, locale, model, response);
            model.addAttribute("customers", customers.list(me.accountId(), CustomerFilter.ALL, PageRequest.of(1)));
        }
        choices(me, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CustomerForm.empty());
        }
        return "console/customers/customers";
    }

    @PostMapping("/console/customers")
    String create(@AuthenticationPrincipal ConsoleOperator me, HttpServletRequest request, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        var form = CustomerForm.of(request);
        try {
            var created = customers.create(me.accountId(), new CreateCustomer(form.internalId(), form.name(), form.email(), form.phone(),
                    form.organizationId(), null, form.allowCreateTickets(), null, form.active(), null, form.language(), null,
                    form.filledFields()));
            redirect.addFlashAttribute("notice", "customers.created");
            return "redirect:/console/customers/" + created.id();
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", form);
            return list(me, null, 1, model, locale, response);
        }
    }

    @GetMapping("/console/customers/{id}")
    String show(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                @RequestParam(name = "tickets_page", defaultValue = "1") int ticketsPage,
                @RequestParam(name = "chats_page", defaultValue = "1") int chatsPage, Model model) {
        var customer = customers.get(me.accountId(), CustomerLookup.byId(id));
        model.addAttribute("section", "customers");
        model.addAttribute("customer", customer);
        model.addAttribute("anonymized", customers.isAnonymized(me.accountId(), customer.id()));
        model.addAttribute("undeliverable", undeliverable.of(me.accountId(), customer.id()).orElse(null));
        // Only an account admin resets a customer's second factor, so only they see whether it is on.
        model.addAttribute("twoFactor", me.admin() ? twoFactor.status(me.accountId(), customer.id()) : null);
        model.addAttribute("tickets", tickets.list(me.accountId(), TicketQuery.all().withCustomerIds(Set.of(customer.id())).visibleTo(visibility.of(me)),
                PageRequest.of(Math.max(ticketsPage, 1))));
        model.addAttribute("chats", chats.list(me.accountId(), new ChatFilter(customer.id(), null, null, List.of(), null, null, null, null)
                        .visibleTo(visibility.of(me)),
                PageRequest.of(Math.max(chatsPage, 1))));
        Map<String, String> departmentNames = new LinkedHashMap<>();
        departments.listDepartments(me.accountId()).forEach(department -> departmentNames.put(department.id(), department.name()));
        model.addAttribute("departmentNames", departmentNames);
        choices(me, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CustomerForm.of(customer, customers.customFields(me.accountId(), customer.id())));
        }
        return "console/customers/customer";
    }

    @PostMapping("/console/customers/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, HttpServletRequest request,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var current = customers.get(me.accountId(), CustomerLookup.byId(id));
        var form = CustomerForm.of(request);
        // Every customer field is sent: an empty one removes the customer's value.
        Map<String, String> values = new LinkedHashMap<>();
        customFields.list(me.accountId(), CustomFieldEntity.CUSTOMER)
                .forEach(field -> values.put(field.id(), form.fields().getOrDefault(field.id(), "")));
        try {
            customers.update(me.accountId(), CustomerLookup.byId(current.id()), new UpdateCustomer(null, form.name() == null ? "" : form.name(),
                    Change.to(form.email()), Change.to(form.phone()), Change.to(form.organizationId()), null, form.allowCreateTickets(),
                    null, form.active(), null, form.language(), null, values));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit", messages, locale, model, response);
            model.addAttribute("form", form.withInternalId(current.internalId()));
            return show(me, id, 1, 1, model);
        }
        redirect.addFlashAttribute("notice", "customers.saved");
        return "redirect:/console/customers/" + current.id();
    }

    /** The operator knows the customer's address works again (the mailbox was full, a typo at their server fixed). */
    @PostMapping("/console/customers/{id}/undeliverable/clear")
    String clearUndeliverable(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        var customer = customers.get(me.accountId(), CustomerLookup.byId(id));
        undeliverable.clear(me.accountId(), customer.id());
        redirect.addFlashAttribute("notice", "customers.undeliverable.cleared");
        return "redirect:/console/customers/" + customer.id();
    }

    /** An account admin's reset of the customer's second factor (a lost phone), audited; nothing to reset is a message. */
    @PostMapping("/console/customers/{id}/two-factor/reset")
    String resetTwoFactor(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        try {
            twoFactor.reset(me.accountId(), id);
            redirect.addFlashAttribute("twoFactorReset", true);
        } catch (RuleViolationException nothing) {
            // Already off (another admin, or the customer, was first): the page shows it off.
        }
        return "redirect:/console/customers/" + id;
    }

    @PostMapping("/console/customers/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            customers.delete(me.accountId(), CustomerLookup.byId(id));
        } catch (RuleViolationException refused) {
            FormError.show(refused, "delete", messages, locale, model, response);
            return show(me, id, 1, 1, model);
        }
        redirect.addFlashAttribute("notice", "customers.deleted");
        return "redirect:/console/customers";
    }

    /** Erases the customer's personal data once the admin ticked the box that names the consequences. */
    @PostMapping("/console/customers/{id}/anonymize")
    String anonymize(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                     @RequestParam(name = "confirm", required = false) String confirm, Model model, Locale locale,
                     HttpServletResponse response, RedirectAttributes redirect) {
        var customer = customers.get(me.accountId(), CustomerLookup.byId(id));
        try {
            if (!"1".equals(confirm)) {
                throw new InvalidInputException("confirm", "customers.anonymize_unconfirmed");
            }
            erasures.anonymize(me.accountId(), CustomerLookup.byId(customer.id()));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "anonymize", messages, locale, model, response);
            return show(me, id, 1, 1, model);
        }
        redirect.addFlashAttribute("notice", "customers.anonymized");
        return "redirect:/console/customers/" + customer.id();
    }

    /** Downloads the ZIP of everything held about the customer, the same file as the API's /customer/export. */
    @GetMapping("/console/customers/{id}/export")
    void export(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, HttpServletResponse response) throws IOException {
        var customer = customers.get(me.accountId(), CustomerLookup.byId(id));
        response.setStatus(200);
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", ContentDisposition.attachment()
                .filename(CustomerExport.fileName(customer.id()), StandardCharsets.UTF_8).build().toString());
        export.write(me.accountId(), customer.id(), dates.zone(), response.getOutputStream());
    }

    /** Merges this customer into the one typed (its e-mail address, internal id or id); their page shows the result. */
    @PostMapping("/console/customers/{id}/merge")
    String merge(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                 @RequestParam(name = "into", required = false) String into, Model model, Locale locale,
                 HttpServletResponse response, RedirectAttributes redirect) {
        var merged = customers.get(me.accountId(), CustomerLookup.byId(id));
        try {
            if (into == null || into.isBlank()) {
                throw new InvalidInputException("into", "parameter.required");
            }
            String typed = into.strip();
            var target = customers.find(me.accountId(), typed.contains("@") ? CustomerLookup.byEmail(typed) : CustomerLookup.byInternalIdOrId(typed))
                    .orElseThrow(() -> new InvalidInputException("into", "customer.not_found"));
            var kept = customers.merge(me.accountId(), CustomerLookup.byId(merged.id()), CustomerLookup.byId(target.id()));
            redirect.addFlashAttribute("notice", "customers.merged");
            return "redirect:/console/customers/" + kept.id();
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "merge", messages, locale, model, response);
            model.addAttribute("mergeInto", into);
            return show(me, id, 1, 1, model);
        }
    }

    private void choices(ConsoleOperator me, Model model) {
        model.addAttribute("organizations", organizations.list(me.accountId(), new PageRequest(1, ORGANIZATION_CHOICES)).items());
        model.addAttribute("languages", CustomerLanguage.values());
        model.addAttribute("fields", customFields.list(me.accountId(), CustomFieldEntity.CUSTOMER));
    }

    /** What the customer form shows: the stored values, or what was typed when it was refused. */
    record CustomerForm(String internalId, String name, String email, String phone, String organizationId, CustomerLanguage language,
                        boolean active, boolean allowCreateTickets, Map<String, String> fields) {

        static CustomerForm empty() {
            return new CustomerForm(null, null, null, null, null, CustomerLanguage.PT_BR, true, true, Map.of());
        }

        static CustomerForm of(CustomerView customer, List<io.atende.customfield.CustomFieldValue> values) {
            Map<String, String> fields = new LinkedHashMap<>();
            values.forEach(value -> fields.put(value.fieldId(), value.value()));
            return new CustomerForm(customer.internalId(), customer.name(), customer.email(), customer.phone(), customer.organizationId(),
                    customer.language(), customer.active(), customer.allowCreateTickets(), fields);
        }

        static CustomerForm of(HttpServletRequest request) {
            Map<String, String> fields = new LinkedHashMap<>();
            request.getParameterMap().forEach((name, values) -> {
                if (name.startsWith("custom_field[") && name.endsWith("]") && values.length > 0) {
                    fields.put(name.substring("custom_field[".length(), name.length() - 1), values[0]);
                }
            });
            String language = request.getParameter("language");
            return new CustomerForm(request.getParameter("internal_id"), request.getParameter("name"), request.getParameter("email"),
                    request.getParameter("phone"), request.getParameter("organization_id"),
                    language == null ? null : CustomerLanguage.fromText(language)
                            .orElseThrow(() -> new InvalidInputException("language", "customer.invalid_language")),
                    request.getParameter("active") != null, request.getParameter("allow_create_tickets") != null, fields);
        }

        CustomerForm withInternalId(String stored) {
            return new CustomerForm(stored, name, email, phone, organizationId, language, active, allowCreateTickets, fields);
        }

        /** The custom field values given, without the empty ones. */
        Map<String, String> filledFields() {
            Map<String, String> filled = new LinkedHashMap<>();
            fields.forEach((id, value) -> {
                if (value != null && !value.isBlank()) {
                    filled.put(id, value);
                }
            });
            return filled;
        }

        /** The value typed or stored for the field, for the form's inputs. */
        public String field(String fieldId) {
            return fields.getOrDefault(fieldId, "");
        }
    }
}
