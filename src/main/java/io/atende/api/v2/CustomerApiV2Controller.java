package io.atende.api.v2;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atende.account.Caller;
import io.atende.customer.Change;
import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerErasures;
import io.atende.customer.CustomerFilter;
import io.atende.customer.CustomerLanguage;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.customer.UndeliverableEmail;
import io.atende.customer.UndeliverableEmails;
import io.atende.customer.UpdateCustomer;
import io.atende.customfield.CustomFieldValue;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class CustomerApiV2Controller {

    private static final String LANGUAGE_DESCRIPTION = "pt-BR (default), es_ES or en-US; pt_BR, es-ES, en_US, pt, es, en and any case are accepted";

    private final CustomerManagement customers;
    private final CustomerErasures erasures;
    private final ApiMessages messages;

    private final UndeliverableEmails undeliverable;

    CustomerApiV2Controller(CustomerManagement customers, CustomerErasures erasures, ApiMessages messages, UndeliverableEmails undeliverable) {
        this.undeliverable = undeliverable;
        this.customers = customers;
        this.erasures = erasures;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FieldWire(String id, String name, String value) {

        static FieldWire of(CustomFieldValue value) {
            return new FieldWire(value.fieldId(), value.label(), value.value());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CustomerWire(String id, String internalId, String name, String email, String phone, Wire.Ref organization,
                        Integer monthlyTicketQuota, boolean allowCreateTickets, boolean emailValidated, boolean active,
                        boolean accountApproved, String language, List<FieldWire> customFields, String creationDate,
                        UndeliverableWire emailUndeliverable) {

        static CustomerWire of(CustomerView customer, List<CustomFieldValue> customFields, UndeliverableEmail mark, Caller caller) {
            return of(customer, customFields, mark, caller.timeZone());
        }

        /** {@code mark}: the customer's undeliverable address, or {@code null} when mail reaches them. */
        static CustomerWire of(CustomerView customer, List<CustomFieldValue> customFields, UndeliverableEmail mark, ZoneId zone) {
            var organization = customer.organizationId() == null ? Wire.Ref.EMPTY
                    : new Wire.Ref(customer.organizationId(), customer.organizationName());
            return new CustomerWire(customer.id(), customer.internalId(), customer.name(), customer.email(), customer.phone(),
                    organization, customer.monthlyTicketQuota(), customer.allowCreateTickets(), customer.emailValidated(),
                    customer.active(), customer.accountApproved(), languageCode(customer.language()),
                    customFields.stream().map(FieldWire::of).toList(), ApiDates.format(customer.createdAt(), zone),
                    mark == null ? null : new UndeliverableWire(mark.reason(), ApiDates.format(mark.markedAt(), zone)));
        }
    }

    /** [ext] Why and since when nothing is mailed to the customer's address (it bounced for good). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UndeliverableWire(String reason, String date) {
    }

    @GetMapping("/customer/list")
    @ApiEndpoint(access = Access.READ, tag = "Customers", summary = "List customers, oldest first",
            params = {@Param(name = "page", type = "integer", description = "Page number, 50 items per page"),
                    @Param(name = "show_custom_fields", type = "boolean",
                            description = "1 fills custom_fields in each item; otherwise custom_fields is an empty array"),
                    @Param(name = "organization_id", description = "[ext] Customers of this organization or of its child organizations"),
                    @Param(name = "search", description = "[ext] Start of the name or of a word of it, of the e-mail address or its domain, or of the internal id; ignores case and accents")})
    Map<String, Object> list(Caller caller, ApiParams params) {
        int page = params.page();
        boolean withFields = params.flag("show_custom_fields").orElse(false);
        var filter = new CustomerFilter(params.raw("organization_id"), params.text("search", 250));
        var found = customers.list(caller.accountId(), filter, PageRequest.of(page));
        Map<String, List<CustomFieldValue>> fields = withFields
                ? customers.customFields(caller.accountId(), found.items().stream().map(CustomerView::id).toList())
                : Map.of();
        var marks = undeliverable.of(caller.accountId(), found.items().stream().map(CustomerView::id).toList());
        return Envelope.page(messages.get("ok"), found,
                customer -> CustomerWire.of(customer, fields.getOrDefault(customer.id(), List.of()), marks.get(customer.id()), caller));
    }

    @GetMapping("/customer/details")
    @ApiEndpoint(access = Access.READ, tag = "Customers", summary = "One customer, as an array holding it",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION)})
    Map<String, Object> details(Caller caller, ApiParams params) {
        var customer = customers.get(caller.accountId(), CustomerLookups.required(params));
        return Envelope.ok(messages.get("ok"), List.of(wire(caller, customer)));
    }

    @GetMapping({"/customer/exists", "/customers/exists"})
    @ApiEndpoint(access = Access.READ, tag = "Customers", summary = "Whether a customer exists: data is true or false",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION)})
    Map<String, Object> exists(Caller caller, ApiParams params) {
        boolean exists = customers.exists(caller.accountId(), CustomerLookups.required(params));
        return Envelope.ok(messages.get(exists ? "customer.exists" : "customer.does_not_exist"), exists);
    }

    @PostMapping("/customer/new")
    @ApiEndpoint(access = Access.WRITE, tag = "Customers", summary = "Create a customer; the root id is the new customer's id",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "Your internal id for the customer, unique in the account; at most 250 characters"),
                    @Param(name = "name", required = true, description = "At most 250 characters"),
                    @Param(name = "email", description = "Unique in the account, ignoring case"),
                    @Param(name = "phone", description = "At most 20 characters"),
                    @Param(name = "create_tickets", type = "boolean", description = "1 (default) or 0: whether the customer may open tickets"),
                    @Param(name = "organization_id"),
                    @Param(name = "language", description = LANGUAGE_DESCRIPTION),
                    @Param(name = "portfolio_id", description = "At most 250 characters"),
                    @Param(name = "custom_field", type = "map", description = "custom_field[<id>]=value for the account's customer fields; required ones must be given"),
                    @Param(name = "monthly_ticket_quota", type = "integer", description = "[ext] Tickets per month, 0 or more; omitted means unlimited"),
                    @Param(name = "email_validated", type = "boolean", description = "[ext] 0 (default) or 1"),
                    @Param(name = "active", type = "boolean", description = "[ext] 1 (default) or 0"),
                    @Param(name = "account_approved", type = "boolean", description = "[ext] 1 (default) or 0")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var customer = customers.create(caller.accountId(), new CreateCustomer(params.requiredText(CustomerLookups.ID, 250),
                params.requiredText("name", 250), params.raw("email"), params.text("phone", 20), params.raw("organization_id"),
                quota(params), params.flag("create_tickets").orElse(null), params.flag("email_validated").orElse(null),
                params.flag("active").orElse(null), params.flag("account_approved").orElse(null), language(params),
                params.text("portfolio_id", 250), params.map("custom_field")));
        return Envelope.created(messages.get("customer.created"), wire(caller, customer), Map.of("id", customer.id()));
    }

    @PostMapping("/customer/update")
    @ApiEndpoint(access = Access.WRITE, tag = "Customers",
            summary = "Change a customer; omitted fields keep their value, an empty value clears an optional one",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = "internal_id", description = "A new internal id; only when customer_type_id is E"),
                    @Param(name = "name"), @Param(name = "email"), @Param(name = "phone"),
                    @Param(name = "create_tickets", type = "boolean"), @Param(name = "organization_id"),
                    @Param(name = "language", description = LANGUAGE_DESCRIPTION), @Param(name = "portfolio_id"),
                    @Param(name = "custom_field", type = "map", description = "custom_field[<id>]=value; an empty value removes it"),
                    @Param(name = "monthly_ticket_quota", type = "integer", description = "[ext] Tickets per month; empty means unlimited"),
                    @Param(name = "email_validated", type = "boolean", description = "[ext]"),
                    @Param(name = "active", type = "boolean", description = "[ext]"),
                    @Param(name = "account_approved", type = "boolean", description = "[ext]")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        CustomerLookup lookup = CustomerLookups.required(params);
        var changes = new UpdateCustomer(given(params, "internal_id"), given(params, "name"), change(params, "email"),
                change(params, "phone"), change(params, "organization_id"),
                params.has("monthly_ticket_quota") ? Change.to(quota(params)) : null,
                params.flag("create_tickets").orElse(null), params.flag("email_validated").orElse(null),
                params.flag("active").orElse(null), params.flag("account_approved").orElse(null), language(params),
                change(params, "portfolio_id"), params.map("custom_field"));
        var customer = customers.update(caller.accountId(), lookup, changes);
        return Envelope.ok(messages.get("customer.updated"), wire(caller, customer));
    }

    @PostMapping("/customer/delete")
    @ApiEndpoint(access = Access.WRITE, extension = true, tag = "Customers",
            summary = "Delete a customer with its custom field values and portal access; 409 while tickets or chats of the customer exist, unless it was anonymized",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION)})
    Map<String, Object> delete(Caller caller, ApiParams params) {
        customers.delete(caller.accountId(), CustomerLookups.required(params));
        return Envelope.ok(messages.get("customer.deleted"), true);
    }

    @PostMapping("/customer/anonymize")
    @ApiEndpoint(access = Access.ADMIN, extension = true, tag = "Customers",
            summary = "Erase a customer's personal data (LGPD/GDPR), irreversibly: name, e-mail, phone, custom fields, the subjects, "
                    + "messages and files of the customer's tickets and chats, portal access and sessions, mail to the customer; "
                    + "counts stay. 409 when already anonymized. data is the customer as it remains",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION)})
    Map<String, Object> anonymize(Caller caller, ApiParams params) {
        var customer = erasures.anonymize(caller.accountId(), CustomerLookups.required(params));
        return Envelope.ok(messages.get("customer.anonymized"), wire(caller, customer));
    }

    @PostMapping("/customer/merge")
    @ApiEndpoint(access = Access.WRITE, extension = true, tag = "Customers",
            summary = "Merge two records of one person: the tickets and chats of customer_id move to into_customer_id, which keeps "
                    + "its own details and takes the custom field values it lacks; customer_id is then deleted. data is the kept customer",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The customer merged away: internal id, 32-hex id or e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = CustomerLookups.INTO_ID, required = true, description = "The customer kept: internal id, 32-hex id or e-mail address, per into_customer_type_id"),
                    @Param(name = CustomerLookups.INTO_TYPE, description = "I (default) or E, as customer_type_id, for into_customer_id")})
    Map<String, Object> merge(Caller caller, ApiParams params) {
        var kept = customers.merge(caller.accountId(), CustomerLookups.required(params), CustomerLookups.requiredInto(params));
        return Envelope.ok(messages.get("customer.merged"), wire(caller, kept));
    }

    private CustomerWire wire(Caller caller, CustomerView customer) {
        return CustomerWire.of(customer, customers.customFields(caller.accountId(), customer.id()),
                undeliverable.of(caller.accountId(), customer.id()).orElse(null), caller);
    }

    private static Integer quota(ApiParams params) {
        return params.integer("monthly_ticket_quota", 0, Integer.MAX_VALUE).orElse(null);
    }

    /** TomTicket's spelling of a customer's language. */
    private static String languageCode(CustomerLanguage language) {
        return switch (language) {
            case PT_BR -> "pt-BR";
            case ES_ES -> "es_ES";
            case EN_US -> "en-US";
        };
    }

    private static CustomerLanguage language(ApiParams params) {
        String given = params.raw("language");
        if (given == null) {
            return null;
        }
        return CustomerLanguage.fromText(given)
                .orElseThrow(() -> new InvalidInputException("language", "customer.invalid_language"));
    }

    /** The value sent, an empty text when sent empty (so that a required attribute is refused), or {@code null} when absent. */
    private static String given(ApiParams params, String name) {
        return params.has(name) ? Objects.requireNonNullElse(params.raw(name), "") : null;
    }

    /** No change when absent; sent empty clears the attribute. */
    private static Change<String> change(ApiParams params, String name) {
        return params.has(name) ? Change.to(params.raw(name)) : null;
    }
}
