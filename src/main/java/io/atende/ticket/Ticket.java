package io.atende.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atende.platform.RuleViolationException;

/**
 * The ticket aggregate: its state changes are these methods, each refusing an illegal
 * transition and recording the event it causes. Loaded under a row lock, so two changes
 * of one ticket never interleave.
 */
final class Ticket {

    final String accountId;
    final String id;
    final long protocol;
    final Instant createdAt;
    String subject;
    TicketType ticketType;
    Priority priority;
    String customerId;
    String departmentId;
    String categoryId;
    String operatorId;
    String parentTicketId;
    Situation situation;
    Instant situationAt;
    String statusId;
    Instant statusAt;
    long workTime;
    boolean reopened;
    int messageCount;
    Integer evaluationGrade;
    Boolean problemSolved;
    String evaluationComment;
    Instant evaluatedAt;
    Instant firstReplyAt;
    Instant endAt;
    Instant updatedAt;
    /** The ticket this one was merged into; it is then finished for good. */
    String mergedIntoTicketId;
    /** Where the ticket counts in the tally as stored, so that a save moves it to where it counts now. */
    TicketTally.Key tallied;

    /** The fields the history follows, as last recorded in it, so that a save records what changed since. */
    Map<TicketField, String> recorded;
    /** Changes outside the row (tags, custom field values) the next save records in the history. */
    final List<TicketHistory.Change> noted = new ArrayList<>();

    private final List<TicketEvent> events = new ArrayList<>();

    Ticket(String accountId, String id, long protocol, Instant createdAt) {
        this.accountId = accountId;
        this.id = id;
        this.protocol = protocol;
        this.createdAt = createdAt;
    }

    static Ticket open(String accountId, String id, long protocol, String subject, TicketType ticketType, Priority priority,
                       String customerId, String departmentId, String categoryId, String operatorId, String parentTicketId,
                       Instant now) {
        var ticket = new Ticket(accountId, id, protocol, now);
        ticket.subject = subject;
        ticket.ticketType = ticketType;
        ticket.priority = priority;
        ticket.customerId = customerId;
        ticket.departmentId = departmentId;
        ticket.categoryId = categoryId;
        ticket.operatorId = operatorId;
        ticket.parentTicketId = parentTicketId;
        ticket.situation = operatorId == null ? Situation.NO_OPERATOR : Situation.NOT_STARTED;
        ticket.situationAt = now;
        ticket.updatedAt = now;
        ticket.events.add(new TicketCreated(accountId, id, protocol));
        return ticket;
    }

    void linkOperator(String newOperatorId, Instant now) {
        requireOpen();
        if (operatorId != null) {
            throw new RuleViolationException("ticket.operator_already_linked");
        }
        operatorId = newOperatorId;
        moveTo(Situation.NOT_STARTED, now);
        events.add(new TicketOperatorLinked(accountId, id, newOperatorId));
    }

    /**
     * Moves a ticket no operator has yet to another department's queue (its category, which belongs to the old
     * department, is cleared). Answers whether the department changed.
     */
    boolean moveToQueue(String newDepartmentId, Instant now) {
        requireOpen();
        if (operatorId != null) {
            throw new RuleViolationException("ticket.operator_already_linked");
        }
        if (newDepartmentId.equals(departmentId)) {
            return false;
        }
        departmentId = newDepartmentId;
        categoryId = null;
        updatedAt = now;
        events.add(new TicketTransferred(accountId, id, departmentId, null));
        return true;
    }

    /**
     * Moves the ticket to {@code newDepartmentId} (null: stays) and/or {@code newOperatorId}
     * (null: the operator is cleared, to be linked again).
     */
    void transfer(String newDepartmentId, String newOperatorId, Instant now) {
        checkTransfer(newDepartmentId, newOperatorId);
        boolean departmentChanges = newDepartmentId != null && !newDepartmentId.equals(departmentId);
        if (departmentChanges) {
            departmentId = newDepartmentId;
            // A category belongs to its department.
            categoryId = null;
        }
        operatorId = newOperatorId;
        moveTo(newOperatorId == null ? Situation.NO_OPERATOR : Situation.OPERATOR_CHANGED, now);
        events.add(new TicketTransferred(accountId, id, departmentId, operatorId));
    }

