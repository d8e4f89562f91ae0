package io.atende.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.AttachmentView;
import io.atende.attachment.NewAttachment;
import io.atende.customer.CustomerManagement;
import io.atende.customeraccess.PortalCustomer;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.knowledge.ArticleFilter;
import io.atende.knowledge.KnowledgeBase;
import io.atende.operator.OperatorManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketDetail;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketType;
import io.atende.ticket.TicketView;
import io.atende.ticket.TicketMessageView;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The customer's tickets: the list (theirs, or their organization's for a manager), opening one
 * with the department's custom fields and files, the conversation without internal comments,
 * replying, evaluating, and knowledge-base suggestions while the subject is typed.
 */
@Controller
class PortalTicketsController {

    static final int PAGE_SIZE = 20;
    static final String TOO_LARGE = "/portal/too-large";
    static final int SUGGESTIONS = 5;
    private static final Set<Situation> OPEN = Arrays.stream(Situation.values()).filter(Situation::isOpen)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<Situation> CLOSED = Set.of(Situation.CANCELLED, Situation.FINISHED);

    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final CustomFieldManagement customFields;
    private final OperatorManagement operators;
    private final AttachmentManagement attachments;
    private final KnowledgeBase knowledge;
    private final AccountManagement accounts;
    private final MessageSource messages;
    private final Clock clock;
    /** How long after a ticket is finished its customer may still reopen it (zero: never). */
    private final Duration reopenWindow;

    PortalTicketsController(TicketManagement tickets, CustomerManagement customers, DepartmentManagement departments,
                            CustomFieldManagement customFields, OperatorManagement operators, AttachmentManagement attachments,
                            KnowledgeBase knowledge, AccountManagement accounts, MessageSource messages, Clock clock,
                            @Value("${atende.portal.reopen-window:7d}") Duration reopenWindow) {
        this.clock = clock;
        this.reopenWindow = reopenWindow.isNegative() ? Duration.ZERO : reopenWindow;
        this.tickets = tickets;
        this.customers = customers;
        this.departments = departments;
        this.customFields = customFields;
        this.operators = operators;
        this.attachments = attachments;
        this.knowledge = knowledge;
        this.accounts = accounts;
        this.messages = messages;
    }

    record TicketRow(String id, long protocol, String subject, Situation situation, String updated, String customerName) {
    }

    record MessageRow(String author, boolean byOperator, String body, boolean html, String date, List<AttachmentView> files) {
    }

    record Suggestion(String title, String summary, String url) {
    }

