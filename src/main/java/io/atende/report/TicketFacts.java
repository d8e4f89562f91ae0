package io.atende.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.atende.sla.BusinessCalendar;
import io.atende.sla.SlaPause;
import io.atende.sla.SlaTarget;
import io.atende.sla.TicketSlaReading;
import io.atende.ticket.MessageKind;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketDetail;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;

/**
 * A ticket's facts computed from the ticket as it is now: a pure function, so recomputing a ticket's facts after each
 * change and recounting every ticket from scratch give the same rows.
 *
 * <p>Durations run from the opening; time the SLA clocks were paused (waiting for the customer, a pausing status) is
 * left out, and where a policy applies only its calendar's business time counts.
 */
final class TicketFacts {

    /** Stands for "none" in a grouping column: the columns are never null so that a group is an equality. */
    static final String NONE = "";

    private TicketFacts() {
    }

    /**
     * @param reading  the ticket's SLA reading, or {@code null} when no policy applies
     * @param calendar the calendar of that policy, or {@code null}
     */
    static List<TicketFact> compute(TicketDetail detail, List<TicketHistoryEntry> history, TicketSlaReading reading,
                                    BusinessCalendar calendar, List<SlaPause> pauses, ZoneId zone) {
        var ticket = detail.ticket();
        String department = orNone(ticket.departmentId());
        String operator = orNone(ticket.operatorId());
        String category = orNone(ticket.categoryId());
        String channel = history.isEmpty() || history.get(0).channel() == null ? "OTHER" : history.get(0).channel().name();
        var builder = new Builder(zone, department, operator, category, channel);
        Instant opened = ticket.createdAt();
        builder.add(FactKind.CREATED, opened, null, null, null, null, null, null, null);

        if (ticket.firstReplyAt() != null) {
            builder.add(FactKind.FIRST_REPLY, ticket.firstReplyAt(), null, null,
                    duration(opened, ticket.firstReplyAt(), calendar, pauses).toSeconds(), met(reading, SlaTarget.FIRST_REPLY),
                    null, null, null);
        }

        // The open stretches and the transitions between open and closed, in the order the history recorded them.
        Instant openSince = null;
        Instant lastFinish = null;
        int lastFinishIndex = -1;
        for (var entry : history) {
            Situation to;
            Situation from;
            if (entry.field() == TicketField.OPENED) {
                from = null;
                to = situation(entry.newValue());
            } else if (entry.field() == TicketField.SITUATION) {
                from = situation(entry.oldValue());
                to = situation(entry.newValue());
            } else {
                continue;
            }
            boolean wasOpen = from == null ? false : from.isOpen();
            if (from == null && to != null && to.isOpen()) {
                openSince = entry.occurredAt();
            } else if (from != null && !wasOpen && to != null && to.isOpen()) {
                builder.add(FactKind.REOPENED, entry.occurredAt(), null, null, null, null, null, null, null);
                openSince = entry.occurredAt();
            }
            if (to != null && !to.isOpen() && (from == null || wasOpen)) {
                if (openSince != null) {
                    builder.open(openSince, entry.occurredAt());
                    openSince = null;
                }
                if (to == Situation.FINISHED) {
                    lastFinishIndex = builder.size();
                    lastFinish = entry.occurredAt();
                }
                builder.add(to == Situation.FINISHED ? FactKind.FINISHED : FactKind.CANCELLED, entry.occurredAt(), null, null,
                        null, null, null, null, null);
            }
        }
        if (openSince != null) {
            builder.open(openSince, null);
        }
        if (ticket.mergedIntoTicketId() != null && lastFinish != null) {
            // A merge finishes an open ticket for good, so it is the last finish: a merge, not a resolution.
            builder.replace(lastFinishIndex, FactKind.MERGED, lastFinish, null, null, null, null, null, null, null);
        } else if (ticket.situation() == Situation.FINISHED && lastFinish != null) {
            // The resolution is the last finish of a ticket that is finished now: reopening takes it back.
            builder.replace(lastFinishIndex, FactKind.FINISHED, lastFinish, null, null,
                    duration(opened, lastFinish, calendar, pauses).toSeconds(), met(reading, SlaTarget.RESOLUTION),
                    null, null, null);
        }

        if (ticket.evaluatedAt() != null && ticket.evaluationGrade() != null && ticket.evaluationGrade() > 0) {
            builder.add(FactKind.EVALUATED, ticket.evaluatedAt(), null, null, null, null, ticket.evaluationGrade(),
                    ticket.problemSolved(), null);
        }
        for (var message : detail.messages()) {
            if (message.kind() == MessageKind.OPERATOR) {
                builder.add(FactKind.REPLY, message.createdAt(), null, orNone(message.operatorId()), null, null, null, null,
                        null);
            }
        }
        long timed = 0;
        for (var entry : detail.stopwatch()) {
            if (entry.endAt() != null && entry.seconds() > 0) {
                timed += entry.seconds();
                builder.add(FactKind.WORK, entry.endAt(), null, orNone(entry.operatorId()), null, null, null, null,
                        entry.seconds());
            }
        }
        // Work added when finishing has no stopwatch entry of its own: it counts on the last finish, for the operator.
        long added = ticket.workTime() - timed;
        if (added > 0 && lastFinish != null) {
            builder.add(FactKind.WORK, lastFinish, null, operator, null, null, null, null, added);
        }
        return builder.facts;
    }