    /**
     * Files the ticket under {@code newCategoryId} (null: no category); the caller has checked that
     * the category is one of the ticket's department. Like a transfer, only an open ticket changes.
     * Answers whether anything changed: the same category again records nothing.
     */
    boolean changeCategory(String newCategoryId, Instant now) {
        requireOpen();
        if (Objects.equals(categoryId, newCategoryId)) {
            return false;
        }
        categoryId = newCategoryId;
        updatedAt = now;
        events.add(new TicketUpdated(accountId, id));
        return true;
    }

    /** Gives an open ticket another priority; answers whether anything changed. */
    boolean changePriority(Priority newPriority, Instant now) {
        requireOpen();
        if (priority == newPriority) {
            return false;
        }
        priority = newPriority;
        updatedAt = now;
        events.add(new TicketUpdated(accountId, id));
        return true;
    }

    /**
     * Changes what the ticket is about and whose it is: each argument {@code null} keeps its value. Only an open ticket
     * changes; answers whether anything did (the same values again change nothing). Custom field values are the
     * management's to write; {@code fieldsChanged} says they did.
     */
    boolean edit(String newSubject, Priority newPriority, String newCustomerId, boolean fieldsChanged, Instant now) {
        requireOpen();
        boolean changed = fieldsChanged;
        if (newSubject != null && !newSubject.equals(subject)) {
            subject = newSubject;
            changed = true;
        }
        if (newPriority != null && newPriority != priority) {
            priority = newPriority;
            changed = true;
        }
        if (newCustomerId != null && !newCustomerId.equals(customerId)) {
            note(TicketField.CUSTOMER, null, customerId, newCustomerId);
            customerId = newCustomerId;
            changed = true;
        }
        if (changed) {
            touched(now);
        }
        return changed;
    }

    /**
     * Makes the ticket a child of {@code newParentId} ({@code null}: of none); the caller has checked that the parent
     * exists and that no cycle forms. Answers whether anything changed.
     */
    boolean changeParent(String newParentId, Instant now) {
        if (Objects.equals(parentTicketId, newParentId)) {
            return false;
        }
        note(TicketField.PARENT, null, parentTicketId, newParentId);
        parentTicketId = newParentId;
        touched(now);
        return true;
    }

    /**
     * Finishes this ticket as merged into {@code target}, whose conversation it joins: refused when this ticket or the
     * target is finished or cancelled (a merged ticket is finished), when both are one, and when they belong to
     * different customers unless {@code otherCustomerAllowed}. Answers the custom status it closed on the way, if any.
     */
    String mergeInto(Ticket target, boolean otherCustomerAllowed, Instant now) {
        if (target.id.equals(id)) {
            throw new io.atende.platform.InvalidInputException("into_ticket_id", "ticket.merge_into_itself");
        }
        if (!situation.isOpen()) {
            throw new RuleViolationException("ticket.merge_closed");
        }
        if (!target.situation.isOpen()) {
            throw new RuleViolationException("ticket.merge_into_closed");
        }
        if (!otherCustomerAllowed && !Objects.equals(customerId, target.customerId)) {
            throw new RuleViolationException("ticket.merge_other_customer");
        }
        String closed = statusId == null ? null : closeStatus(now);
        mergedIntoTicketId = target.id;
        endAt = now;
        moveTo(Situation.FINISHED, now);
        note(TicketField.MERGED_INTO, null, null, target.id);
        events.add(new TicketFinished(accountId, id));
        target.note(TicketField.MERGED_FROM, null, null, id);
        target.touched(now);
        return closed;
    }

