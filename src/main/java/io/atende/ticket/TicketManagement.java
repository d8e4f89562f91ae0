package io.atende.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.AttachmentView;
import io.atende.attachment.NewAttachment;
import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldValue;
import io.atende.department.DepartmentVisibility;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.ProtocolCounters;
import io.atende.platform.RuleViolationException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tickets: opening, the operator and customer conversation, custom statuses, finishing,
 * evaluation, tags and the list. Every change runs in one transaction under the ticket's row
 * lock and publishes its events in that transaction, so a refused or failed change leaves
 * nothing behind: no message, no attachment, no event.
 */
@Service
public class TicketManagement {

    /** Attachments of ticket messages are stored under this owner type. */
    public static final String ATTACHMENT_OWNER = "ticket_message";
    static final int MAX_SUBJECT = 250;
    static final int MAX_MESSAGE = 100_000;
    static final int MAX_TAG = 50;
    static final int MAX_COMMENT = 4096;

    private final TicketRepository repository;
    private final ProtocolCounters protocols;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final CustomFieldManagement customFields;
    private final TicketStatusManagement statuses;
    private final AttachmentManagement attachments;
    private final ApplicationEventPublisher events;
    private final TicketOpenings openings;
    private final TicketHistory history;
    /** One instance, so that the openings queued together are recognised as written by the same writer. */
    private final Function<List<Opening>, List<OpenedTicket>> writeTogether = this::write;
    private final Clock clock;