    /** Where {@link io.atende.platform.OversizedForms} forwards a form posted without JavaScript whose body is over 25 MB. */
    @RequestMapping(TOO_LARGE)
    String tooLarge(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("status", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("problemKey", "portal.upload_too_large");
        return "portal/problem";
    }

    @GetMapping("/portal/tickets")
    String list(@AuthenticationPrincipal PortalCustomer me, @RequestParam(defaultValue = "open") String show,
                @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") String page,
                @RequestParam(defaultValue = "mine") String scope, Model model, Locale locale) {
        boolean closed = "closed".equals(show);
        boolean organization = "organization".equals(scope) && me.seesOrganization();
        int pageNumber = pageNumber(page);
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 250) {
            throw new InvalidInputException("q", "parameter.too_long", 250);
        }
        var query = (organization ? TicketQuery.all().withOrganization(me.organizationId())
                : TicketQuery.all().withCustomerIds(Set.of(me.customerId())))
                .withSituations(closed ? CLOSED : OPEN).withText(search)
                .sortedBy(TicketQuery.Sort.UPDATED, TicketQuery.Direction.DESCENDING);
        var found = tickets.list(me.accountId(), query, new PageRequest(pageNumber, PAGE_SIZE));
        // Internal tickets are the team's own notes, never the customer's to see.
        var items = found.items().stream().filter(ticket -> ticket.ticketType() != TicketType.INTERNAL).toList();
        if (search != null) {
            // Ticket search also reads internal comments; a customer must not learn what those say.
            items = items.stream().filter(ticket -> matchesVisibleText(me.accountId(), ticket, search)).toList();
        }
        var zone = zone(me);
        var names = organization ? customers.findAll(me.accountId(), items.stream().map(TicketView::customerId).collect(Collectors.toSet()))
                : Map.<String, io.atende.customer.CustomerView>of();
        model.addAttribute("rows", items.stream().map(ticket -> new TicketRow(ticket.id(), ticket.protocol(), ticket.subject(),
                ticket.situation(), date(ticket.updatedAt(), zone, locale),
                names.containsKey(ticket.customerId()) ? names.get(ticket.customerId()).name() : null)).toList());
        model.addAttribute("show", closed ? "closed" : "open");
        model.addAttribute("scope", organization ? "organization" : "mine");
        model.addAttribute("q", search);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, found.pages()));
        model.addAttribute("total", found.total());
        return "portal/tickets";
    }

    @GetMapping("/portal/tickets/new")
    String newTicket(@AuthenticationPrincipal PortalCustomer me, @RequestParam(name = "department_id", required = false) String departmentId,
                     @RequestParam(name = "category_id", required = false) String categoryId, Model model,
                     HttpServletResponse response) {
        if (!me.mayOpenTickets()) {
            return mayNotOpen(response, model);
        }
        form(me, departmentId, categoryId, Map.of(), model);
        return "portal/new-ticket";
    }

    /** The categories and custom fields of the chosen department and category, for htmx to swap into the form. */
    @GetMapping("/portal/tickets/new/fields")
    String fields(@AuthenticationPrincipal PortalCustomer me, @RequestParam(name = "department_id", required = false) String departmentId,
                  @RequestParam(name = "category_id", required = false) String categoryId, Model model) {
        form(me, departmentId, categoryId, Map.of(), model);
        return "portal/new-ticket :: fields";
    }

    /** Published articles matching what the customer typed as the subject, for htmx to show under it. */
    @GetMapping("/portal/kb/suggestions")
    String suggestions(@AuthenticationPrincipal PortalCustomer me, @RequestParam(required = false) String subject, Model model) {
        List<Suggestion> found = List.of();
        if (subject != null && subject.strip().length() >= 3 && subject.length() <= 250) {
            var categories = knowledge.listCategories(me.accountId()).stream()
                    .collect(Collectors.toMap(io.atende.knowledge.KbCategory::id, io.atende.knowledge.KbCategory::slug));
            found = knowledge.listArticles(me.accountId(), ArticleFilter.publicArticles(null, subject), new PageRequest(1, SUGGESTIONS))
                    .items().stream()
                    .map(article -> new Suggestion(article.title(), article.summary(), "/accounts/" + me.accountId() + "/kb/"
                            + categories.get(article.categoryId()) + "/" + article.slug()))
                    .toList();
        }
        model.addAttribute("suggestions", found);
        return "portal/new-ticket :: suggestions";
    }

    @PostMapping("/portal/tickets")
    String open(@AuthenticationPrincipal PortalCustomer me, @RequestParam Map<String, String> params,
                @RequestParam(name = "attachment", required = false) List<MultipartFile> files, Model model,
                HttpServletResponse response, Locale locale) {
        if (!me.mayOpenTickets()) {
            return mayNotOpen(response, model);
        }
        String departmentId = blankToNull(params.get("department_id"));
        String categoryId = blankToNull(params.get("category_id"));
        Map<String, String> fieldValues = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("custom_field[") && name.endsWith("]") && value != null && !value.isBlank()) {
                fieldValues.put(name.substring("custom_field[".length(), name.length() - 1), value);
            }
        });
        try {
            if (departmentId == null) {
                throw new InvalidInputException("department_id", "parameter.required");
            }
            var opened = tickets.open(me.accountId(), new OpenTicket(me.customerId(), departmentId, categoryId, params.get("subject"),
                    params.get("message"), null, fieldValues, uploads(files), null, null, null));
            return "redirect:/portal/tickets/" + opened.id() + "?opened";
        } catch (InvalidInputException | RuleViolationException | NotFoundException refused) {
            response.setStatus(refused instanceof RuleViolationException ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
            form(me, departmentId, categoryId, fieldValues, model);
            model.addAttribute("subject", params.get("subject"));
            model.addAttribute("message", params.get("message"));
            model.addAttribute("error", text(refused, locale));
            model.addAttribute("errorField", refused instanceof InvalidInputException invalid ? invalid.parameter() : null);
            return "portal/new-ticket";
        }
    }

    @GetMapping("/portal/tickets/{ticketId}")
    String ticket(@AuthenticationPrincipal PortalCustomer me, @PathVariable String ticketId, Model model, Locale locale) {
        conversation(me, visible(me, ticketId), model, locale);
        return "portal/ticket";
    }

    @PostMapping("/portal/tickets/{ticketId}/reply")
    String reply(@AuthenticationPrincipal PortalCustomer me, @PathVariable String ticketId,
                 @RequestParam(required = false) String message,
                 @RequestParam(name = "attachment", required = false) List<MultipartFile> files, Model model,
                 HttpServletResponse response, Locale locale, RedirectAttributes redirect) {
        var detail = own(me, ticketId);
        try {
            tickets.replyByCustomer(me.accountId(), detail.ticket().id(), message, uploads(files));
        } catch (InvalidInputException | RuleViolationException refused) {
            response.setStatus(refused instanceof RuleViolationException ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
            conversation(me, detail, model, locale);
            model.addAttribute("reply", message);
            model.addAttribute("replyError", text(refused, locale));
            return "portal/ticket";
        }
        redirect.addFlashAttribute("notice", "portal.ticket.replied");
        return "redirect:/portal/tickets/" + detail.ticket().id();
    }

    @PostMapping("/portal/tickets/{ticketId}/evaluation")
    String evaluate(@AuthenticationPrincipal PortalCustomer me, @PathVariable String ticketId,
                    @RequestParam(required = false) String grade, @RequestParam(required = false) String solved,
                    @RequestParam(required = false) String comment, Model model, HttpServletResponse response, Locale locale,
                    RedirectAttributes redirect) {
        var detail = own(me, ticketId);
        try {
            Integer value = parseGrade(grade);
            tickets.evaluate(me.accountId(), detail.ticket().id(), value, problemSolved(solved), comment, Map.of());
        } catch (InvalidInputException | RuleViolationException refused) {
            response.setStatus(refused instanceof RuleViolationException ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
            conversation(me, detail, model, locale);
            model.addAttribute("evaluationError", text(refused, locale));
            return "portal/ticket";
        }
        redirect.addFlashAttribute("notice", "portal.ticket.evaluated");
        return "redirect:/portal/tickets/" + detail.ticket().id();
    }

    /**
     * The customer reopens their finished ticket, within {@code atende.portal.reopen-window} of its
     * finishing, through the ticket's own reopen rule (so its events and webhooks are those of a reopen
     * through the API); an optional message says what is still wrong. Later, or for a ticket not
     * finished, the page says why with 409 and nothing changes.
     */
    @PostMapping("/portal/tickets/{ticketId}/reopen")
    String reopen(@AuthenticationPrincipal PortalCustomer me, @PathVariable String ticketId,
                  @RequestParam(required = false) String message, Model model, HttpServletResponse response, Locale locale,
                  RedirectAttributes redirect) {
        var detail = own(me, ticketId);
        var ticket = detail.ticket();
        try {
            if (ticket.situation() != Situation.FINISHED) {
                throw new RuleViolationException("portal.ticket.reopen_not_finished");
            }
            var until = reopenUntil(ticket);
            if (!until.isAfter(clock.instant())) {
                throw new RuleViolationException("portal.ticket.reopen_expired", date(until, zone(me), locale));
            }
            tickets.reopen(me.accountId(), ticket.id(), blankToNull(message));
        } catch (InvalidInputException | RuleViolationException refused) {
            response.setStatus(refused instanceof RuleViolationException ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
            conversation(me, detail, model, locale);
            model.addAttribute("reopenMessage", message);
            model.addAttribute("reopenError", text(refused, locale));
            return "portal/ticket";
        }
        redirect.addFlashAttribute("notice", "portal.ticket.reopened");
        return "redirect:/portal/tickets/" + ticket.id();
    }

    private Instant reopenUntil(TicketView ticket) {
        return ticket.situationAt().plus(reopenWindow);
    }

    @GetMapping("/portal/tickets/{ticketId}/attachments/{attachmentId}")
    void download(@AuthenticationPrincipal PortalCustomer me, @PathVariable String ticketId, @PathVariable String attachmentId,
                  HttpServletResponse response) throws IOException {
        var detail = visible(me, ticketId);
        var file = detail.messages().stream().filter(message -> !message.kind().isComment())
                .flatMap(message -> message.attachments().stream()).filter(attachment -> attachment.id().equals(attachmentId))
                .findFirst().orElseThrow(() -> new NotFoundException("attachment.not_found", attachmentId));
        response.setContentType(file.contentType());
        response.setContentLengthLong(file.size());
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        attachments.copyContent(me.accountId(), file.id(), response.getOutputStream());
    }

    private String mayNotOpen(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("status", HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("problemKey", "portal.may_not_open");
        return "portal/problem";
    }

    private void form(PortalCustomer me, String departmentId, String categoryId, Map<String, String> values, Model model) {
        var allDepartments = departments.listDepartments(me.accountId());
        String department = allDepartments.stream().anyMatch(d -> d.id().equals(departmentId)) ? departmentId : null;
        List<CategoryView> categories = department == null ? List.of() : departments.listCategories(me.accountId(), department);
        String category = categories.stream().anyMatch(c -> c.id().equals(categoryId)) ? categoryId : null;
        List<CustomFieldView> fields = department == null ? List.of()
                : customFields.applicable(me.accountId(), CustomFieldEntity.TICKET, department, category);
        model.addAttribute("departments", allDepartments);
        model.addAttribute("departmentId", department);
        model.addAttribute("categories", categories);
        model.addAttribute("categoryId", category);
        model.addAttribute("fields", fields);
        model.addAttribute("values", values);
        model.addAttribute("maxFiles", AttachmentManagement.MAX_FILES);
    }

    private void conversation(PortalCustomer me, TicketDetail detail, Model model, Locale locale) {
        var ticket = detail.ticket();
        var zone = zone(me);
        var visibleMessages = detail.messages().stream().filter(message -> !message.kind().isComment()).toList();
        var operatorNames = operators.findAll(me.accountId(), visibleMessages.stream().map(m -> m.operatorId())
                .filter(id -> id != null).collect(Collectors.toSet()));
        String customerName = ticket.customerId().equals(me.customerId()) ? me.name()
                : customers.get(me.accountId(), ticket.customerId()).name();
        List<MessageRow> rows = new ArrayList<>();
        for (var message : visibleMessages) {
            String author = message.kind().byOperator()
                    ? (message.operatorId() != null && operatorNames.containsKey(message.operatorId())
                       ? operatorNames.get(message.operatorId()).name() : messages.getMessage("portal.ticket.support", null, locale))
                    : customerName;
            rows.add(new MessageRow(author, message.kind().byOperator(), message.html() ? withPastedImages(ticket.id(), message)
                    : message.body(), message.html(), date(message.createdAt(), zone, locale), message.attachments()));
        }
        boolean own = ticket.customerId().equals(me.customerId());
        model.addAttribute("ticket", ticket);
        model.addAttribute("department", departments.getDepartment(me.accountId(), ticket.departmentId()).name());
        model.addAttribute("conversation", rows);
        model.addAttribute("created", date(ticket.createdAt(), zone, locale));
        model.addAttribute("own", own);
        model.addAttribute("mayReply", own && ticket.situation().isOpen());
        model.addAttribute("mayEvaluate", own && ticket.situation() == Situation.FINISHED && ticket.evaluatedAt() == null
                && ticket.mergedIntoTicketId() == null);
        // A merged ticket stays finished (its conversation carries on in the target), so it says where instead of offering a reopen.
        var mergedInto = ticket.mergedIntoTicketId() == null ? null : tickets.find(me.accountId(), ticket.mergedIntoTicketId()).orElse(null);
        model.addAttribute("mergedInto", mergedInto == null ? null
                : new MergedInto(mergedInto.id(), mergedInto.protocol(), maySee(me, mergedInto)));
        boolean mayReopen = own && ticket.situation() == Situation.FINISHED && ticket.mergedIntoTicketId() == null
                && reopenUntil(ticket).isAfter(clock.instant());
        model.addAttribute("mayReopen", mayReopen);
        model.addAttribute("reopenUntil", mayReopen ? date(reopenUntil(ticket), zone, locale) : null);
        model.addAttribute("maxFiles", AttachmentManagement.MAX_FILES);
    }

    /** The ticket a ticket was merged into: linked only when the customer may open its page (their own, or their organization's for a manager). */
    /** The message's HTML with the images pasted into it (its files, named by {@code cid:} addresses) shown from their downloads. */
    private static String withPastedImages(String ticketId, TicketMessageView message) {
        if (message.attachments().isEmpty()) {
            return message.body();
        }
        String base = Objects.toString(ServletUriComponentsBuilder.fromCurrentContextPath().build().getPath(), "")
                + "/portal/tickets/" + ticketId + "/attachments/";
        return Html.withInlineImages(message.body(), name -> message.attachments().stream()
                .filter(file -> file.name().equals(name)).findFirst().map(file -> base + file.id()).orElse(null));
    }

    record MergedInto(String id, long protocol, boolean linked) {
    }

    /** The ticket with its messages, when the customer may see it: their own, or their organization's for a manager; 404 otherwise. */
    private TicketDetail visible(PortalCustomer me, String ticketId) {
        var detail = Ids.isId(ticketId) ? tickets.findDetail(me.accountId(), ticketId).orElse(null) : null;
        if (detail == null || !maySee(me, detail.ticket())) {
            throw new NotFoundException("ticket.not_found", ticketId);
        }
        return detail;
    }

    /** The customer's own ticket: another's is 404, an organization's (seen by a manager) is 409. */
    private TicketDetail own(PortalCustomer me, String ticketId) {
        var detail = visible(me, ticketId);
        if (!detail.ticket().customerId().equals(me.customerId())) {
            throw new RuleViolationException("portal.ticket.not_yours");
        }
        return detail;
    }

    private boolean maySee(PortalCustomer me, TicketView ticket) {
        if (ticket.ticketType() == TicketType.INTERNAL) {
            return false;
        }
        if (ticket.customerId().equals(me.customerId())) {
            return true;
        }
        return me.seesOrganization() && customers.customerIdsInOrganization(me.accountId(), me.organizationId()).contains(ticket.customerId());
    }

    private boolean matchesVisibleText(String accountId, TicketView ticket, String search) {
        var words = new HashSet<String>();
        words.addAll(words(ticket.subject()));
        tickets.findDetail(accountId, ticket.id()).ifPresent(detail -> detail.messages().stream()
                .filter(message -> !message.kind().isComment())
                .forEach(message -> words.addAll(words(message.html() ? Html.toPlainText(message.body()) : message.body()))));
        return words(search).stream().allMatch(wanted -> words.stream().anyMatch(word -> word.startsWith(wanted)));
    }

    private static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty()).toList();
    }

    private static List<NewAttachment> uploads(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        // A file input left empty still sends one part without a name.
        return files.stream().filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
                .map(file -> new NewAttachment(file.getOriginalFilename(), file)).toList();
    }

    private static Integer parseGrade(String grade) {
        if (grade == null || grade.isBlank()) {
            throw new InvalidInputException("grade", "parameter.required");
        }
        try {
            return Integer.valueOf(grade.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
    }

    /** The form's Y or N radio button; nothing chosen means the evaluation does not say. */
    private static Boolean problemSolved(String solved) {
        if (solved == null || solved.isBlank()) {
            return null;
        }
        return switch (solved) {
            case "Y" -> true;
            case "N" -> false;
            default -> throw new InvalidInputException("solved", "parameter.not_one_of", "Y, N");
        };
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page);
            if (number < 1) {
                throw new InvalidInputException("page", "parameter.out_of_range", 1, Integer.MAX_VALUE);
            }
            return number;
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("page", "parameter.not_integer");
        }
    }

    private ZoneId zone(PortalCustomer me) {
        return accounts.get(me.accountId()).timeZone();
    }

    private static String date(Instant instant, ZoneId zone, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone).format(instant);
    }

    private String text(AtendeException failure, Locale locale) {
        return messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
