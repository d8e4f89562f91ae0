package io.atende.console.tickets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.NewAttachment;
import io.atende.automation.Action;
import io.atende.automation.Actions;
import io.atende.automation.MacroManagement;
import io.atende.automation.MacroView;
import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.customer.CustomerManagement;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.mail.MailManagement;
import io.atende.operator.OperatorSignatures;
import io.atende.platform.Html;
import io.atende.platform.AtendeException;
import io.atende.platform.NotFoundException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;
import io.atende.sla.TicketClocks;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;
import io.atende.customer.CustomerLookup;
import io.atende.ticket.Priority;
import io.atende.ticket.ReplyDrafts;
import io.atende.ticket.UpdateTicket;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.TicketFollowers;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketView;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket workspace at /console/tickets/{id}: the conversation and every action on the ticket.
 * Each action is one form; htmx posts it and swaps the workspace with the outcome shown next to
 * that form (without JavaScript the form posts normally and the page comes back). Refusals keep
 * what the operator typed and answer 400 or 409.
 */
@Controller
class TicketWorkspaceController {

    private static final String BASE = "/console/tickets/{id}";
    /** The transfer form's choice of no operator at all (the empty choice keeps the current one). */
    private static final String NOBODY = "none";

    private final TicketManagement tickets;
    private final TicketStatusManagement statuses;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final CustomFieldManagement customFields;
    private final AttachmentManagement attachments;
    private final TicketQueues queues;
    private final DeskDirectory directory;
    private final ConsoleMessages messages;
    private final CustomerPortalAccess portal;
    private final MailManagement mail;
    private final Clock clock;
    private final MacroManagement macros;
    private final TicketClocks clocks;
    private final ConsoleVisibility visibility;
    private final TicketFollowers followers;
    private final ReplyDrafts drafts;
    private final OperatorSignatures signatures;
    private final Actions actions;
    private final ConsoleDates dates;