    TicketManagement(TicketRepository repository, ProtocolCounters protocols, CustomerManagement customers,
                     DepartmentManagement departments, OperatorManagement operators, CustomFieldManagement customFields,
                     TicketStatusManagement statuses, AttachmentManagement attachments, ApplicationEventPublisher events,
                     TicketOpenings openings, TicketHistory history, Clock clock) {
        this.repository = repository;
        this.protocols = protocols;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.customFields = customFields;
        this.statuses = statuses;
        this.attachments = attachments;
        this.events = events;
        this.openings = openings;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Opens a ticket with the customer's opening message: not found for an unknown customer,
     * department, category or operator; refused when the customer may not open tickets or the
     * operator may not take it; invalid for bad input, a category of another department or a missing
     * required custom field.
     */
    public TicketView open(String accountId, OpenTicket command) {
        return open(accountId, command, TicketChannel.OTHER).ticket();
    }

    /**
     * {@link #open(String, OpenTicket)} through a channel its events will name, answering with the customer,
     * department, category and operator as the checks read them. Called inside a transaction, the ticket is written
     * in it; otherwise it is written in a transaction shared with the tickets other threads of this node are opening
     * at the same moment (see {@link TicketOpenings}), and is committed when this returns.
     */
    public OpenedTicket open(String accountId, OpenTicket command, TicketChannel channel) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return write(List.of(check(accountId, command, channel))).get(0);
        }
        return openings.open(accountId, () -> check(accountId, command, channel), writeTogether);
    }

    /**
     * Opens a ticket for a customer created with it (an operator taking a call from someone new), in one transaction:
     * the customer's refusals are {@link CustomerManagement#create}'s, the ticket's are {@link #open(String, OpenTicket)}'s
     * (its {@code customer} is ignored), and a refusal of either leaves neither behind.
     */
    @Transactional
    public OpenedTicket openForNewCustomer(String accountId, CreateCustomer customer, OpenTicket command, TicketChannel channel) {
        var created = customers.create(accountId, customer);
        return open(accountId, new OpenTicket(CustomerLookup.byId(created.id()), command.departmentId(), command.categoryId(),
                command.subject(), command.message(), command.priority(), command.customFields(), command.attachments(),
                command.operatorId(), command.parentTicketId(), command.ticketType(), command.format()), channel);
    }

    /** A ticket to open, checked against everything it refers to; {@link #write} only writes it. */
    private record Opening(String accountId, TicketChannel channel, String subject, TicketType type, Priority priority,
                           CustomerView customer, DepartmentView department, CategoryView category, OperatorView operator,
                           String parentTicketId, List<CustomFieldValue> fields, List<NewAttachment> attachments, Instant now,
                           String body, boolean html, List<String> unrecordedWords, String searchText, Actor actor) {

        String categoryId() {
            return category == null ? null : category.id();
        }

        String operatorId() {
            return operator == null ? null : operator.id();
        }
    }

    private Opening check(String accountId, OpenTicket command, TicketChannel channel) {
        String subject = Inputs.requiredText("subject", command.subject(), MAX_SUBJECT);
        String message = Inputs.requiredText("message", command.message(), MAX_MESSAGE);
        Priority priority = command.priority() == null ? Priority.NORMAL : command.priority();
        TicketType type = command.ticketType() == null ? TicketType.EXTERNAL : command.ticketType();
        var customer = customers.requireMayOpenTickets(accountId, command.customer());
        var department = departments.getDepartment(accountId, command.departmentId());
        CategoryView category = null;
        if (command.categoryId() != null) {
            category = departments.getCategory(accountId, command.categoryId());
            if (!category.departmentId().equals(department.id())) {
                throw new InvalidInputException("category_id", "ticket.category_of_other_department");
            }
        }
        var fields = customFields.check(accountId, CustomFieldEntity.TICKET, department.id(),
                category == null ? null : category.id(), command.customFields() == null ? Map.of() : command.customFields(), true);
        var operator = command.operatorId() == null ? null : requireOperatorFor(accountId, department.id(), command.operatorId());
        if (command.parentTicketId() != null && !repository.exists(accountId, command.parentTicketId())) {
            throw new NotFoundException("ticket.not_found", command.parentTicketId());
        }
        boolean html = (command.format() == null ? BodyFormat.DETECTED : command.format()).isHtml(message);
        String body = html ? Html.sanitize(message) : message;
        var words = new ArrayList<>(SearchText.words(subject));
        words.addAll(SearchText.words(html ? Html.toPlainText(body) : body));
        String searchText = SearchText.withWords("", words, TicketRepository.MAX_WORD, TicketRepository.MAX_SEARCH_TEXT);
        return new Opening(accountId, channel, subject, type, priority, customer, department, category, operator,
                command.parentTicketId(), fields,
                command.attachments() == null ? List.of() : command.attachments(), clock.instant(), body, html,
                repository.unrecordedSearchWords(accountId, words), searchText, Actors.current());
    }

    /** Writes openings of one account, numbered in their order. */
    private List<OpenedTicket> write(List<Opening> openings) {
        // Every ticket creation of the account waits on the protocol counter from its increment until the commit:
        // only the rows of the tickets follow, each written once in its final form, on PostgreSQL in one statement.
        String accountId = openings.get(0).accountId();
        var drafts = new ArrayList<TicketRepository.NewTicket>(openings.size());
        for (var opening : openings) {
            var draft = Ticket.open(accountId, Ids.newId(), 0, opening.subject(), opening.type(), opening.priority(),
                    opening.customer().id(), opening.department().id(), opening.categoryId(), opening.operatorId(),
                    opening.parentTicketId(), opening.now());
            var message = new TicketMessageView(Ids.newId(), draft.nextPosition(), MessageKind.OPENING, null, opening.body(),
                    opening.html(), opening.now(), List.of());
            drafts.add(new TicketRepository.NewTicket(draft, opening.searchText(), message));
        }
        repository.recordSearchWords(accountId, openings.stream().flatMap(opening -> opening.unrecordedWords().stream())
                .distinct().toList());
        var firstNumber = repository.insertNumbered(accountId, drafts);
        var opened = new ArrayList<OpenedTicket>(openings.size());
        var recorded = new ArrayList<TicketHistory.Opened>(openings.size());
        for (int i = 0; i < openings.size(); i++) {
            var opening = openings.get(i);
            var draft = drafts.get(i);
            long protocol = firstNumber.isPresent() ? firstNumber.getAsLong() + i : protocols.next(accountId, "ticket");
            var ticket = Ticket.open(accountId, draft.ticket().id, protocol, opening.subject(), opening.type(), opening.priority(),
                    opening.customer().id(), opening.department().id(), opening.categoryId(), opening.operatorId(),
                    opening.parentTicketId(), opening.now());
            ticket.nextPosition();
            if (firstNumber.isEmpty()) {
                repository.insert(ticket, opening.searchText());
                repository.insertMessage(accountId, ticket.id, draft.opening());
            }
            if (ticket.operatorId != null) {
                repository.recordOperatorLink(accountId, ticket.id, ticket.operatorId, opening.now());
            }
            if (!opening.attachments().isEmpty()) {
                attachments.store(accountId, ATTACHMENT_OWNER, draft.opening().id(), opening.attachments());
            }
            repository.insertFieldValues(accountId, ticket.id, 'O', opening.fields());
            recorded.add(new TicketHistory.Opened(ticket, opening.actor(), opening.channel()));
            // Inserted whole above, so only the events remain (no update of the row just written).
            ticket.drainEvents().stream().map(event -> through(event, opening.channel())).forEach(events::publishEvent);
            opened.add(new OpenedTicket(ticket.view(opening.body(), opening.html()), opening.customer(), opening.department(),
                    opening.category(), opening.operator()));
        }
        history.recordOpenings(recorded);
        return opened;
    }

    /** Links an operator to a ticket that has none (refused otherwise, or when the operator may not take it). */
    @Transactional
    public void linkOperator(String accountId, String ticketId, String operatorId) {
        var ticket = lock(accountId, ticketId);
        requireOperatorFor(accountId, ticket.departmentId, operatorId);
        Instant now = clock.instant();
        ticket.linkOperator(operatorId, now);
        repository.recordOperatorLink(accountId, ticket.id, operatorId, now);
        save(ticket);
    }

    /**
     * Moves a ticket that has no operator yet to another department's queue, as a rule routing new tickets does
     * (a transfer needs an operator); refused for a ticket with an operator, not found for an unknown department.
     */
    @Transactional
    public void moveToQueue(String accountId, String ticketId, String departmentId) {
        var ticket = lock(accountId, ticketId);
        String target = departments.getDepartment(accountId, departmentId).id();
        if (ticket.moveToQueue(target, clock.instant())) {
            save(ticket);
        }
    }

    /**
     * Transfers a ticket to another department and/or operator; without an operator the ticket
     * waits for one again (situation 0), with one it is "operator changed" (6).
     */
    @Transactional
    public void transfer(String accountId, String ticketId, String departmentId, String operatorId) {
        if (departmentId == null && operatorId == null) {
            throw new InvalidInputException("department_id", "ticket.transfer_needs_target");
        }
        var ticket = lock(accountId, ticketId);
        String target = departmentId == null ? ticket.departmentId : departments.getDepartment(accountId, departmentId).id();
        // The ticket's own refusals come before the operator's, so "Same operator" wins over membership.
        ticket.checkTransfer(target, operatorId);
        if (operatorId != null) {
            requireOperatorFor(accountId, target, operatorId);
        }
        Instant now = clock.instant();
        ticket.transfer(target, operatorId, now);
        if (operatorId != null) {
            repository.recordOperatorLink(accountId, ticket.id, operatorId, now);
        }
        save(ticket);
    }

    /**
     * Files the ticket under another category of its department, or under none with a null
     * {@code categoryId}: not found for an unknown ticket or category, invalid for a category of another
     * department, refused for a finished or cancelled ticket (as a transfer). Publishes
     * {@link TicketUpdated} when the category changes; the same category again changes nothing.
     */
    @Transactional
    public void changeCategory(String accountId, String ticketId, String categoryId) {
        var ticket = lock(accountId, ticketId);
        String target = null;
        if (categoryId != null) {
            var category = departments.getCategory(accountId, categoryId);
            if (!category.departmentId().equals(ticket.departmentId)) {
                throw new InvalidInputException("category_id", "ticket.category_of_other_department");
            }
            target = category.id();
        }
        if (ticket.changeCategory(target, clock.instant())) {
            save(ticket);
        }
    }

    /**
     * The linked operator's reply; with {@code start}/{@code end} it also records stopwatch time.
     * Answers the new message's id.
     */
    @Transactional
    public String replyByOperator(String accountId, String ticketId, String message, List<NewAttachment> files,
                                  Instant start, Instant end) {
        return replyByOperator(accountId, ticketId, message, files, start, end, TicketChannel.OTHER);
    }

    /** {@link #replyByOperator(String, String, String, List, Instant, Instant)} through a channel its event will name. */
    @Transactional
    public String replyByOperator(String accountId, String ticketId, String message, List<NewAttachment> files,
                                  Instant start, Instant end, TicketChannel channel) {
        return replyByOperator(accountId, ticketId, message, files, start, end, channel, BodyFormat.DETECTED);
    }

    /** {@link #replyByOperator(String, String, String, List, Instant, Instant, TicketChannel)} with its text read as {@code format}. */
    @Transactional
    public String replyByOperator(String accountId, String ticketId, String message, List<NewAttachment> files,
                                  Instant start, Instant end, TicketChannel channel, BodyFormat format) {
        String text = Inputs.requiredText("message", message, MAX_MESSAGE);
        if ((start == null) != (end == null)) {
            throw new InvalidInputException(start == null ? "start_date" : "end_date", "ticket.stopwatch_needs_both");
        }
        if (start != null && end.isBefore(start)) {
            throw new InvalidInputException("end_date", "ticket.stopwatch_end_before_start");
        }
        var ticket = lock(accountId, ticketId);
        Instant now = clock.instant();
        String messageId = Ids.newId();
        int position = ticket.replyByOperator(messageId, now);
        insertMessage(ticket, messageId, position, MessageKind.OPERATOR, ticket.operatorId, text, format, files, now);
        if (start != null) {
            long seconds = Duration.between(start, end).toSeconds();
            repository.insertStopwatch(accountId, ticket.id, new StopwatchEntry(Ids.newId(), ticket.operatorId, start, end, seconds));
            ticket.workTime += seconds;
        }
        save(ticket, channel);
        return messageId;
    }

    /** The customer's reply; answers the new message's id. */
    @Transactional
    public String replyByCustomer(String accountId, String ticketId, String message, List<NewAttachment> files) {
        return replyByCustomer(accountId, ticketId, message, files, TicketChannel.OTHER);
    }

    /** {@link #replyByCustomer(String, String, String, List)} through a channel its event will name. */
    @Transactional
    public String replyByCustomer(String accountId, String ticketId, String message, List<NewAttachment> files,
                                  TicketChannel channel) {
        return replyByCustomer(accountId, ticketId, message, files, channel, BodyFormat.DETECTED);
    }

    /** {@link #replyByCustomer(String, String, String, List, TicketChannel)} with its text read as {@code format}. */
    @Transactional
    public String replyByCustomer(String accountId, String ticketId, String message, List<NewAttachment> files,
                                  TicketChannel channel, BodyFormat format) {
        String text = Inputs.requiredText("message", message, MAX_MESSAGE);
        var ticket = lock(accountId, ticketId);
        Instant now = clock.instant();
        String messageId = Ids.newId();
        int position = ticket.replyByCustomer(messageId, now);
        insertMessage(ticket, messageId, position, MessageKind.CUSTOMER, null, text, format, files, now);
        save(ticket, channel);
        return messageId;
    }

    /**
     * An internal comment, never shown to the customer; the situation stays. It is recorded in the
     * name of the ticket's linked operator, if any (TomTicket's API names no author). Answers the
     * comment's id.
     */
    @Transactional
    public String comment(String accountId, String ticketId, String comment, List<NewAttachment> files) {
        String text = Inputs.requiredText("comment", comment, MAX_MESSAGE);
        var ticket = lock(accountId, ticketId);
        return comment(ticket, ticket.operatorId, text, files);
    }

    /**
     * An internal comment written by {@code authorId}, an operator of the account (not found otherwise),
     * whether or not the ticket is theirs; otherwise as {@link #comment(String, String, String, List)}.
     */
    @Transactional
    public String comment(String accountId, String ticketId, String authorId, String comment, List<NewAttachment> files) {
        String text = Inputs.requiredText("comment", comment, MAX_MESSAGE);
        if (authorId == null) {
            throw new InvalidInputException("operator_id", "parameter.required");
        }
        var ticket = lock(accountId, ticketId);
        return comment(ticket, operators.get(accountId, authorId).id(), text, BodyFormat.DETECTED, files);
    }

    /** {@link #comment(String, String, String, String, List)} with its text read as {@code format}. */
    @Transactional
    public String comment(String accountId, String ticketId, String authorId, String comment, List<NewAttachment> files,
                          BodyFormat format) {
        String text = Inputs.requiredText("comment", comment, MAX_MESSAGE);
        if (authorId == null) {
            throw new InvalidInputException("operator_id", "parameter.required");
        }
        var ticket = lock(accountId, ticketId);
        return comment(ticket, operators.get(accountId, authorId).id(), text, format, files);
    }

    private String comment(Ticket ticket, String authorId, String text, List<NewAttachment> files) {
        return comment(ticket, authorId, text, BodyFormat.DETECTED, files);
    }

    private String comment(Ticket ticket, String authorId, String text, BodyFormat format, List<NewAttachment> files) {
        Instant now = clock.instant();
        String messageId = Ids.newId();
        int position = ticket.comment(messageId, now);
        insertMessage(ticket, messageId, position, MessageKind.COMMENT, authorId, text, format, files, now);
        save(ticket);
        return messageId;
    }

    /** Opens one of the account's custom statuses on the ticket (refused if one is open). */
    @Transactional
    public void openStatus(String accountId, String ticketId, String statusId, String comment) {
        String note = Inputs.optionalText("comment", comment, MAX_COMMENT);
        var ticket = lock(accountId, ticketId);
        var status = statuses.get(accountId, statusId);
        Instant now = clock.instant();
        ticket.openStatus(status.id(), now);
        repository.startStatus(accountId, ticket.id,
                new TicketStatusPeriod(Ids.newId(), status.id(), now, note, ticket.operatorId, null, null));
        save(ticket);
    }

    /**
     * Records the ticket's nearest SLA state, as the module keeping its clocks computed it in the transaction of the
     * ticket's change; lists filter and sort by it. Not a change of the ticket: no event, its update time stays.
     */
    @Transactional
    public void recordSlaState(String accountId, String ticketId, TicketSlaState state) {
        repository.recordSlaState(accountId, ticketId, state);
    }

    /** The nearest SLA state of each of these tickets (a page of a list), by id, read in one query. */
    @Transactional(readOnly = true)
    public Map<String, TicketSlaState> slaStates(String accountId, Collection<String> ticketIds) {
        return repository.slaStates(accountId, ticketIds);
    }

    /** Closes the ticket's open custom status (refused if none is open). */
    @Transactional
    public void closeStatus(String accountId, String ticketId) {
        var ticket = lock(accountId, ticketId);
        Instant now = clock.instant();
        ticket.closeStatus(now);
        repository.endStatus(accountId, ticket.id, now, ticket.operatorId);
        save(ticket);
    }

    /**
     * Finishes the ticket with the operator's closing message; {@code workMinutes} adds to the
     * work time; finish-time custom fields are checked (invalid).
     */
    @Transactional
    public void finish(String accountId, String ticketId, String message, List<NewAttachment> files, Integer workMinutes,
                       Map<String, String> fields) {
        finish(accountId, ticketId, message, files, workMinutes, fields, TicketChannel.OTHER);
    }

    /** {@link #finish(String, String, String, List, Integer, Map)} through a channel its event will name. */
    @Transactional
    public void finish(String accountId, String ticketId, String message, List<NewAttachment> files, Integer workMinutes,
                       Map<String, String> fields, TicketChannel channel) {
        String text = Inputs.requiredText("message", message, MAX_MESSAGE);
        if (workMinutes != null && workMinutes < 0) {
            throw new InvalidInputException("time_work", "parameter.out_of_range", 0, Integer.MAX_VALUE);
        }
        var ticket = lock(accountId, ticketId);
        var values = customFields.check(accountId, CustomFieldEntity.TICKET_FINISH, ticket.departmentId, ticket.categoryId,
                fields == null ? Map.of() : fields, true);
        Instant now = clock.instant();
        String closedStatus = ticket.finish(workMinutes == null ? 0 : workMinutes * 60L, now);
        if (closedStatus != null) {
            repository.endStatus(accountId, ticket.id, now, ticket.operatorId);
        }
        addMessage(ticket, MessageKind.FINISH, ticket.operatorId, text, files, now);
        repository.insertFieldValues(accountId, ticket.id, 'F', values);
        noteFieldValues(ticket, values);
        save(ticket, channel);
    }

    /** Evaluates a finished ticket, once (refused otherwise); {@code problemSolved} is {@code null} when the evaluation does not say. */
    @Transactional
    public void evaluate(String accountId, String ticketId, Integer grade, Boolean problemSolved, String comment,
                         Map<String, String> fields) {
        if (grade != null && (grade < 1 || grade > 5)) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
        String note = Inputs.optionalText("comment", comment, MAX_COMMENT);
        var ticket = lock(accountId, ticketId);
        var values = customFields.check(accountId, CustomFieldEntity.EVALUATION, ticket.departmentId, ticket.categoryId,
                fields == null ? Map.of() : fields, true);
        ticket.evaluate(grade, problemSolved, note, clock.instant());
        repository.insertFieldValues(accountId, ticket.id, 'E', values);
        noteFieldValues(ticket, values);
        save(ticket);
    }

    /**
     * The customer's one-click rating of a finished ticket (a grade 1 to 5, or whether the problem was solved): the
     * first click evaluates the ticket, a later one changes that part of the evaluation.
     */
    @Transactional
    public TicketView rate(String accountId, String ticketId, Integer grade, Boolean solved) {
        if (grade != null && (grade < 1 || grade > 5)) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
        if (grade == null && solved == null) {
            throw new InvalidInputException("grade", "parameter.required");
        }
        var ticket = lock(accountId, ticketId);
        ticket.rate(grade, solved, clock.instant());
        save(ticket);
        return get(accountId, ticketId);
    }

    /** Cancels an open ticket, with an optional message from the operator side. */
    @Transactional
    public void cancel(String accountId, String ticketId, String message) {
        String text = Inputs.optionalText("message", message, MAX_MESSAGE);
        var ticket = lock(accountId, ticketId);
        Instant now = clock.instant();
        if (ticket.cancel(now) != null) {
            repository.endStatus(accountId, ticket.id, now, ticket.operatorId);
        }
        if (text != null) {
            addMessage(ticket, MessageKind.CANCEL, ticket.operatorId, text, List.of(), now);
        }
        save(ticket);
    }

    /** Reopens a finished or cancelled ticket; a message is the customer's and leaves it awaiting the operator. */
    @Transactional
    public void reopen(String accountId, String ticketId, String message) {
        String text = Inputs.optionalText("message", message, MAX_MESSAGE);
        var ticket = lock(accountId, ticketId);
        Instant now = clock.instant();
        ticket.reopen(text != null, now);
        if (text != null) {
            addMessage(ticket, MessageKind.REOPEN, null, text, List.of(), now);
        }
        save(ticket);
    }

    /** Adds a tag (case-insensitive, at most 50 characters); adding one the ticket has is refused. */
    @Transactional
    public void addTag(String accountId, String ticketId, String tag) {
        String clean = Inputs.requiredText("tag", tag, MAX_TAG);
        var ticket = lock(accountId, ticketId);
        Instant now = clock.instant();
        if (!repository.addTag(accountId, ticket.id, clean.toLowerCase(Locale.ROOT), clean, now)) {
            throw new RuleViolationException("ticket.tag_present", clean);
        }
        ticket.note(TicketField.TAG, null, null, clean);
        ticket.touched(now);
        save(ticket);
    }

    /** Removes a tag; removing one the ticket lacks is refused. */
    @Transactional
    public void removeTag(String accountId, String ticketId, String tag) {
        String clean = Inputs.requiredText("tag", tag, MAX_TAG);
        var ticket = lock(accountId, ticketId);
        if (!repository.removeTag(accountId, ticket.id, clean.toLowerCase(Locale.ROOT))) {
            throw new RuleViolationException("ticket.tag_absent", clean);
        }
        ticket.note(TicketField.TAG, null, clean, null);
        ticket.touched(clock.instant());
        save(ticket);
    }

    /**
     * Every recorded change of the ticket, oldest first, beginning with its opening: who made it, what changed
     * from what to what, when and through which channel. Not found for an unknown ticket.
     */
    @Transactional(readOnly = true)
    public List<TicketHistoryEntry> history(String accountId, String ticketId) {
        if (ticketId == null) {
            throw new InvalidInputException("ticket_id", "parameter.required");
        }
        if (!repository.exists(accountId, ticketId)) {
            throw new NotFoundException("ticket.not_found", ticketId);
        }
        return history.list(accountId, ticketId);
    }

    /** The ticket, or not found. */
    @Transactional(readOnly = true)
    public TicketView get(String accountId, String ticketId) {
        return repository.find(accountId, ticketId).orElseThrow(() -> new NotFoundException("ticket.not_found", ticketId));
    }

    /**
     * Refuses as not found a ticket outside what the asker sees (another department's, for an agent or a limited
     * token), exactly as an unknown one: whether it exists is not theirs to learn. Reads nothing when every
     * department is seen.
     */
    @Transactional(readOnly = true)
    public void requireVisible(String accountId, String ticketId, DepartmentVisibility visibility) {
        if (visibility.all() || ticketId == null) {
            return;
        }
        var ticket = repository.find(accountId, ticketId).orElse(null);
        if (ticket == null || !visibility.sees(ticket.departmentId())) {
            throw new NotFoundException("ticket.not_found", ticketId);
        }
    }

    /** Refuses as not found an attachment of a ticket outside what the asker sees (see {@link #requireVisible}). */
    @Transactional(readOnly = true)
    public void requireVisibleAttachment(String accountId, String attachmentId, DepartmentVisibility visibility) {
        if (visibility.all() || attachmentId == null) {
            return;
        }
        var attachment = attachment(accountId, attachmentId);
        var departmentId = repository.departmentOfMessage(accountId, attachment.ownerId());
        if (departmentId.isEmpty() || !visibility.sees(departmentId.get())) {
            throw new NotFoundException("attachment.not_found", attachmentId);
        }
    }

    /** The ticket, or empty when the account has none of that id. */
    @Transactional(readOnly = true)
    public Optional<TicketView> find(String accountId, String ticketId) {
        return repository.find(accountId, ticketId);
    }

    /** The ticket with its messages (oldest first, attachments included), status history, fields, stopwatch, tags and children. */
    @Transactional(readOnly = true)
    public TicketDetail detail(String accountId, String ticketId) {
        return detailOf(accountId, get(accountId, ticketId));
    }

    /**
     * What {@link #detail} returns, if the ticket exists in the account (for callers inside another
     * transaction, where a not-found refusal would doom it).
     */
    @Transactional(readOnly = true)
    public Optional<TicketDetail> findDetail(String accountId, String ticketId) {
        return repository.find(accountId, ticketId).map(ticket -> detailOf(accountId, ticket));
    }

    /**
     * What {@link #findDetail} returns for each of the tickets that exist in the account, in the order of
     * {@code ticketIds}, in eight reads whatever their number (for renderings of many tickets at once).
     */
    @Transactional(readOnly = true)
    public List<TicketDetail> findDetails(String accountId, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        var found = repository.find(accountId, ticketIds).stream().collect(Collectors.toMap(TicketView::id, Function.identity()));
        return detailsOf(accountId, ticketIds.stream().distinct().map(found::get).filter(Objects::nonNull).toList());
    }

    /**
     * What {@link #findDetails} returns, lighter, for judging many tickets' words, tags and fields at once: their
     * messages without attachments and their custom field values and tags, in four reads whatever their number;
     * status periods, stopwatch entries and children are left empty.
     */
    @Transactional(readOnly = true)
    public List<TicketDetail> findContents(String accountId, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        var found = repository.find(accountId, ticketIds).stream().collect(Collectors.toMap(TicketView::id, Function.identity()));
        var ids = ticketIds.stream().distinct().filter(found::containsKey).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        var messages = repository.messages(accountId, ids);
        var fields = repository.fieldValues(accountId, ids);
        var tags = repository.tags(accountId, ids);
        List<TicketDetail> contents = new ArrayList<>(ids.size());
        for (String id : ids) {
            var ticketFields = fields.getOrDefault(id, Map.of());
            contents.add(new TicketDetail(found.get(id), messages.getOrDefault(id, List.of()), List.of(),
                    ticketFields.getOrDefault('O', List.of()), ticketFields.getOrDefault('F', List.of()), List.of(),
                    tags.getOrDefault(id, List.of()), List.of()));
        }
        return contents;
    }

    /** The tickets of {@code ticketIds} that exist in the account, in one read, in no particular order. */
    @Transactional(readOnly = true)
    public List<TicketView> find(String accountId, Collection<String> ticketIds) {
        return ticketIds.isEmpty() ? List.of() : repository.find(accountId, ticketIds);
    }

    private TicketDetail detailOf(String accountId, TicketView ticket) {
        return detailsOf(accountId, List.of(ticket)).get(0);
    }

    private List<TicketDetail> detailsOf(String accountId, List<TicketView> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        var ids = tickets.stream().map(TicketView::id).toList();
        var messages = repository.messages(accountId, ids);
        var files = attachments.list(accountId, ATTACHMENT_OWNER,
                messages.values().stream().flatMap(List::stream).map(TicketMessageView::id).toList());
        var fields = repository.fieldValues(accountId, ids);
        var statuses = repository.statuses(accountId, ids);
        var stopwatch = repository.stopwatch(accountId, ids);
        var tags = repository.tags(accountId, ids);
        var children = repository.children(accountId, ids);
        List<TicketDetail> details = new ArrayList<>(tickets.size());
        for (var ticket : tickets) {
            List<TicketMessageView> withFiles = new ArrayList<>();
            for (var message : messages.getOrDefault(ticket.id(), List.of())) {
                withFiles.add(new TicketMessageView(message.id(), message.position(), message.kind(), message.operatorId(),
                        message.body(), message.html(), message.createdAt(), files.getOrDefault(message.id(), List.of())));
            }
            var ticketFields = fields.getOrDefault(ticket.id(), Map.of());
            details.add(new TicketDetail(ticket, withFiles, statuses.getOrDefault(ticket.id(), List.of()),
                    ticketFields.getOrDefault('O', List.of()), ticketFields.getOrDefault('F', List.of()),
                    stopwatch.getOrDefault(ticket.id(), List.of()), tags.getOrDefault(ticket.id(), List.of()),
                    children.getOrDefault(ticket.id(), List.of())));
        }
        return details;
    }

    /** Up to {@code limit} ids of the account's tickets after {@code afterId} in id order: for jobs that walk every ticket. */
    @Transactional(readOnly = true)
    public List<String> ticketIdsAfter(String accountId, String afterId, int limit) {
        return repository.idsAfter(accountId, afterId, limit);
    }

    /**
     * Locks these tickets of the account until the transaction ends, in id order, as a change of each would: for
     * background jobs that must not race a change of them.
     */
    @Transactional
    public void lockTickets(String accountId, Collection<String> ticketIds) {
        repository.lock(accountId, ticketIds);
    }

    /** A page of the tickets the query asks for; an unknown organization in it is not found. */
    @Transactional(readOnly = true)
    public Page<TicketView> list(String accountId, TicketQuery query, PageRequest page) {
        return repository.list(accountId, withCustomersFound(accountId, query), page);
    }

    /** How many tickets the query asks for (exact; cheap for conditions on department, situation, status, category, operator and priority). */
    @Transactional(readOnly = true)
    public long count(String accountId, TicketQuery query) {
        return repository.count(accountId, withCustomersFound(accountId, query));
    }

    /** The query with its customer and organization turned into the customer ids they allow, as the repository reads it. */
    private TicketQuery withCustomersFound(String accountId, TicketQuery query) {
        Set<String> ids = query.customerIds();
        if (query.customer() != null) {
            ids = within(ids, customers.find(accountId, query.customer()).map(customer -> Set.of(customer.id())).orElse(Set.of()));
        }
        if (query.organizationId() != null) {
            ids = within(ids, customers.customerIdsInOrganization(accountId, query.organizationId()));
        }
        return query.withCustomerIds(ids).withCustomer(null).withOrganization(null);
    }

    private static Set<String> within(Set<String> allowed, Set<String> ids) {
        if (allowed == null) {
            return ids;
        }
        Set<String> both = new HashSet<>(ids);
        both.retainAll(allowed);
        return both;
    }

    /**
     * The account's tickets by department and situation (with the operator's share) and by custom status and
     * situation, in two small reads whatever the account's size: the sizes of many queues at once.
     */
    @Transactional(readOnly = true)
    public TicketTallies tallies(String accountId, String operatorId) {
        return repository.tallies(accountId, operatorId, DepartmentVisibility.ALL);
    }

    /** What {@link #tallies(String, String)} returns, counting only the departments the asker sees. */
    @Transactional(readOnly = true)
    public TicketTallies tallies(String accountId, String operatorId, DepartmentVisibility visibility) {
        return repository.tallies(accountId, operatorId, visibility);
    }

    /**
     * How many open tickets of the department each of the operators holds (0 for those with none), in one read:
     * what automatic assignment weighs and caps.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> openTicketsPerOperator(String accountId, String departmentId, Collection<String> operatorIds) {
        return repository.openTicketsPerOperator(accountId, departmentId, operatorIds);
    }

    /** An attachment of one of the account's ticket messages (not found otherwise). */
    @Transactional(readOnly = true)
    public AttachmentView attachment(String accountId, String attachmentId) {
        var attachment = attachments.get(accountId, attachmentId);
        if (!ATTACHMENT_OWNER.equals(attachment.ownerType())) {
            throw new NotFoundException("attachment.not_found", attachmentId);
        }
        return attachment;
    }

    private Ticket lock(String accountId, String ticketId) {
        if (ticketId == null) {
            throw new InvalidInputException("ticket_id", "parameter.required");
        }
        return repository.lock(accountId, ticketId).orElseThrow(() -> new NotFoundException("ticket.not_found", ticketId));
    }

    private OperatorView requireOperatorFor(String accountId, String departmentId, String operatorId) {
        var operator = operators.get(accountId, operatorId);
        if (!operator.active()) {
            throw new RuleViolationException("ticket.operator_inactive", operator.name());
        }
        if (!departments.isMember(accountId, departmentId, operator.id())) {
            throw new RuleViolationException("ticket.operator_not_in_department", operator.name());
        }
        return operator;
    }

    private void addMessage(Ticket ticket, MessageKind kind, String operatorId, String text, List<NewAttachment> files,
                            Instant now) {
        String messageId = Ids.newId();
        insertMessage(ticket, messageId, ticket.nextPosition(), kind, operatorId, text, BodyFormat.DETECTED, files, now);
    }

    private void insertMessage(Ticket ticket, String messageId, int position, MessageKind kind, String operatorId, String text,
                               BodyFormat format, List<NewAttachment> files, Instant now) {
        boolean html = format.isHtml(text);
        String body = html ? Html.sanitize(text) : text;
        repository.insertMessage(ticket.accountId, ticket.id,
                new TicketMessageView(messageId, position, kind, operatorId, body, html, now, List.of()));
        if (files != null && !files.isEmpty()) {
            attachments.store(ticket.accountId, ATTACHMENT_OWNER, messageId, files);
        }
        // Internal comments are searchable too: search is an operator's tool.
        repository.addSearchWords(ticket.accountId, ticket.id, SearchText.words(html ? Html.toPlainText(body) : body));
    }

    private static void noteFieldValues(Ticket ticket, List<CustomFieldValue> values) {
        values.forEach(value -> ticket.note(TicketField.CUSTOM_FIELD, value.fieldId(), null, value.value()));
    }

    private void save(Ticket ticket) {
        save(ticket, TicketChannel.OTHER);
    }

    private void save(Ticket ticket, TicketChannel channel) {
        repository.update(ticket);
        history.recordChanges(ticket, channel);
        ticket.drainEvents().stream().map(event -> through(event, channel)).forEach(events::publishEvent);
    }

    /**
     * Gives the ticket another priority: not found for an unknown ticket, refused for a finished or cancelled one.
     * Publishes {@link TicketUpdated} when the priority changes; the same priority again changes nothing.
     */
    @Transactional
    public void changePriority(String accountId, String ticketId, Priority priority) {
        if (priority == null) {
            throw new InvalidInputException("priority", "parameter.required");
        }
        var ticket = lock(accountId, ticketId);
        if (ticket.changePriority(priority, clock.instant())) {
            save(ticket);
        }
    }

    /**
     * Sets one of the ticket's custom fields (one that applies to its department and category) to {@code value},
     * checked as the field's type demands (invalid otherwise); a blank value clears it. The change is recorded in the
     * ticket's history with the old and new value, and publishes {@link TicketUpdated}; the same value again changes
     * nothing (so a rule setting it on every update does not run forever).
     */
    @Transactional
    public void setCustomField(String accountId, String ticketId, String fieldId, String value) {
        if (fieldId == null || fieldId.isBlank()) {
            throw new InvalidInputException("field_id", "parameter.required");
        }
        var ticket = lock(accountId, ticketId);
        ticket.requireFieldsChangeable();
        var checked = customFields.check(accountId, CustomFieldEntity.TICKET, ticket.departmentId, ticket.categoryId,
                Map.of(fieldId, value == null ? "" : value), false);
        String old = repository.fieldValues(accountId, List.of(ticket.id)).getOrDefault(ticket.id, Map.of())
                .getOrDefault('O', List.of()).stream().filter(given -> given.fieldId().equals(fieldId))
                .map(CustomFieldValue::value).findFirst().orElse(null);
        String now = checked.isEmpty() ? null : checked.get(0).value();
        if (Objects.equals(old, now)) {
            return;
        }
        if (checked.isEmpty()) {
            repository.deleteFieldValue(accountId, ticket.id, 'O', fieldId);
        } else {
            repository.putFieldValue(accountId, ticket.id, 'O', checked.get(0));
        }
        ticket.note(TicketField.CUSTOM_FIELD, fieldId, old, now);
        ticket.touched(clock.instant());
        save(ticket);
    }

    /**
     * Changes the subject, priority, customer and custom field values of an open ticket in one transaction, each
     * change recorded in its history with the old and new value, and publishes one {@link TicketUpdated} when
     * anything changed (so rules, webhooks and SLA clocks see it; a new priority or customer may apply another SLA
     * policy). Invalid for bad values or nothing to change, not found for an unknown ticket or customer, refused for a
     * finished or cancelled ticket or a customer who may not open tickets.
     */
    @Transactional
    public TicketView update(String accountId, String ticketId, UpdateTicket changes) {
        if (changes.isEmpty()) {
            throw new InvalidInputException("ticket_id", "ticket.update_nothing");
        }
        String subject = changes.subject() == null ? null : Inputs.requiredText("subject", changes.subject(), MAX_SUBJECT);
        var ticket = lock(accountId, ticketId);
        String customerId = changes.customer() == null ? null
                : customers.requireMayOpenTickets(accountId, changes.customer()).id();
        boolean fieldsChanged = false;
        if (!changes.customFields().isEmpty()) {
            var checked = customFields.check(accountId, CustomFieldEntity.TICKET, ticket.departmentId, ticket.categoryId,
                    changes.customFields(), false);
            Map<String, String> given = new java.util.HashMap<>();
            checked.forEach(value -> given.put(value.fieldId(), value.value()));
            Map<String, String> before = new java.util.HashMap<>();
            repository.fieldValues(accountId, List.of(ticket.id)).getOrDefault(ticket.id, Map.of()).getOrDefault('O', List.of())
                    .forEach(value -> before.put(value.fieldId(), value.value()));
            for (var fieldId : changes.customFields().keySet()) {
                String old = before.get(fieldId);
                String now = given.get(fieldId);
                if (Objects.equals(old, now)) {
                    continue;
                }
                if (now == null) {
                    repository.deleteFieldValue(accountId, ticket.id, 'O', fieldId);
                } else {
                    repository.putFieldValue(accountId, ticket.id, 'O',
                            checked.stream().filter(value -> value.fieldId().equals(fieldId)).findFirst().orElseThrow());
                }
                ticket.note(TicketField.CUSTOM_FIELD, fieldId, old, now);
                fieldsChanged = true;
            }
        }
        String oldSubject = ticket.subject;
        if (ticket.edit(subject, changes.priority(), customerId, fieldsChanged, clock.instant())) {
            if (!oldSubject.equals(ticket.subject)) {
                repository.addSearchWords(accountId, ticket.id, SearchText.words(ticket.subject));
            }
            save(ticket);
        }
        return repository.find(accountId, ticket.id).orElseThrow();
    }

    /**
     * Merges the ticket {@code ticketId} into {@code intoTicketId}: its replies and comments (with their attachments)
     * move to the target and join its conversation in the order they were written, its opening message is copied
     * there as the customer's message, and it is finished for good with a link to the target; both histories record
     * it. Refused (see {@link Ticket#mergeInto}) for a finished or cancelled ticket on either side and for tickets of
     * different customers unless {@code otherCustomerAllowed}; invalid for one ticket on both sides; not found for an
     * unknown ticket. Publishes {@link TicketFinished} for the merged ticket and {@link TicketUpdated} for the target.
     * Answers the target.
     */
    @Transactional
    public TicketView merge(String accountId, String ticketId, String intoTicketId, boolean otherCustomerAllowed) {
        if (ticketId == null) {
            throw new InvalidInputException("ticket_id", "parameter.required");
        }
        if (intoTicketId == null) {
            throw new InvalidInputException("into_ticket_id", "parameter.required");
        }
        if (ticketId.equals(intoTicketId)) {
            throw new InvalidInputException("into_ticket_id", "ticket.merge_into_itself");
        }
        // Both rows locked in one order whatever the direction, so that two opposite merges cannot deadlock.
        boolean sourceFirst = ticketId.compareTo(intoTicketId) < 0;
        var first = lock(accountId, sourceFirst ? ticketId : intoTicketId);
        var second = lock(accountId, sourceFirst ? intoTicketId : ticketId);
        var merged = sourceFirst ? first : second;
        var target = sourceFirst ? second : first;
        Instant now = clock.instant();
        if (merged.mergeInto(target, otherCustomerAllowed, now) != null) {
            repository.endStatus(accountId, merged.id, now, merged.operatorId);
        }
        var opening = repository.messages(accountId, List.of(merged.id)).getOrDefault(merged.id, List.of()).stream()
                .filter(message -> message.position() == 0).findFirst().orElseThrow();
        // The opening stays on the merged ticket (lists show it); a copy, as the customer's words with the opening's
        // files, moves to the target with the rest.
        String copyId = Ids.newId();
        repository.insertMessage(accountId, merged.id, new TicketMessageView(copyId, merged.nextPosition(), MessageKind.CUSTOMER,
                null, opening.body(), opening.html(), opening.createdAt(), List.of()));
        attachments.moveOwner(accountId, ATTACHMENT_OWNER, opening.id(), copyId);
        target.messageCount = repository.moveMessages(accountId, merged.id, target.id);
        merged.messageCount = 1;
        var words = new ArrayList<>(SearchText.words(merged.subject));
        repository.messages(accountId, List.of(target.id)).getOrDefault(target.id, List.of())
                .forEach(message -> words.addAll(SearchText.words(message.html() ? Html.toPlainText(message.body()) : message.body())));
        repository.addSearchWords(accountId, target.id, words);
        if (sourceFirst) {
            save(merged);
            save(target);
        } else {
            save(target);
            save(merged);
        }
        return repository.find(accountId, target.id).orElseThrow();
    }

    /**
     * Makes the ticket a child of {@code parentTicketId}, or of none with {@code null}: not found for an unknown ticket
     * or parent, invalid for the ticket itself or one of its descendants (no cycles). Recorded in its history with a
     * {@link TicketUpdated}; the same parent again changes nothing. Finished tickets may be linked too: links say how
     * work is related, not whether it goes on.
     */
    @Transactional
    public TicketView changeParent(String accountId, String ticketId, String parentTicketId) {
        var ticket = lock(accountId, ticketId);
        String parent = null;
        if (parentTicketId != null) {
            parent = get(accountId, parentTicketId).id();
            if (parent.equals(ticket.id)) {
                throw new InvalidInputException("parent_ticket_id", "ticket.parent_itself");
            }
            // Walking up from the new parent must never reach this ticket; a chain ends within the account's tickets.
            Set<String> seen = new HashSet<>();
            for (String above = parent; above != null && seen.add(above); above = repository.parentOf(accountId, above).orElse(null)) {
                if (above.equals(ticket.id)) {
                    throw new InvalidInputException("parent_ticket_id", "ticket.parent_cycle");
                }
            }
        }
        if (ticket.changeParent(parent, clock.instant())) {
            save(ticket);
        }
        return repository.find(accountId, ticket.id).orElseThrow();
    }

    /** The tickets of the account with these ids that exist, by id (for pages that name a few other tickets). */
    @Transactional(readOnly = true)
    public Map<String, TicketView> findAll(String accountId, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        return repository.find(accountId, ticketIds).stream().collect(Collectors.toMap(TicketView::id, Function.identity()));
    }

    /** The ticket's tags as written, ordered ignoring case (not found for an unknown ticket). */
    @Transactional(readOnly = true)
    public List<String> tags(String accountId, String ticketId) {
        var ticket = get(accountId, ticketId);
        return repository.tags(accountId, List.of(ticket.id())).getOrDefault(ticket.id(), List.of());
    }

    /** The aggregate does not know where a change came from; the events that listeners tell apart by channel get it here. */
    private static TicketEvent through(TicketEvent event, TicketChannel channel) {
        if (event instanceof TicketCreated created) {
            return new TicketCreated(created.accountId(), created.ticketId(), created.protocol(), channel);
        }
        if (event instanceof TicketReplied replied) {
            return new TicketReplied(replied.accountId(), replied.ticketId(), replied.messageId(), replied.byOperator(), channel);
        }
        if (event instanceof TicketFinished finished) {
            return new TicketFinished(finished.accountId(), finished.ticketId(), channel);
        }
        return event;
    }
}
