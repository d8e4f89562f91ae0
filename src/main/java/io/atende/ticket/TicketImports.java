package io.atende.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.platform.TableStatistics;
import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.NewAttachment;
import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Actor;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.platform.ProtocolCounters;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes tickets brought from another help desk under the ids and protocols they had there. Meant for an import only:
 * it goes around the aggregate's transitions (the source already made them) and publishes no event, so no webhook,
 * e-mail, rule or SLA clock reacts; the ticket's history is what the source shows of it, in the source's names. What it
 * keeps consistent is what the ticket's own writes keep: the list tallies, the search words, the operator links and
 * the account's protocol counter, which continues after the highest protocol imported.
 *
 * <p>A ticket imported again takes the source's current state and gets the messages it did not have yet; messages
 * already imported are kept as they are (a help desk does not change a message once written).
 */
@Service
public class TicketImports {

    private final TicketRepository tickets;
    private final ProtocolCounters protocols;
    private final TicketStatusRepository statuses;
    private final AttachmentManagement attachments;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final TableStatistics statistics;
    private final TicketHistory history;
    private final Clock clock;

    /** A tag's longest, as the tag endpoints allow. */
    private static final int MAX_TAG = 50;

    TicketImports(TicketRepository tickets, TicketStatusRepository statuses, ProtocolCounters protocols, CustomerManagement customers,
                  DepartmentManagement departments, OperatorManagement operators, AttachmentManagement attachments,
                  TableStatistics statistics, TicketHistory history, Clock clock) {
        this.history = history;
        this.statuses = statuses;
        this.attachments = attachments;
        this.clock = clock;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.statistics = statistics;
        this.tickets = tickets;
        this.protocols = protocols;
    }

    /** The ids of the messages the account has of the ticket (none when it does not have the ticket). */
    @Transactional(readOnly = true)
    public Set<String> messageIds(String accountId, String ticketId) {
        return tickets.messages(accountId, List.of(ticketId)).getOrDefault(ticketId, List.of()).stream()
                .map(TicketMessageView::id).collect(Collectors.toSet());
    }

    /** When the account's copy of the ticket last changed; empty when the account does not have it. */
    @Transactional(readOnly = true)
    public Optional<Instant> updatedAt(String accountId, String ticketId) {
        return tickets.updatedAt(accountId, ticketId);
    }

    /**
     * Writes the ticket; the customer, department, category and operators it names must already be in the account.
     *
     * @return the number of messages that were new
     * @throws IllegalArgumentException when the account lacks one of them (its message says which)
     */
    @Transactional
    public int importTicket(String accountId, ImportedTicket imported) {
        var operatorsNamed = checkReferences(accountId, imported);
        protocols.continueAfter(accountId, "ticket", imported.protocol());
        var ticket = tickets.lock(accountId, imported.id()).orElse(null);
        Set<String> known = new HashSet<>();
        boolean fresh = ticket == null;
        if (fresh) {
            ticket = new Ticket(accountId, imported.id(), imported.protocol(), imported.createdAt());
        } else {
            known.addAll(tickets.messages(accountId, List.of(imported.id())).getOrDefault(imported.id(), List.of()).stream()
                    .map(TicketMessageView::id).toList());
        }
        List<ImportedTicket.Message> added = imported.messages().stream().filter(message -> !known.contains(message.id())).toList();
        List<String> words = new ArrayList<>();
        if (fresh) {
            words.addAll(SearchText.words(imported.subject()));
        }
        added.forEach(message -> words.addAll(SearchText.words(message.html() ? Html.toPlainText(message.body()) : message.body())));

        ticket.subject = imported.subject();
        ticket.ticketType = imported.ticketType();
        ticket.priority = imported.priority();
        ticket.customerId = imported.customerId();
        ticket.departmentId = imported.departmentId();
        ticket.categoryId = imported.categoryId();
        ticket.operatorId = imported.operatorId();
        ticket.parentTicketId = imported.parentTicketId();
        ticket.situation = imported.situation();
        ticket.situationAt = imported.situationAt();
        ticket.workTime = imported.workTime();
        ticket.reopened = imported.reopened();
        ticket.evaluationGrade = imported.evaluationGrade();
        ticket.problemSolved = imported.problemSolved();
        ticket.evaluationComment = imported.evaluationComment();
        ticket.evaluatedAt = imported.evaluatedAt();
        ticket.firstReplyAt = imported.firstReplyAt();
        ticket.endAt = imported.endAt();
        ticket.updatedAt = imported.updatedAt();
        ticket.statusId = imported.statusId();
        ticket.statusAt = imported.statusId() == null ? null : imported.statusAt();
        if (fresh) {
            tickets.recordSearchWords(accountId, words);
            tickets.insert(ticket, SearchText.withWords("", words, TicketRepository.MAX_WORD, TicketRepository.MAX_SEARCH_TEXT));
        } else {
            tickets.addSearchWords(accountId, ticket.id, words);
        }
        Set<String> operators = new HashSet<>();
        if (imported.operatorId() != null) {
            operators.add(imported.operatorId());
        }
        for (var message : added) {
            int position = ticket.nextPosition();
            // A source's HTML is sanitized as every HTML message is here.
            tickets.insertMessage(accountId, ticket.id, new TicketMessageView(message.id(), position, message.kind(),
                    message.operatorId(), message.html() ? Html.sanitize(message.body()) : message.body(), message.html(),
                    message.createdAt(), List.of()));
            if (message.operatorId() != null) {
                operators.add(message.operatorId());
            }
            int filePosition = 0;
            for (var file : message.files()) {
                attachments.importFile(accountId, file.id(), TicketManagement.ATTACHMENT_OWNER, message.id(), filePosition++,
                        new NewAttachment(file.name(), new ByteArrayResource(file.content())));
            }
        }
        // The insert writes a new ticket's opening state only; the update brings every column to the source's.
        tickets.update(ticket);
        // Periods are read by start and then id: ids in the periods' order keep periods that started in the same second
        // (the source's dates have seconds) in the source's order.
        List<String> periodIds = new ArrayList<>(imported.statuses().stream().map(period -> Ids.newId()).sorted().toList());
        List<TicketStatusPeriod> periods = new ArrayList<>();
        for (int i = 0; i < imported.statuses().size(); i++) {
            var period = imported.statuses().get(i);
            periods.add(new TicketStatusPeriod(periodIds.get(i), period.statusId(), period.startAt(), period.startComment(),
                    period.startOperatorId(), period.endAt(), period.endOperatorId()));
        }
        tickets.replaceStatusHistory(accountId, ticket.id, periods);
        for (String operatorId : operators) {
            tickets.recordOperatorLink(accountId, ticket.id, operatorId, imported.updatedAt());
        }
        writeExtras(accountId, ticket.id, imported);
        history.recordImported(ticket, history(imported, operatorsNamed));
        return added.size();
    }