    /** Refuses a transfer this ticket cannot make: closed, without an operator, or to the operator it has. */
    void checkTransfer(String newDepartmentId, String newOperatorId) {
        requireOpen();
        if (operatorId == null) {
            throw new RuleViolationException("ticket.transfer_without_operator");
        }
        boolean departmentChanges = newDepartmentId != null && !newDepartmentId.equals(departmentId);
        if (!departmentChanges && newOperatorId != null && newOperatorId.equals(operatorId)) {
            throw new RuleViolationException("ticket.same_operator");
        }
    }

    /** Records an operator reply; the author is the linked operator. */
    int replyByOperator(String messageId, Instant now) {
        requireOpen();
        requireOperator();
        if (firstReplyAt == null) {
            firstReplyAt = now;
        }
        moveTo(Situation.AWAITING_CUSTOMER, now);
        events.add(new TicketReplied(accountId, id, messageId, true));
        return nextPosition();
    }

    int replyByCustomer(String messageId, Instant now) {
        requireOpen();
        moveTo(Situation.AWAITING_OPERATOR, now);
        events.add(new TicketReplied(accountId, id, messageId, false));
        return nextPosition();
    }

    int comment(String messageId, Instant now) {
        updatedAt = now;
        events.add(new TicketCommented(accountId, id, messageId));
        return nextPosition();
    }

    void openStatus(String newStatusId, Instant now) {
        requireOpen();
        if (statusId != null) {
            throw new RuleViolationException("ticket.status_already_open");
        }
        statusId = newStatusId;
        statusAt = now;
        updatedAt = now;
        events.add(new TicketStatusOpened(accountId, id, newStatusId));
    }

    /** Closes the open custom status and answers its id. */
    String closeStatus(Instant now) {
        if (statusId == null) {
            throw new RuleViolationException("ticket.no_status_open");
        }
        String closed = statusId;
        statusId = null;
        statusAt = null;
        updatedAt = now;
        events.add(new TicketStatusClosed(accountId, id, closed));
        return closed;
    }

    /** Finishes the ticket; answers the custom status it closed on the way, if any. */
    String finish(long addedWorkSeconds, Instant now) {
        requireOpen();
        if (operatorId == null) {
            throw new RuleViolationException("ticket.finish_without_operator");
        }
        String closed = statusId == null ? null : closeStatus(now);
        workTime += addedWorkSeconds;
        endAt = now;
        moveTo(Situation.FINISHED, now);
        events.add(new TicketFinished(accountId, id));
        return closed;
    }

    String cancel(Instant now) {
        requireOpen();
        String closed = statusId == null ? null : closeStatus(now);
        endAt = now;
        moveTo(Situation.CANCELLED, now);
        events.add(new TicketCancelled(accountId, id));
        return closed;
    }

    /**
     * Opens a finished or cancelled ticket again: awaiting the operator when the customer wrote, else not started.
     * A merged ticket stays finished: its conversation goes on in the ticket it was merged into.
     */
    void reopen(boolean byCustomerMessage, Instant now) {
        if (situation.isOpen()) {
            throw new RuleViolationException("ticket.not_closed");
        }
        if (mergedIntoTicketId != null) {
            throw new RuleViolationException("ticket.merged_stays_finished");
        }
        endAt = null;
        reopened = true;
        evaluationGrade = null;
        problemSolved = null;
        evaluationComment = null;
        evaluatedAt = null;
        moveTo(byCustomerMessage ? Situation.AWAITING_OPERATOR
                : operatorId == null ? Situation.NO_OPERATOR : Situation.NOT_STARTED, now);
        events.add(new TicketReopened(accountId, id));
    }