    TicketWorkspaceController(TicketManagement tickets, TicketStatusManagement statuses, CustomerManagement customers,
                              DepartmentManagement departments, CustomFieldManagement customFields,
                              AttachmentManagement attachments, TicketQueues queues, DeskDirectory directory,
                              ConsoleMessages messages, CustomerPortalAccess portal, MailManagement mail, Clock clock,
                              MacroManagement macros, TicketClocks clocks, ConsoleVisibility visibility, ReplyDrafts drafts,
                              OperatorSignatures signatures, Actions actions, ConsoleDates dates, TicketFollowers followers) {
        this.followers = followers;
        this.visibility = visibility;
        this.dates = dates;
        this.drafts = drafts;
        this.signatures = signatures;
        this.actions = actions;
        this.macros = macros;
        this.clocks = clocks;
        this.portal = portal;
        this.mail = mail;
        this.tickets = tickets;
        this.statuses = statuses;
        this.customers = customers;
        this.departments = departments;
        this.customFields = customFields;
        this.attachments = attachments;
        this.queues = queues;
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Before any handler: a ticket of a department the operator does not see is not found, as an unknown one (the same
     * 404 page), whatever is asked of it; so is an attachment of one.
     */
    @ModelAttribute
    void visibleOnly(@AuthenticationPrincipal ConsoleOperator me, @PathVariable(required = false) String id,
                     @PathVariable(required = false) String attachmentId) {
        if (me == null) {
            return;
        }
        var seen = visibility.of(me);
        tickets.requireVisible(me.accountId(), id, seen);
        if (attachmentId != null) {
            tickets.requireVisibleAttachment(me.accountId(), attachmentId, seen);
        }
    }

    /** The workspace; with {@code macro} (one of the operator's macros) it previews that macro's reply and actions on the ticket. */
    @GetMapping(BASE)
    String workspace(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                     @RequestParam(name = "macro", required = false) String macroId, Model model) {
        describe(me, id, model);
        if (blank(macroId) != null) {
            preview(me, id, macroId.strip(), model);
        }
        return "console/tickets/ticket";
    }

    @PostMapping(BASE + "/macro")
    String applyMacro(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                      @RequestParam(name = "macro_id", required = false) String macroId, HttpServletRequest request,
                      HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        return answer(me, id, new Web(draft("macro_id", macroId), request, response, model, locale, redirect), "macro",
                "desk.macro.applied", () -> {
                    if (blank(macroId) == null) {
                        throw new InvalidInputException("macro_id", "parameter.required");
                    }
                    macros.apply(me.accountId(), id, macroId.strip(), me.operatorId(), TicketChannel.CONSOLE);
                });
    }

    /** The macro's reply as the customer would read it, and its actions in words; a macro the operator may not use is not found. */
    private void preview(ConsoleOperator me, String id, String macroId, Model model) {
        MacroView macro = macros.usableBy(me.accountId(), me.operatorId()).stream().filter(found -> found.id().equals(macroId))
                .findFirst().orElseThrow(() -> new NotFoundException("automation.macro_not_found", macroId));
        model.addAttribute("macro", macro);
        model.addAttribute("macroReply", macros.preview(me.accountId(), id, macro.id(), me.operatorId()));
        model.addAttribute("macroActions", macro.actions().stream().map(action -> describe(me.accountId(), action)).toList());
    }

    /** An action as the preview lists it: its type's message key and what it names (a priority by its code for its label). */
    record ActionLine(String key, String detail, Integer priority) {

        ActionLine(String key, String detail) {
            this(key, detail, null);
        }
    }

    private ActionLine describe(String account, Action action) {
        String key = "desk.macro.action." + action.type();
        if (action instanceof Action.Transfer transfer) {
            var department = transfer.departmentId() == null ? null : directory.departments(account).get(transfer.departmentId());
            var operator = transfer.operatorId() == null ? null
                    : directory.operators(account, List.of(transfer.operatorId())).get(transfer.operatorId());
            String detail = (department == null ? "" : department.name())
                    + (department != null && operator != null ? " / " : "") + (operator == null ? "" : operator.name());
            return new ActionLine(key, detail);
        }
        if (action instanceof Action.SetPriority priority) {
            return new ActionLine(key, null, PriorityField.value(priority.priority()));
        }
        if (action instanceof Action.SetCategory category) {
            return new ActionLine(key, category.categoryId() == null ? "" : departments.listAllCategories(account).stream()
                    .filter(found -> found.id().equals(category.categoryId())).map(found -> found.name()).findFirst().orElse(""));
        }
        if (action instanceof Action.OpenStatus status) {
            return new ActionLine(key, statuses.list(account).stream().filter(found -> found.id().equals(status.statusId()))
                    .map(found -> found.name()).findFirst().orElse(""));
        }
        if (action instanceof Action.AddTag tag) {
            return new ActionLine(key, tag.tag());
        }
        if (action instanceof Action.RemoveTag tag) {
            return new ActionLine(key, tag.tag());
        }
        if (action instanceof Action.SetCustomField field) {
            return new ActionLine(key, customFields.list(account, CustomFieldEntity.TICKET).stream()
                    .filter(found -> found.id().equals(field.fieldId())).map(found -> found.label()).findFirst().orElse("")
                    + " = " + field.value());
        }
        if (action instanceof Action.Reply reply) {
            return new ActionLine(key, reply.text());
        }
        if (action instanceof Action.Comment comment) {
            return new ActionLine(key, comment.text());
        }
        if (action instanceof Action.Finish finish) {
            return new ActionLine(key, finish.text());
        }
        return new ActionLine(key, "");
    }

    @PostMapping(BASE + "/take")
    String take(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "take", "desk.ticket.taken", () -> tickets.linkOperator(me.accountId(), id, me.operatorId()));
    }