    /**
     * What the source shows of the ticket's history: its opening, the replies (the situations they moved it to), the
     * custom-status periods, the situation it is in now when no reply explains it (finished, cancelled, transferred) and
     * the evaluation, each in the name the source gives. The source does not show the situation a ticket opened in:
     * the opening's is the one its operator implies (with an operator, not started; without, none linked).
     */
    private List<TicketHistory.Imported> history(ImportedTicket imported, Map<String, OperatorView> operators) {
        record Step(Instant at, Actor actor, TicketField field, String statusRef, boolean closes, Situation situation) {
        }
        List<Step> steps = new ArrayList<>();
        String opener = imported.customerName();
        for (var message : imported.messages()) {
            var at = message.createdAt() == null ? imported.createdAt() : message.createdAt();
            switch (message.kind()) {
                case OPENING -> opener = message.authorName() == null ? opener : message.authorName();
                case OPERATOR -> steps.add(new Step(at, Actor.imported(message.authorName()), TicketField.SITUATION, null, false,
                        Situation.AWAITING_CUSTOMER));
                case CUSTOMER -> steps.add(new Step(at, Actor.imported(message.authorName() == null ? imported.customerName()
                        : message.authorName()), TicketField.SITUATION, null, false, Situation.AWAITING_OPERATOR));
                default -> {
                }
            }
        }
        for (var period : imported.statuses()) {
            steps.add(new Step(period.startAt(), Actor.imported(period.startOperatorName()), TicketField.STATUS, period.statusId(),
                    false, null));
            if (period.endAt() != null) {
                steps.add(new Step(period.endAt(), Actor.imported(period.endOperatorName()), TicketField.STATUS, period.statusId(),
                        true, null));
            }
        }
        // Stable: changes at the same moment keep the order above (a finishing reply before the finish).
        steps.sort(Comparator.comparing(Step::at));
        Situation current = imported.operatorId() == null ? Situation.NO_OPERATOR : Situation.NOT_STARTED;
        List<TicketHistory.Imported> entries = new ArrayList<>();
        entries.add(new TicketHistory.Imported(imported.createdAt(), Actor.imported(opener),
                new TicketHistory.Change(TicketField.OPENED, null, null, current.name())));
        Instant last = imported.createdAt();
        for (var step : steps) {
            if (step.field() == TicketField.STATUS) {
                entries.add(new TicketHistory.Imported(step.at(), step.actor(), new TicketHistory.Change(TicketField.STATUS, null,
                        step.closes() ? step.statusRef() : null, step.closes() ? null : step.statusRef())));
            } else if (step.situation() != current) {
                entries.add(new TicketHistory.Imported(step.at(), step.actor(),
                        new TicketHistory.Change(TicketField.SITUATION, null, current.name(), step.situation().name())));
                current = step.situation();
            }
            last = step.at().isAfter(last) ? step.at() : last;
        }
        if (imported.situation() != current) {
            // Finishing takes the ticket's operator; who cancelled or transferred it the source does not say.
            var operator = imported.operatorId() == null ? null : operators.get(imported.operatorId());
            String by = imported.situation() == Situation.FINISHED && operator != null ? operator.name() : null;
            var at = imported.situationAt() == null || imported.situationAt().isBefore(last) ? last : imported.situationAt();
            entries.add(new TicketHistory.Imported(at, Actor.imported(by),
                    new TicketHistory.Change(TicketField.SITUATION, null, current.name(), imported.situation().name())));
        }
        if (imported.evaluationGrade() != null) {
            var at = imported.evaluatedAt() == null ? imported.updatedAt() : imported.evaluatedAt();
            entries.add(new TicketHistory.Imported(at, Actor.imported(imported.customerName()),
                    new TicketHistory.Change(TicketField.EVALUATION, null, null, Integer.toString(imported.evaluationGrade()))));
        }
        entries.sort(Comparator.comparing(TicketHistory.Imported::at));
        return entries;
    }