    void evaluate(Integer grade, Boolean problemSolved, String comment, Instant now) {
        if (situation != Situation.FINISHED) {
            throw new RuleViolationException("ticket.evaluation_not_finished");
        }
        if (evaluatedAt != null) {
            throw new RuleViolationException("ticket.already_evaluated");
        }
        if (mergedIntoTicketId != null) {
            // Its conversation carries on in the ticket it was merged into: that one is the one to evaluate.
            throw new RuleViolationException("ticket.merged_not_evaluated");
        }
        evaluationGrade = grade;
        this.problemSolved = problemSolved;
        evaluationComment = comment;
        evaluatedAt = now;
        updatedAt = now;
        events.add(new TicketEvaluated(accountId, id, grade == null ? 0 : grade));
    }

    /**
     * The customer's rating from the link in the "finished" e-mail: a grade or whether the problem was solved, either
     * one per click. Unlike {@link #evaluate}, a later click changes the rating (the customer clicked the wrong grade,
     * or answers "solved?" after grading); the comment of an evaluation stays.
     */
    void rate(Integer grade, Boolean solved, Instant now) {
        if (situation != Situation.FINISHED) {
            throw new RuleViolationException("ticket.evaluation_not_finished");
        }
        if (mergedIntoTicketId != null) {
            throw new RuleViolationException("ticket.merged_not_evaluated");
        }
        if (grade != null) {
            evaluationGrade = grade;
        }
        if (solved != null) {
            problemSolved = solved;
        }
        if (evaluatedAt == null) {
            evaluatedAt = now;
        }
        updatedAt = now;
        events.add(new TicketEvaluated(accountId, id, evaluationGrade == null ? 0 : evaluationGrade));
    }

    void touched(Instant now) {
        updatedAt = now;
        events.add(new TicketUpdated(accountId, id));
    }

    /** The fields of the row the history follows, in domain terms; an absent value is {@code null}. */
    Map<TicketField, String> historyValues() {
        Map<TicketField, String> values = new EnumMap<>(TicketField.class);
        values.put(TicketField.DEPARTMENT, departmentId);
        values.put(TicketField.OPERATOR, operatorId);
        values.put(TicketField.CATEGORY, categoryId);
        values.put(TicketField.PRIORITY, priority == null ? null : priority.name());
        values.put(TicketField.SUBJECT, subject);
        values.put(TicketField.STATUS, statusId);
        values.put(TicketField.SITUATION, situation.name());
        values.put(TicketField.EVALUATION, evaluatedAt == null ? null : String.valueOf(evaluationGrade == null ? 0 : evaluationGrade));
        return values;
    }

    /** Notes a change the row does not show, for the history (see {@link #noted}). */
    void note(TicketField field, String fieldRef, String oldValue, String newValue) {
        noted.add(new TicketHistory.Change(field, fieldRef, oldValue, newValue));
    }

    /** The ticket as lists show it, with {@code message} as its opening message. */
    TicketView view(String message, boolean html) {
        return new TicketView(id, protocol, subject, message, html, priority, ticketType, workTime, createdAt, firstReplyAt, endAt,
                updatedAt, reopened, parentTicketId, customerId, departmentId, categoryId, operatorId, situation, situationAt,
                statusId, statusAt, evaluationGrade, problemSolved, evaluationComment, evaluatedAt, mergedIntoTicketId);
    }

    /** Position of the next message in the ticket's total order; the opening message is 0. */
    int nextPosition() {
        return messageCount++;
    }

    long elapsedSeconds(Instant now) {
        return Duration.between(createdAt, Objects.requireNonNullElse(endAt, now)).toSeconds();
    }

    List<TicketEvent> drainEvents() {
        var drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    private void moveTo(Situation next, Instant now) {
        situation = next;
        situationAt = now;
        updatedAt = now;
    }

    /** Custom field values, like the other details, change only while the ticket is open. */
    void requireFieldsChangeable() {
        requireOpen();
    }

    private void requireOpen() {
        if (!situation.isOpen()) {
            throw new RuleViolationException("ticket.closed");
        }
    }

    private void requireOperator() {
        if (operatorId == null) {
            throw new RuleViolationException("ticket.reply_without_operator");
        }
    }
}