    /** Time from {@code start} to {@code end} that counts: business time on the calendar, pauses left out. */
    static Duration duration(Instant start, Instant end, BusinessCalendar calendar, List<SlaPause> pauses) {
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        Duration total = between(start, end, calendar);
        for (var pause : pauses) {
            Instant from = pause.from().isBefore(start) ? start : pause.from();
            Instant until = pause.until() == null || pause.until().isAfter(end) ? end : pause.until();
            if (until.isAfter(from)) {
                total = total.minus(between(from, until, calendar));
            }
        }
        return total.isNegative() ? Duration.ZERO : total;
    }

    private static Duration between(Instant from, Instant to, BusinessCalendar calendar) {
        return calendar == null ? Duration.between(from, to) : calendar.businessTimeBetween(from, to);
    }

    /** Met when accomplished within budget, missed when breached, unknown when the policy promises no such target. */
    private static Boolean met(TicketSlaReading reading, SlaTarget target) {
        if (reading == null) {
            return null;
        }
        for (var clock : reading.targets()) {
            if (clock.target() == target) {
                if (clock.breached()) {
                    return false;
                }
                return clock.accomplishedAt() != null ? Boolean.TRUE : null;
            }
        }
        return null;
    }

    private static Situation situation(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            return Situation.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    static String orNone(String id) {
        return id == null ? NONE : id;
    }

    private static final class Builder {

        private final ZoneId zone;
        private final String department;
        private final String operator;
        private final String category;
        private final String channel;
        private final List<TicketFact> facts = new ArrayList<>();

        Builder(ZoneId zone, String department, String operator, String category, String channel) {
            this.zone = zone;
            this.department = department;
            this.operator = operator;
            this.category = category;
            this.channel = channel;
        }

        int size() {
            return facts.size();
        }

        void add(FactKind kind, Instant at, LocalDate endedDay, String author, Long seconds, Boolean met, Integer grade,
                 Boolean solved, Long work) {
            facts.add(fact(kind, at, endedDay, author, seconds, met, grade, solved, work));
        }

        void replace(int index, FactKind kind, Instant at, LocalDate endedDay, String author, Long seconds, Boolean met,
                     Integer grade, Boolean solved, Long work) {
            facts.set(index, fact(kind, at, endedDay, author, seconds, met, grade, solved, work));
        }

        void open(Instant from, Instant until) {
            add(FactKind.OPEN, from, until == null ? null : until.atZone(zone).toLocalDate(), null, null, null, null, null,
                    null);
        }

        private TicketFact fact(FactKind kind, Instant at, LocalDate endedDay, String author, Long seconds, Boolean met,
                                Integer grade, Boolean solved, Long work) {
            return new TicketFact(kind, at, at.atZone(zone).toLocalDate(), endedDay, department, operator, category, channel,
                    author, seconds, met, grade, solved, work);
        }
    }
}
