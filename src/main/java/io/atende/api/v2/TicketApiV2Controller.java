package io.atende.api.v2;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.Caller;
import io.atende.attachment.AttachmentManagement;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.UpdateTicket;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.atende.api.v2.ApiEndpoint.Param;

/** The ticket endpoints of docs/api.md, Tickets; {@link TicketRendering} gives tickets the wire shapes TomTicket clients read. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class TicketApiV2Controller {

    private static final String TAG = "Tickets";

    private final TicketManagement tickets;
    private final TicketRendering rendering;
    private final AttachmentManagement attachments;
    private final ApiMessages messages;
    private final TicketHistoryRendering historyRendering;

    TicketApiV2Controller(TicketManagement tickets, TicketRendering rendering, AttachmentManagement attachments, ApiMessages messages,
                          TicketHistoryRendering historyRendering) {
        this.tickets = tickets;
        this.historyRendering = historyRendering;
        this.rendering = rendering;
        this.attachments = attachments;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- reads

    @GetMapping("/ticket/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, summary = "List tickets, 50 per page; default order protocol DESC; filters combine with AND; each item with its SLA clocks (sla_policy, sla_targets [ext])",
            params = {@Param(name = "page", type = "integer"),
                    @Param(name = CustomerLookups.ID, description = "Tickets of this customer"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = "situation", type = "csv", description = "Situation codes 0 to 11, comma-separated"),
                    @Param(name = "department_id"), @Param(name = "status_id"), @Param(name = "category_id"),
                    @Param(name = "priority", type = "csv", description = "1 to 4, comma-separated"),
                    @Param(name = "operator_id"),
                    @Param(name = "organization_id", description = "Tickets of customers of this organization or of its child organizations"),
                    @Param(name = "creation_date_ge", type = "date"), @Param(name = "creation_date_le", type = "date"),
                    @Param(name = "last_update_ge", type = "date"),
                    @Param(name = "min_protocol", type = "integer"), @Param(name = "max_protocol", type = "integer"),
                    @Param(name = "column", description = "protocol (default), creation_date, last_update, sla_deadline [ext] (nearest SLA deadline first, tickets without one last) or priority [ext] (then by protocol)"),
                    @Param(name = "order_field", description = "[ext] Same as column; sla_deadline sorts by the nearest SLA deadline"),
                    @Param(name = "order", description = "ASC or DESC (default; ASC for sla_deadline)"),
                    @Param(name = "sla_status", type = "csv", description = "[ext] ok, at_risk, breached or paused, comma-separated (see docs/sla.md)"),
                    @Param(name = "truncate_body", type = "boolean", description = "1 cuts message to 250 characters"),
                    @Param(name = "search", description = "[ext] Words that must each start a word of the subject or of any message; ignores case and accents")})
    Map<String, Object> list(Caller caller, ApiParams params) {
        int page = params.page();
        String accountId = caller.accountId();
        var customer = CustomerLookups.optional(params).orElse(null);
        var sort = TicketWires.sort(params, params.raw("column") == null ? "order_field" : "column");
        var query = TicketQuery.all()
                .withCustomer(customer)
                .withOrganization(params.raw("organization_id"))
                .withSituations(TicketWires.situations(params, "situation"))
                .withDepartment(params.raw("department_id")).withStatus(params.raw("status_id"))
                .withCategory(params.raw("category_id"))
                .withPriorities(TicketWires.priorities(params, "priority"))
                .withOperator(params.raw("operator_id"))
                .withCreated(params.date("creation_date_ge", caller.timeZone()).orElse(null),
                        params.date("creation_date_le", caller.timeZone()).orElse(null))
                .withUpdatedFrom(params.date("last_update_ge", caller.timeZone()).orElse(null))
                .withProtocols(params.longValue("min_protocol").orElse(null), params.longValue("max_protocol").orElse(null))
                .withSlaStatuses(TicketWires.slaStatuses(params, "sla_status"))
                .sortedBy(sort, TicketWires.direction(params, "order", sort))
                .withText(params.text("search", 250))
                .visibleTo(caller.visibility());
        boolean truncate = params.flag("truncate_body").orElse(false);
        var found = tickets.list(accountId, query, PageRequest.of(page));
        return Envelope.page(messages.get("ok"), found,
                rendering.listed(accountId, caller.timeZone(), found.items(), truncate));
    }

    @GetMapping("/ticket/detail")
    @ApiEndpoint(access = Access.READ, tag = TAG, summary = "One ticket with its replies (oldest first, the opening message first), comments, status history, custom fields and SLA clocks (sla_policy, sla_targets [ext])",
            params = {@Param(name = "ticket_id", required = true),
                    @Param(name = "show_stopwatch", type = "boolean"), @Param(name = "show_tags", type = "boolean"),
                    @Param(name = "show_staggered_tickets", type = "boolean", description = "Child tickets as list items")})
    Map<String, Object> detail(Caller caller, ApiParams params) {
        var detail = tickets.detail(caller.accountId(), visibleTicket(caller, params.required("ticket_id"))).visibleTo(caller.visibility());
        var options = new TicketRendering.DetailOptions(params.flag("show_stopwatch").orElse(false),
                params.flag("show_tags").orElse(false), params.flag("show_staggered_tickets").orElse(false));
        var body = rendering.detail(caller.accountId(), caller.timeZone(), detail, options);
        return Envelope.ok(messages.get("ok"), body);
    }

    @GetMapping("/ticket/history")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "Every recorded change of the ticket, oldest first from its opening: field, old and new value, who, when and through which channel",
            params = @Param(name = "ticket_id", required = true))
    Map<String, Object> history(Caller caller, ApiParams params) {
        var entries = tickets.history(caller.accountId(), visibleTicket(caller, params.required("ticket_id")));
        return Envelope.list(messages.get("ok"), historyRendering.render(caller.accountId(), caller.timeZone(), entries));
    }

    @GetMapping("/ticket/attachment")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "Download an attachment of a ticket message: the bytes with their content type and Content-Disposition: attachment",
            params = @Param(name = "attachment_id", required = true))
    void download(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        String attachmentId = params.required("attachment_id");
        tickets.requireVisibleAttachment(caller.accountId(), attachmentId, caller.visibility());
        var attachment = tickets.attachment(caller.accountId(), attachmentId);
        ApiAttachments.send(attachments, caller.accountId(), attachment, response);
    }

    // ---------------------------------------------------------------- writes

    @PostMapping("/ticket/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Open a ticket with the customer's opening message; root ticket_id and protocol",
            params = {@Param(name = CustomerLookups.ID, required = true),
                    @Param(name = CustomerLookups.TYPE_ALIAS, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = "department_id", required = true), @Param(name = "subject", required = true, description = "At most 250 characters"),
                    @Param(name = "message", required = true, description = "Text or HTML (sanitized); at most 100,000 characters"),
                    @Param(name = "category_id", description = "A category of the department (400 otherwise)"),
                    @Param(name = "priority", type = "integer", description = "1 low, 2 normal (default), 3 high, 4 urgent"),
                    @Param(name = "custom_field", type = "map", description = "custom_field[<id>]=value; required ticket fields of the department and category must be given"),
                    @Param(name = "attachment", type = "file", description = ApiAttachments.PARAM_DESCRIPTION),
                    @Param(name = "operator_id", description = "[ext] Link this operator at once (a member of the department)"),
                    @Param(name = "parent_ticket_id", description = "[ext] Makes this a staggered (child) ticket"),
                    @Param(name = "ticket_type", description = "[ext] E external (default) or I internal")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        String accountId = caller.accountId();
        var lookup = CustomerLookups.required(params);
        String departmentId = params.required("department_id");
        if (!caller.visibility().sees(departmentId)) {
            // A limited token opens tickets only where it sees them; another department is unknown to it.
            throw new NotFoundException("department.not_found", departmentId);
        }
        if (params.raw("parent_ticket_id") != null) {
            visibleTicket(caller, params.raw("parent_ticket_id"));
        }
        String subject = params.requiredText("subject", 250);
        String message = params.requiredText("message", 100_000);
        var opened = tickets.open(accountId, new OpenTicket(lookup, departmentId, params.raw("category_id"), subject,
                message, TicketWires.priority(params, "priority").orElse(null), params.map("custom_field"), ApiAttachments.read(params),
                params.raw("operator_id"), params.raw("parent_ticket_id"),
                TicketWires.type(params, "ticket_type").orElse(null)), TicketChannel.API);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ticket_id", opened.ticket().id());
        root.put("protocol", opened.ticket().protocol());
        return Envelope.created(messages.get("ticket.created"), rendering.opened(caller.accountId(), caller.timeZone(), opened), root);
    }

    @PostMapping("/ticket/operator/link")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Link an operator to a ticket that has none (situation 0 to 1)",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "operator_id", required = true)})
    Map<String, Object> link(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.linkOperator(caller.accountId(), ticketId, params.required("operator_id"));
        return done(caller, ticketId, "ticket.operator_linked");
    }

    @PostMapping("/ticket/transfer")
    @ApiEndpoint(access = Access.WRITE, tag = TAG,
            summary = "Transfer to another department and/or operator; without operator_id the operator is cleared (situation 0), with it situation 6",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "department_id"), @Param(name = "operator_id")})
    Map<String, Object> transfer(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.transfer(caller.accountId(), ticketId, params.raw("department_id"), params.raw("operator_id"));
        return done(caller, ticketId, "ticket.transferred");
    }

    @PostMapping("/ticket/reply/operator")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Reply as the linked operator (situation 2); root id of the message",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "message", required = true),
                    @Param(name = "attachment", type = "file", description = ApiAttachments.PARAM_DESCRIPTION),
                    @Param(name = "start_date", type = "date", description = "With end_date: a stopwatch entry"),
                    @Param(name = "end_date", type = "date")})
    Map<String, Object> replyByOperator(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        String message = params.requiredText("message", 100_000);
        Instant start = params.date("start_date", caller.timeZone()).orElse(null);
        Instant end = params.date("end_date", caller.timeZone()).orElse(null);
        String id = tickets.replyByOperator(caller.accountId(), ticketId, message, ApiAttachments.read(params), start, end,
                TicketChannel.API);
        return Envelope.created(messages.get("ticket.replied"), true, Map.of("id", id));
    }

    @PostMapping("/ticket/reply/customer")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Reply as the ticket's customer (situation 3); root id of the message",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "message", required = true),
                    @Param(name = "attachment", type = "file", description = ApiAttachments.PARAM_DESCRIPTION)})
    Map<String, Object> replyByCustomer(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        String message = params.requiredText("message", 100_000);
        String id = tickets.replyByCustomer(caller.accountId(), ticketId, message, ApiAttachments.read(params), TicketChannel.API);
        return Envelope.created(messages.get("ticket.replied"), true, Map.of("id", id));
    }

    @PostMapping("/ticket/comment")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "An internal comment, never shown to the customer; root id of the comment",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "comment", required = true),
                    @Param(name = "attachment", type = "file", description = ApiAttachments.PARAM_DESCRIPTION)})
    Map<String, Object> comment(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        String comment = params.requiredText("comment", 100_000);
        String id = tickets.comment(caller.accountId(), ticketId, comment, ApiAttachments.read(params));
        return Envelope.created(messages.get("ticket.commented"), true, Map.of("id", id));
    }

    @PostMapping("/ticket/status/open")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Open one of the account's custom statuses on the ticket; 409 if one is open",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "status_id", required = true),
                    @Param(name = "comment", description = "At most 4096 characters")})
    Map<String, Object> openStatus(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.openStatus(caller.accountId(), ticketId, params.required("status_id"), params.raw("comment"));
        return done(caller, ticketId, "ticket.status_opened");
    }

    @PostMapping("/ticket/status/close")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Close the ticket's open custom status; 409 if none is open",
            params = @Param(name = "ticket_id", required = true))
    Map<String, Object> closeStatus(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.closeStatus(caller.accountId(), ticketId);
        return done(caller, ticketId, "ticket.status_closed");
    }

    @PostMapping("/ticket/finish")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Finish the ticket with the operator's message (situation 5); needs a linked operator",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "message", required = true),
                    @Param(name = "attachment", type = "file", description = ApiAttachments.PARAM_DESCRIPTION),
                    @Param(name = "time_work", type = "integer", description = "Minutes added to work_time"),
                    @Param(name = "custom_field", type = "map", description = "custom_field[<id>]=value for finish-time fields")})
    Map<String, Object> finish(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        String message = params.requiredText("message", 100_000);
        tickets.finish(caller.accountId(), ticketId, message, ApiAttachments.read(params), params.integer("time_work", 0, 1_000_000).orElse(null),
                params.map("custom_field"), TicketChannel.API);
        return done(caller, ticketId, "ticket.finished");
    }

    @PostMapping("/ticket/evaluation")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, summary = "Evaluate a finished ticket, once",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "grade", type = "integer", description = "1 to 5"),
                    @Param(name = "problem_solved", description = "Y or N"), @Param(name = "comment", description = "At most 4096 characters"),
                    @Param(name = "custom_field", type = "map", description = "custom_field[<id>]=value for evaluation fields")})
    Map<String, Object> evaluate(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.evaluate(caller.accountId(), ticketId, params.integer("grade", 1, 5).orElse(null),
                TicketWires.solved(params, "problem_solved").orElse(null), params.raw("comment"), params.map("custom_field"));
        return done(caller, ticketId, "ticket.evaluated");
    }

    @PostMapping("/ticket/cancel")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Cancel an open ticket (situation 4)",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "message")})
    Map<String, Object> cancel(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.cancel(caller.accountId(), ticketId, params.raw("message"));
        return done(caller, ticketId, "ticket.cancelled");
    }

    @PostMapping("/ticket/reopen")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Reopen a finished or cancelled ticket: with a (customer) message situation 3, else 1 (0 without operator)",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "message")})
    Map<String, Object> reopen(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.reopen(caller.accountId(), ticketId, params.raw("message"));
        return done(caller, ticketId, "ticket.reopened");
    }

    @PostMapping("/ticket/tag/add")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Tag a ticket (case-insensitive, at most 50 characters); 409 if it has the tag",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "tag", required = true)})
    Map<String, Object> addTag(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.addTag(caller.accountId(), ticketId, params.requiredText("tag", 50));
        return done(caller, ticketId, "ticket.tag_added");
    }

    @PostMapping("/ticket/tag/remove")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Remove a tag; 409 if the ticket lacks it",
            params = {@Param(name = "ticket_id", required = true), @Param(name = "tag", required = true)})
    Map<String, Object> removeTag(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        tickets.removeTag(caller.accountId(), ticketId, params.requiredText("tag", 50));
        return done(caller, ticketId, "ticket.tag_removed");
    }

    @PostMapping("/ticket/update")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Change an open ticket's subject, priority, customer or custom field values; omitted ones keep their value, "
                    + "each change is recorded in /ticket/history with its old and new value and sends ticket.updated",
            params = {@Param(name = "ticket_id", required = true),
                    @Param(name = "subject", description = "At most 250 characters"),
                    @Param(name = "priority", type = "integer", description = "1 low, 2 normal, 3 high, 4 urgent"),
                    @Param(name = CustomerLookups.ID, description = "The customer the ticket moves to (active and allowed to open tickets)"),
                    @Param(name = CustomerLookups.TYPE_ALIAS, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = "custom_field", type = "map", description = "custom_field[<id>]=value for the ticket fields of its department and category; an empty value clears one")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        String subject = params.has("subject") ? java.util.Objects.requireNonNullElse(params.raw("subject"), "") : null;
        tickets.update(caller.accountId(), ticketId, new UpdateTicket(subject, TicketWires.priority(params, "priority").orElse(null),
                CustomerLookups.optional(params).orElse(null), params.map("custom_field")));
        return done(caller, ticketId, "ticket.updated");
    }

    @PostMapping("/ticket/merge")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Merge ticket_id into into_ticket_id: its replies, comments and attachments move to the target (its opening message is copied there), "
                    + "and it is finished with merged_into_ticket_id pointing to the target; data is the target",
            params = {@Param(name = "ticket_id", required = true, description = "The ticket merged away; open"),
                    @Param(name = "into_ticket_id", required = true, description = "The ticket that carries on; open"),
                    @Param(name = "allow_other_customer", type = "boolean",
                            description = "1 to merge tickets of different customers (the target's customer then sees the merged messages); 0 (default) refuses them with 409")})
    Map<String, Object> merge(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        String intoTicketId = visibleTicket(caller, params.required("into_ticket_id"));
        var target = tickets.merge(caller.accountId(), ticketId, intoTicketId, params.flag("allow_other_customer").orElse(false));
        return Envelope.ok(messages.get("ticket.merged"), rendering.single(caller.accountId(), caller.timeZone(), target));
    }

    @PostMapping("/ticket/parent")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Make the ticket a child (staggered ticket) of parent_ticket_id, or of none when it is sent empty; refused when it would make a cycle",
            params = {@Param(name = "ticket_id", required = true),
                    @Param(name = "parent_ticket_id", required = true, description = "The new parent; sent empty, the ticket has no parent any more")})
    Map<String, Object> parent(Caller caller, ApiParams params) {
        String ticketId = visibleTicket(caller, params.required("ticket_id"));
        if (!params.has("parent_ticket_id")) {
            throw new io.atende.platform.InvalidInputException("parent_ticket_id", "parameter.required");
        }
        String parent = params.raw("parent_ticket_id");
        if (parent != null && !parent.isBlank()) {
            visibleTicket(caller, parent.strip());
        }
        tickets.changeParent(caller.accountId(), ticketId, parent == null || parent.isBlank() ? null : parent.strip());
        return done(caller, ticketId, "ticket.parent_changed");
    }

    // ---------------------------------------------------------------- wire

    /** The ticket id, once the caller is known to see the ticket: one of another department is not found, as an unknown one. */
    private String visibleTicket(Caller caller, String ticketId) {
        tickets.requireVisible(caller.accountId(), ticketId, caller.visibility());
        return ticketId;
    }

    private Map<String, Object> done(Caller caller, String ticketId, String messageKey) {
        var ticket = tickets.get(caller.accountId(), ticketId);
        return Envelope.ok(messages.get(messageKey), rendering.single(caller.accountId(), caller.timeZone(), ticket));
    }
}