    @PostMapping(BASE + "/transfer")
    String transfer(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                    @RequestParam(name = "department_id", required = false) String departmentId,
                    @RequestParam(name = "operator_id", required = false) String operatorId, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "transfer", "desk.ticket.transferred",
                () -> transfer(me.accountId(), id, blank(departmentId), blank(operatorId)));
    }

    /**
     * The form's transfer: no operator chosen keeps the current one (to another department, where they must be a member),
     * {@value #NOBODY} sends the ticket back to its (or the chosen) department's queue.
     */
    private void transfer(String account, String id, String departmentId, String operatorId) {
        if (operatorId == null) {
            // Nothing chosen at all is refused by the ticket as a transfer without a target.
            tickets.transfer(account, id, departmentId, departmentId == null ? null : tickets.get(account, id).operatorId());
        } else if (operatorId.equals(NOBODY)) {
            tickets.transfer(account, id, departmentId == null ? tickets.get(account, id).departmentId() : departmentId, null);
        } else {
            tickets.transfer(account, id, departmentId, operatorId);
        }
    }

    @PostMapping(BASE + "/category")
    String changeCategory(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                          @RequestParam(name = "category_id", required = false) String categoryId, HttpServletRequest request,
                          HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        return answer(me, id, new Web(draft("category_id", categoryId), request, response, model, locale, redirect), "category",
                "desk.ticket.category_changed", () -> tickets.changeCategory(me.accountId(), id, blank(categoryId)));
    }

    @PostMapping(BASE + "/reply")
    String reply(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                 @RequestParam(name = "message", required = false) String message,
                 @RequestParam(name = "work_minutes", required = false) String workMinutes,
                 @RequestParam(name = "attachment", required = false) List<MultipartFile> files, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        var draft = draft("message", message, "work_minutes", workMinutes);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "reply", "desk.ticket.replied", () -> {
            requireLinked(me, id);
            Integer minutes = minutes("work_minutes", workMinutes);
            Instant end = minutes == null || minutes == 0 ? null : clock.instant();
            Instant start = end == null ? null : end.minus(Duration.ofMinutes(minutes));
            tickets.replyByOperator(me.accountId(), id, signed(me, id, message), uploads(files), start, end);
            drafts.discard(me.accountId(), id, me.operatorId());
        });
    }

    /**
     * The reply with the operator's signature below it, its placeholders filled for the ticket; a plain-text reply
     * becomes HTML with its line breaks kept. An empty reply stays empty, for the ticket to refuse.
     */
    private String signed(ConsoleOperator me, String id, String message) {
        if (blank(message) == null) {
            return message;
        }
        String signature = signatures.get(me.accountId(), me.operatorId());
        if (signature.isEmpty()) {
            return message;
        }
        String body = Html.hasMarkup(message) ? message
                : "<p>" + Html.escape(message.strip().replace("\r\n", "\n")).replace("\n", "<br>") + "</p>";
        return body + "<p><br></p>" + actions.fill(me.accountId(), id, me.operatorId(), signature);
    }

    /**
     * Keeps the reply being written as the operator's draft on the ticket (the editor calls this as they type) and
     * answers when it was saved, in words; an empty message discards the draft.
     */
    @PostMapping(value = BASE + "/draft", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    String saveDraft(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                     @RequestParam(name = "message", required = false) String message, Locale locale) {
        var saved = drafts.save(me.accountId(), id, me.operatorId(), message == null ? "" : message);
        return saved.map(draft -> messages.text("desk.draft.saved", locale, dates.dateTime(draft.savedAt()))).orElse("");
    }

    /** Forgets the operator's draft on the ticket and shows the reply form empty. */
    @PostMapping(BASE + "/draft/discard")
    String discardDraft(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, HttpServletRequest request,
                        HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "reply", "desk.draft.discarded", () -> {
            tickets.get(me.accountId(), id);
            drafts.discard(me.accountId(), id, me.operatorId());
        });
    }

    @PostMapping(BASE + "/comment")
    String comment(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                   @RequestParam(name = "comment", required = false) String comment,
                   @RequestParam(name = "attachment", required = false) List<MultipartFile> files, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        var draft = draft("comment", comment);
        // Any operator of the account may leave a note: the comment is in their own name.
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "comment", "desk.ticket.commented",
                () -> tickets.comment(me.accountId(), id, me.operatorId(), comment, uploads(files)));
    }

    @PostMapping(BASE + "/status/open")
    String openStatus(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                      @RequestParam(name = "status_id", required = false) String statusId,
                      @RequestParam(name = "comment", required = false) String comment, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        var draft = draft("status_comment", comment);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "status", "desk.ticket.status_opened", () -> {
            if (blank(statusId) == null) {
                throw new InvalidInputException("status_id", "parameter.required");
            }
            tickets.openStatus(me.accountId(), id, statusId, comment);
        });
    }

    @PostMapping(BASE + "/status/close")
    String closeStatus(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "status", "desk.ticket.status_closed", () -> tickets.closeStatus(me.accountId(), id));
    }

    @PostMapping(BASE + "/tags/add")
    String addTag(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                  @RequestParam(name = "tag", required = false) String tag, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        var draft = draft("tag", tag);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "tags", "desk.ticket.tag_added", () -> tickets.addTag(me.accountId(), id, tag));
    }

    @PostMapping(BASE + "/tags/remove")
    String removeTag(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                     @RequestParam(name = "tag", required = false) String tag, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "tags", "desk.ticket.tag_removed", () -> tickets.removeTag(me.accountId(), id, tag));
    }

    /** Who wrote the messages that followers answered by e-mail: a customer's name with the address, else the address. */
    private Map<String, String> followerAuthors(String account, String ticketId) {
        var authors = followers.authors(account, ticketId);
        if (authors.isEmpty()) {
            return Map.of();
        }
        var known = customers.findAll(account, authors.values().stream().map(author -> author.customerId())
                .filter(java.util.Objects::nonNull).distinct().toList());
        Map<String, String> names = new LinkedHashMap<>();
        authors.forEach((messageId, author) -> {
            var customer = author.customerId() == null ? null : known.get(author.customerId());
            names.put(messageId, customer == null ? author.email() : customer.name() + " <" + author.email() + ">");
        });
        return names;
    }

    @PostMapping(BASE + "/followers/add")
    String addFollower(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                       @RequestParam(name = "email", required = false) String email, HttpServletRequest request, HttpServletResponse response,
                       Model model, Locale locale, RedirectAttributes redirect) {
        return answer(me, id, new Web(draft("follower", email), request, response, model, locale, redirect), "followers",
                "desk.followers.added", () -> followers.add(me.accountId(), id, email, null));
    }

    @PostMapping(BASE + "/followers/remove")
    String removeFollower(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                          @RequestParam(name = "email", required = false) String email, HttpServletRequest request,
                          HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "followers",
                "desk.followers.removed", () -> followers.remove(me.accountId(), id, email, null));
    }

    @PostMapping(BASE + "/finish")
    String finish(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                  @RequestParam(name = "message", required = false) String message,
                  @RequestParam(name = "time_work", required = false) String timeWork,
                  @RequestParam(name = "attachment", required = false) List<MultipartFile> files,
                  @RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        var draft = draft("finish_message", message, "time_work", timeWork);
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("custom_field[") && name.endsWith("]") && value != null && !value.isBlank()) {
                fields.put(name.substring("custom_field[".length(), name.length() - 1), value);
                draft.put(name, value);
            }
        });
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "finish", "desk.ticket.finished", () -> {
            requireLinked(me, id);
            tickets.finish(me.accountId(), id, message, uploads(files), minutes("time_work", timeWork), fields);
        });
    }

    @PostMapping(BASE + "/cancel")
    String cancel(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                  @RequestParam(name = "message", required = false) String message, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        var draft = draft("cancel_message", message);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "close", "desk.ticket.cancelled", () -> tickets.cancel(me.accountId(), id, blank(message)));
    }

    @PostMapping(BASE + "/reopen")
    String reopen(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                  RedirectAttributes redirect) {
        return answer(me, id, new Web(Map.of(), request, response, model, locale, redirect), "close", "desk.ticket.reopened", () -> tickets.reopen(me.accountId(), id, null));
    }

    /** Changes the subject, priority, customer and custom field values; what is unchanged records nothing. */
    @PostMapping(BASE + "/update")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, @RequestParam Map<String, String> form,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        Map<String, String> draft = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("custom_field[") && name.endsWith("]")) {
                fields.put(name.substring("custom_field[".length(), name.length() - 1), value == null ? "" : value);
            }
            if (!name.startsWith("_")) {
                draft.put("edit_" + name, value);
            }
        });
        // Unchecked boxes send nothing: a checkbox field the form showed but did not send is cleared.
        for (String shown : form.getOrDefault("shown_fields", "").split(",")) {
            if (!shown.isBlank()) {
                fields.putIfAbsent(shown.strip(), "");
            }
        }
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "details", "ticketwork.updated", () -> {
            Priority priority = blank(form.get("priority")) == null ? null : PriorityField.of("priority", parse(form.get("priority")));
            tickets.update(me.accountId(), id, new UpdateTicket(form.get("subject"), priority,
                    customerLookup(me, form, tickets.get(me.accountId(), id).customerId()), fields));
        });
    }

    /** Merges this ticket into the one named by protocol or id, once the operator has confirmed it; the target's page shows the result. */
    @PostMapping(BASE + "/merge")
    String merge(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                 @RequestParam(name = "into", required = false) String into,
                 @RequestParam(name = "confirm", required = false) String confirm,
                 @RequestParam(name = "allow_other_customer", required = false) String otherCustomer,
                 HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        var draft = draft("merge_into", into, "merge_other_customer", otherCustomer);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "merge", "ticketwork.merged", () -> {
            String target = ticketNamed(me, "into", into);
            if (!"1".equals(confirm)) {
                throw new InvalidInputException("confirm", "ticketwork.merge.confirm_required");
            }
            tickets.merge(me.accountId(), id, target, "1".equals(otherCustomer));
        });
    }

    /** Makes this ticket a child of the one named by protocol or id, or of none with {@code remove}. */
    @PostMapping(BASE + "/parent")
    String parent(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                  @RequestParam(name = "parent", required = false) String parent,
                  @RequestParam(name = "remove", required = false) String remove,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        var draft = draft("parent", parent);
        boolean removing = "1".equals(remove);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "links",
                removing ? "ticketwork.parent_removed" : "ticketwork.parent_set", () -> {
                    requireParentSeen(me, id);
                    changeParent(me.accountId(), id, removing ? null : ticketNamed(me, "parent", parent), "parent");
                });
    }

    /** Makes the ticket named by protocol or id a child of this one. */
    @PostMapping(BASE + "/child")
    String child(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                 @RequestParam(name = "child", required = false) String child,
                 @RequestParam(name = "remove", required = false) String remove,
                 HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        var draft = draft("child", child);
        boolean removing = "1".equals(remove);
        return answer(me, id, new Web(draft, request, response, model, locale, redirect), "links",
                removing ? "ticketwork.child_removed" : "ticketwork.child_added", () -> {
                    String named = ticketNamed(me, "child", child);
                    requireParentSeen(me, named);
                    if (removing) {
                        if (!id.equals(tickets.get(me.accountId(), named).parentTicketId())) {
                            throw new InvalidInputException("child", "ticketwork.not_a_child");
                        }
                        tickets.changeParent(me.accountId(), named, null);
                    } else {
                        changeParent(me.accountId(), named, id, "child");
                    }
                });
    }

    /**
     * A ticket whose parent is in a department the operator does not see keeps it: replacing or removing a link the
     * operator cannot see would change another department's work unseen.
     */
    private void requireParentSeen(ConsoleOperator me, String ticketId) {
        String parentId = tickets.get(me.accountId(), ticketId).parentTicketId();
        var seen = visibility.of(me);
        if (parentId != null && tickets.find(me.accountId(), parentId).filter(found -> !seen.sees(found.departmentId())).isPresent()) {
            throw new RuleViolationException("ticketwork.parent_of_hidden_department");
        }
    }

    /** A parent change whose refusals point at the form's field. */
    private void changeParent(String account, String ticketId, String parentId, String field) {
        try {
            tickets.changeParent(account, ticketId, parentId);
        } catch (InvalidInputException refused) {
            var arguments = refused.arguments();
            throw new InvalidInputException(field, refused.messageKey(), java.util.Arrays.copyOfRange(arguments, 1, arguments.length));
        }
    }

    /** The ticket an operator names by its protocol ("#123" or "123") or id; an unknown one is the form's mistake. */
    private String ticketNamed(ConsoleOperator me, String field, String typed) {
        String text = blank(typed);
        if (text == null) {
            throw new InvalidInputException(field, "ticketwork.ticket_required");
        }
        String number = text.startsWith("#") ? text.substring(1).strip() : text;
        if (number.matches("[0-9]{1,18}")) {
            long protocol = Long.parseLong(number);
            var found = tickets.list(me.accountId(), TicketQuery.all().withProtocols(protocol, protocol).visibleTo(visibility.of(me)),
                    new PageRequest(1, 1)).items();
            if (!found.isEmpty()) {
                return found.get(0).id();
            }
        } else if (tickets.find(me.accountId(), text).filter(ticket -> visibility.of(me).sees(ticket.departmentId())).isPresent()) {
            return text;
        }
        throw new InvalidInputException(field, "ticketwork.unknown_ticket", text);
    }

    /**
     * The customer the form names: the one picked from the suggestions, else the typed e-mail, internal id or id;
     * {@code null} (no change) when the field is empty or names the ticket's customer.
     */
    private CustomerLookup customerLookup(ConsoleOperator me, Map<String, String> form, String currentCustomerId) {
        String chosen = blank(form.get("customer_id"));
        var found = chosen == null ? java.util.Optional.<io.atende.customer.CustomerView>empty()
                : customers.find(me.accountId(), CustomerLookup.byId(chosen));
        if (found.isEmpty()) {
            String typed = blank(form.get("customer"));
            if (typed == null) {
                return null;
            }
            found = customers.find(me.accountId(), typed.contains("@") ? CustomerLookup.byEmail(typed) : CustomerLookup.byInternalIdOrId(typed));
            if (found.isEmpty()) {
                throw new InvalidInputException("customer", "desk.new.unknown_customer", typed);
            }
        }
        return found.get().id().equals(currentCustomerId) ? null : CustomerLookup.byId(found.get().id());
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("priority", "parameter.not_integer");
        }
    }

    /** A file of one of the account's ticket messages, with its sniffed type, as a download. */
    @GetMapping("/console/tickets/attachments/{attachmentId}")
    void download(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String attachmentId, HttpServletResponse response)
            throws IOException {
        var attachment = tickets.attachment(me.accountId(), attachmentId);
        response.setContentType(attachment.contentType());
        response.setContentLengthLong(attachment.size());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition",
                ContentDisposition.attachment().filename(attachment.name(), StandardCharsets.UTF_8).build().toString());
        attachments.copyContent(me.accountId(), attachment.id(), response.getOutputStream());
    }

    /** "#protocol subject" of each of the tickets, by id, for the lines that name other tickets. */
    private Map<String, String> ticketLabels(ConsoleOperator me, Set<String> ticketIds) {
        Map<String, String> labels = new LinkedHashMap<>();
        var seen = visibility.of(me);
        // A ticket of a department the operator does not see is not named: neither its number nor its subject.
        String hidden = messages.text("ticketwork.links.hidden", me.locale());
        tickets.findAll(me.accountId(), ticketIds).forEach((ticketId, found) -> labels.put(ticketId,
                seen.sees(found.departmentId()) ? "#" + found.protocol() + " " + found.subject() : hidden));
        return labels;
    }

    /** Fills the model with everything the workspace shows (404 for an unknown or another account's ticket). */
    void describe(ConsoleOperator me, String id, Model model) {
        String account = me.accountId();
        var detail = tickets.detail(account, id).visibleTo(visibility.of(me));
        var ticket = detail.ticket();
        model.addAttribute("followers", followers.followers(account, ticket.id()));
        var operatorIds = new ArrayList<String>();
        operatorIds.add(ticket.operatorId());
        detail.messages().forEach(message -> operatorIds.add(message.operatorId()));
        detail.stopwatch().forEach(entry -> operatorIds.add(entry.operatorId()));
        detail.statuses().forEach(period -> {
            operatorIds.add(period.startOperatorId());
            operatorIds.add(period.endOperatorId());
        });
        var history = tickets.history(account, id);
        operatorIds.addAll(TicketTimeline.operatorIds(history));
        var customer = customers.get(account, ticket.customerId());
        var others = tickets.list(account, TicketQuery.all().withCustomerIds(Set.of(customer.id())).visibleTo(visibility.of(me)), new PageRequest(1, 11));
        var allStatuses = statuses.list(account);
        Map<String, String> statusNames = new LinkedHashMap<>();
        allStatuses.forEach(status -> statusNames.put(status.id(), status.name()));
        var departmentsById = directory.departments(account);
        var people = directory.operators(account, operatorIds);
        Map<String, String> operatorNames = new LinkedHashMap<>();
        people.forEach((operatorId, operator) -> operatorNames.put(operatorId, operator.name()));
        Map<String, String> departmentNames = new LinkedHashMap<>();
        departmentsById.forEach((departmentId, department) -> departmentNames.put(departmentId, department.name()));
        var timelineNames = new TicketTimeline.Names(operatorNames, departmentNames,
                history.stream().anyMatch(entry -> entry.field() == TicketField.CATEGORY)
                        ? departments.listAllCategories(account).stream().collect(Collectors.toMap(CategoryView::id, CategoryView::name))
                        : Map.of(),
                statusNames,
                history.stream().anyMatch(entry -> entry.field() == TicketField.CUSTOM_FIELD)
                        ? customFields.list(account).stream().collect(Collectors.toMap(CustomFieldView::id, CustomFieldView::label))
                        : Map.of(),
                ticketLabels(me, TicketTimeline.ticketIds(history)));
        model.addAttribute("section", "tickets");
        model.addAttribute("detail", detail);
        model.addAttribute("sla", clocks.readings(account, List.of(ticket.id())).get(ticket.id()));
        model.addAttribute("slaPauses", clocks.pauses(account, ticket.id()));
        model.addAttribute("ticket", ticket);
        model.addAttribute("priority", PriorityField.value(ticket.priority()));
        model.addAttribute("mine", me.operatorId().equals(ticket.operatorId()));
        model.addAttribute("people", people);
        model.addAttribute("followerAuthors", followerAuthors(account, ticket.id()));
        model.addAttribute("timeline", TicketTimeline.of(detail.messages(), history, timelineNames, messages, me.locale()));
        model.addAttribute("customer", customer);
        model.addAttribute("organizationManager", portal.isOrganizationManager(account, customer.id()));
        model.addAttribute("mailSending", mail.sendingConfigured());
        model.addAttribute("otherTickets", queues.rows(account, others.map(view -> view)).items().stream()
                .filter(row -> !row.id().equals(ticket.id())).limit(10).toList());
        model.addAttribute("department", departmentsById.get(ticket.departmentId()));
        model.addAttribute("category", ticket.categoryId() == null ? null : departments.getCategory(account, ticket.categoryId()));
        model.addAttribute("departments", departmentsById.values());
        model.addAttribute("categories", departments.listCategories(account, ticket.departmentId()));
        model.addAttribute("members", directory.members(account, ticket.departmentId()));
        model.addAttribute("statuses", allStatuses);
        model.addAttribute("statusNames", statusNames);
        model.addAttribute("macros", macros.usableBy(account, me.operatorId()));
        model.addAttribute("finishFields", customFields.applicable(account, CustomFieldEntity.TICKET_FINISH, ticket.departmentId(),
                ticket.categoryId()));
        model.addAttribute("ticketFields", customFields.applicable(account, CustomFieldEntity.TICKET, ticket.departmentId(),
                ticket.categoryId()));
        Map<String, String> fieldValues = new LinkedHashMap<>();
        detail.openingFields().forEach(value -> fieldValues.put(value.fieldId(), value.value()));
        model.addAttribute("fieldValues", fieldValues);
        // The tickets this one is linked with: its parent, the one it was merged into and those merged into it.
        var mergedFrom = history.stream().filter(entry -> entry.field() == TicketField.MERGED_FROM && entry.newValue() != null)
                .map(TicketHistoryEntry::newValue).distinct().toList();
        var linkedIds = new java.util.HashSet<String>(mergedFrom);
        if (ticket.parentTicketId() != null) {
            linkedIds.add(ticket.parentTicketId());
        }
        if (ticket.mergedIntoTicketId() != null) {
            linkedIds.add(ticket.mergedIntoTicketId());
        }
        var seen = visibility.of(me);
        var linked = new java.util.HashMap<>(tickets.findAll(account, linkedIds));
        // Linked tickets of departments the operator does not see are left out: the page does not name them.
        linked.values().removeIf(found -> !seen.sees(found.departmentId()));
        model.addAttribute("parentTicket", ticket.parentTicketId() == null ? null : linked.get(ticket.parentTicketId()));
        // A parent the operator does not see is there all the same: named only as such, and not to be changed here.
        model.addAttribute("parentHidden", ticket.parentTicketId() != null && !linked.containsKey(ticket.parentTicketId()));
        model.addAttribute("mergedInto", ticket.mergedIntoTicketId() == null ? null : linked.get(ticket.mergedIntoTicketId()));
        model.addAttribute("mergedFrom", mergedFrom.stream().map(linked::get).filter(java.util.Objects::nonNull).toList());
        @SuppressWarnings("unchecked")
        Map<String, String> typed = model.containsAttribute("draft") ? (Map<String, String>) model.getAttribute("draft") : Map.of();
        if (!typed.containsKey("message")) {
            // The reply the operator was writing here, on this device or another, comes back as they left it, also
            // when another form of the page answers.
            var saved = drafts.find(account, id, me.operatorId());
            if (saved.isPresent()) {
                typed = new LinkedHashMap<>(typed);
                typed.put("message", saved.get().body());
                model.addAttribute("draftSavedAt", saved.get().savedAt());
            }
        }
        model.addAttribute("draft", typed);
        model.addAttribute("signature", signatures.get(account, me.operatorId()));
        model.addAttribute("inlineBodies", InlineImages.bodies(detail.messages(),
                java.util.Objects.toString(ServletUriComponentsBuilder.fromCurrentContextPath().build().getPath(), "")));
    }

    private void requireLinked(ConsoleOperator me, String id) {
        TicketView ticket = tickets.get(me.accountId(), id);
        if (ticket.operatorId() == null) {
            throw new RuleViolationException("desk.ticket.take_first");
        }
        if (!ticket.operatorId().equals(me.operatorId())) {
            var holder = directory.operators(me.accountId(), List.of(ticket.operatorId())).get(ticket.operatorId());
            throw new RuleViolationException("desk.ticket.not_yours", holder == null ? "?" : holder.name());
        }
    }

    private static Integer minutes(String parameter, String text) {
        if (blank(text) == null) {
            return null;
        }
        try {
            int minutes = Integer.parseInt(text.strip());
            if (minutes < 0 || minutes > 100_000) {
                throw new InvalidInputException(parameter, "parameter.out_of_range", 0, 100_000);
            }
            return minutes;
        } catch (NumberFormatException bad) {
            throw new InvalidInputException(parameter, "parameter.not_integer");
        }
    }

    /** The files the operator chose; an empty file input sends one nameless empty part, which is no file. */
    static List<NewAttachment> uploads(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
                .map(file -> new NewAttachment(file.getOriginalFilename(), file)).toList();
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Map<String, String> draft(String... fieldsAndValues) {
        Map<String, String> draft = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                draft.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return draft;
    }

    /**
     * Runs the action and answers with the workspace showing its outcome next to the form that
     * asked for it ({@code done} or {@code failed} name the form): for htmx the workspace fragment,
     * for a plain post a redirect to the page on success and the whole page on refusal. A refused
     * action keeps what the operator typed ({@code draft}).
     */
    private String answer(ConsoleOperator me, String id, Web web, String form, String doneKey, Runnable action) {
        boolean htmx = web.request().getHeader("HX-Request") != null;
        try {
            action.run();
        } catch (InvalidInputException | RuleViolationException refused) {
            web.response().setStatus(refused instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST
                    : HttpServletResponse.SC_CONFLICT);
            web.model().addAttribute("failed", form);
            web.model().addAttribute("failure", messages.text((AtendeException) refused, web.locale()));
            web.model().addAttribute("failedField", refused instanceof InvalidInputException invalid ? invalid.parameter() : null);
            web.model().addAttribute("draft", web.draft());
            describe(me, id, web.model());
            return htmx ? "console/tickets/ticket :: workspace" : "console/tickets/ticket";
        }
        if (!htmx) {
            web.redirect().addFlashAttribute("done", form);
            web.redirect().addFlashAttribute("doneKey", doneKey);
            return "redirect:/console/tickets/" + id;
        }
        web.model().addAttribute("done", form);
        web.model().addAttribute("doneKey", doneKey);
        describe(me, id, web.model());
        return "console/tickets/ticket :: workspace";
    }

    /** What an action's answer is written with. */
    private record Web(Map<String, String> draft, HttpServletRequest request, HttpServletResponse response, Model model,
                       Locale locale, RedirectAttributes redirect) {
    }
}