    /** The source's custom field values, stopwatch entries and tags of the ticket, where it showed them. */
    private void writeExtras(String accountId, String ticketId, ImportedTicket imported) {
        if (imported.openValues() != null || imported.finishValues() != null) {
            tickets.deleteFieldValues(accountId, ticketId);
            tickets.insertFieldValues(accountId, ticketId, 'O', imported.openValues() == null ? List.of() : imported.openValues());
            tickets.insertFieldValues(accountId, ticketId, 'F', imported.finishValues() == null ? List.of() : imported.finishValues());
        }
        if (imported.stopwatch() != null) {
            tickets.deleteStopwatch(accountId, ticketId);
            imported.stopwatch().forEach(entry -> tickets.insertStopwatch(accountId, ticketId, entry));
        }
        if (imported.tags() != null) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (String tag : imported.tags()) {
                String clean = tag == null ? "" : tag.strip();
                if (!clean.isEmpty() && clean.length() <= MAX_TAG) {
                    wanted.putIfAbsent(clean.toLowerCase(Locale.ROOT), clean);
                }
            }
            var had = tickets.tags(accountId, List.of(ticketId)).getOrDefault(ticketId, List.of());
            for (String tag : had) {
                String key = tag.toLowerCase(Locale.ROOT);
                if (!tag.equals(wanted.get(key))) {
                    tickets.removeTag(accountId, ticketId, key);
                }
            }
            var now = clock.instant();
            wanted.forEach((key, tag) -> tickets.addTag(accountId, ticketId, key, tag, now));
        }
    }

    /** The ticket table does not hold its references by foreign keys, so an import checks them here. */
    private Map<String, OperatorView> checkReferences(String accountId, ImportedTicket imported) {
        if (!customers.findAll(accountId, List.of(imported.customerId())).containsKey(imported.customerId())) {
            throw new IllegalArgumentException("Its customer " + imported.customerId() + " is not in the account");
        }
        if (departments.listDepartments(accountId).stream().noneMatch(department -> department.id().equals(imported.departmentId()))) {
            throw new IllegalArgumentException("Its department " + imported.departmentId() + " is not in the account");
        }
        if (imported.categoryId() != null && departments.listCategories(accountId, imported.departmentId()).stream()
                .noneMatch(category -> category.id().equals(imported.categoryId()))) {
            throw new IllegalArgumentException("Its category " + imported.categoryId() + " is not in the account");
        }
        Set<String> named = new HashSet<>();
        if (imported.operatorId() != null) {
            named.add(imported.operatorId());
        }
        imported.messages().forEach(message -> {
            if (message.operatorId() != null) {
                named.add(message.operatorId());
            }
        });
        imported.statuses().forEach(period -> {
            addIfPresent(named, period.startOperatorId());
            addIfPresent(named, period.endOperatorId());
        });
        if (imported.stopwatch() != null) {
            imported.stopwatch().forEach(entry -> addIfPresent(named, entry.operatorId()));
        }
        Set<String> statusIds = new HashSet<>();
        addIfPresent(statusIds, imported.statusId());
        imported.statuses().forEach(period -> statusIds.add(period.statusId()));
        for (String statusId : statusIds) {
            if (statuses.find(accountId, statusId).isEmpty()) {
                throw new IllegalArgumentException("Its custom status " + statusId + " is not in the account");
            }
        }
        var found = operators.findAll(accountId, named);
        for (String operatorId : named) {
            if (!found.containsKey(operatorId)) {
                throw new IllegalArgumentException("Its operator " + operatorId + " is not in the account");
            }
        }
        return found;
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }

    /**
     * A custom status as the source shows it.
     *
     * @return whether anything was written (false: the account had it so already)
     */
    @Transactional
    public boolean importStatus(String accountId, String id, String name, boolean pausesSla) {
        var existing = statuses.find(accountId, id);
        if (existing.isEmpty()) {
            statuses.insert(accountId, new TicketStatusView(id, name, clock.instant(), pausesSla));
            return true;
        }
        if (existing.get().name().equals(name) && existing.get().pausesSla() == pausesSla) {
            return false;
        }
        statuses.update(accountId, id, name, pausesSla, clock.instant());
        return true;
    }

    /** Refreshes the database's statistics of the tables imports write (after a large import). */
    public void refreshStatistics() {
        statistics.refresh(List.of("ticket_status", "ticket", "ticket_message", "ticket_operator_link", "ticket_status_history",
                "ticket_tally", "ticket_status_tally", "attachment", "ticket_history", "ticket_field_value", "ticket_stopwatch",
                "ticket_tag"));
    }
}
