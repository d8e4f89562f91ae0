package io.atende.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.atende.customer.CustomerManagement;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketCancelled;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketEvent;
import io.atende.ticket.TicketFinished;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketReopened;
import io.atende.ticket.TicketReplied;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketView;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each ticket's SLA clocks: listens to the ticket's events inside the transaction of its change, records the
 * transitions they bring and stores the clocks computed from them, so the clocks commit (or roll back) with the change.
 * A ticket that has none (opened before clocks were kept, or imported) gets them at its first change, counted from
 * its opening.
 */
@Component
class TicketClockKeeper {

    private final SlaClockRepository repository;
    private final SlaManagement policies;
    private final TicketManagement tickets;
    private final TicketStatusManagement statuses;
    private final CustomerManagement customers;
    private final Clock clock;
    private final SlaAlertSchedule alerts;

    TicketClockKeeper(SlaClockRepository repository, SlaManagement policies, TicketManagement tickets,
                      TicketStatusManagement statuses, CustomerManagement customers, Clock clock, SlaAlertSchedule alerts) {
        this.repository = repository;
        this.alerts = alerts;
        this.policies = policies;
        this.tickets = tickets;
        this.statuses = statuses;
        this.customers = customers;
        this.clock = clock;
    }

    @EventListener
    void on(TicketEvent event) {
        String accountId = event.accountId();
        String ticketId = event.ticketId();
        var recorded = repository.transitions(accountId, ticketId);
        boolean opening = event instanceof TicketCreated;
        if (opening && !recorded.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        var ticket = tickets.get(accountId, ticketId);
        var traits = traits(accountId, ticket);
        var settings = policies.settings(accountId);
        String traitsKey = key(traits);
        List<SlaClockRepository.Recorded> added = new ArrayList<>();
        int seq = recorded.isEmpty() ? 0 : recorded.get(recorded.size() - 1).seq();
        if (opening) {
            added.add(new SlaClockRepository.Recorded(++seq, new SlaTransition(now, SlaTransition.Kind.OPENED, policyId(settings, traits)),
                    traitsKey));
        } else {
            var kind = kindOf(event);
            boolean adopting = recorded.isEmpty();
            if (adopting) {
                seq = adopt(ticket, kind, policyId(settings, traits), traitsKey, now, added);
            }
            if (kind != null) {
                added.add(new SlaClockRepository.Recorded(++seq, new SlaTransition(now, kind), null));
            }
            // An adopted ticket takes the policy of its traits as they are now; another is re-evaluated when they changed.
            if (!adopting && !traitsKey.equals(lastTraits(recorded))) {
                added.add(new SlaClockRepository.Recorded(++seq,
                        new SlaTransition(now, SlaTransition.Kind.POLICY_APPLIED, policyId(settings, traits)), traitsKey));
            }
        }
        boolean pause = pauses(accountId, ticket);
        if (pause != paused(recorded)) {
            added.add(new SlaClockRepository.Recorded(++seq,
                    new SlaTransition(now, pause ? SlaTransition.Kind.PAUSED : SlaTransition.Kind.RESUMED), null));
        }
        if (added.isEmpty()) {
            return;
        }
        repository.append(accountId, ticketId, added);
        List<SlaTransition> all = new ArrayList<>();
        recorded.forEach(one -> all.add(one.transition()));
        added.forEach(one -> all.add(one.transition()));
        Map<String, SlaMeasure> measures = new HashMap<>();
        var clocks = SlaClock.compute(policyId -> measures.computeIfAbsent(policyId, settings::measure), all, now);
        Function<String, SlaMeasure> measureOf = policyId -> measures.computeIfAbsent(policyId, settings::measure);
        // Only a ticket with recorded transitions can have stored clocks: a new or adopted one has none to read or lock.
        boolean stored = !recorded.isEmpty();
        Map<SlaTarget, SlaAlertSchedule.Sent> sent = stored ? alerts.sentBefore(accountId, ticketId)
                : opening ? Map.of() : SlaAlertSchedule.pastAlerts(clocks.values(), measureOf, now);
        repository.replaceClocks(accountId, ticketId, clocks.values(), SlaAlertSchedule.plan(clocks.values(), sent, measureOf, now),
                stored, now);
        tickets.recordSlaState(accountId, ticketId, NearestSlaState.of(clocks.values(), measures, now));
    }

    /**
     * What a ticket without recorded transitions did before this change, as far as the ticket shows it: opened at its
     * creation, answered at its first reply, stopped when it ended. Its pauses before now are not known and not counted.
     * Records them ahead of {@code kind} (this change's own transition) and answers the last sequence number used.
     */
    private static int adopt(TicketView ticket, SlaTransition.Kind kind, String policyId, String traitsKey, Instant now,
                             List<SlaClockRepository.Recorded> added) {
        int seq = 0;
        added.add(new SlaClockRepository.Recorded(++seq, new SlaTransition(before(ticket.createdAt(), now), SlaTransition.Kind.OPENED,
                policyId), traitsKey));
        if (ticket.firstReplyAt() != null && ticket.firstReplyAt().isBefore(now)) {
            added.add(new SlaClockRepository.Recorded(++seq, new SlaTransition(before(ticket.firstReplyAt(), now),
                    SlaTransition.Kind.OPERATOR_REPLIED), null));
        }
        boolean endsNow = kind == SlaTransition.Kind.FINISHED || kind == SlaTransition.Kind.CANCELLED;
        if (!ticket.situation().isOpen() && !endsNow) {
            var ended = ticket.situation() == Situation.CANCELLED ? SlaTransition.Kind.CANCELLED : SlaTransition.Kind.FINISHED;
            added.add(new SlaClockRepository.Recorded(++seq, new SlaTransition(before(ticket.endAt() != null ? ticket.endAt() : now, now),
                    ended), null));
        }
        return seq;
    }

    private static Instant before(Instant moment, Instant now) {
        return moment.isAfter(now) ? now : moment;
    }

    private static SlaTransition.Kind kindOf(TicketEvent event) {
        if (event instanceof TicketReplied replied) {
            return replied.byOperator() ? SlaTransition.Kind.OPERATOR_REPLIED : SlaTransition.Kind.CUSTOMER_REPLIED;
        }
        if (event instanceof TicketFinished) {
            return SlaTransition.Kind.FINISHED;
        }
        if (event instanceof TicketCancelled) {
            return SlaTransition.Kind.CANCELLED;
        }
        return event instanceof TicketReopened ? SlaTransition.Kind.REOPENED : null;
    }

    /** Clocks stop while an open ticket waits for the customer or sits in a status that pauses them. */
    private boolean pauses(String accountId, TicketView ticket) {
        if (!ticket.situation().isOpen()) {
            return false;
        }
        if (ticket.situation() == Situation.AWAITING_CUSTOMER) {
            return true;
        }
        return ticket.statusId() != null && statuses.get(accountId, ticket.statusId()).pausesSla();
    }

    private static boolean paused(List<SlaClockRepository.Recorded> recorded) {
        for (int i = recorded.size() - 1; i >= 0; i--) {
            var kind = recorded.get(i).transition().kind();
            if (kind == SlaTransition.Kind.PAUSED || kind == SlaTransition.Kind.RESUMED) {
                return kind == SlaTransition.Kind.PAUSED;
            }
        }
        return false;
    }

    private static String lastTraits(List<SlaClockRepository.Recorded> recorded) {
        for (int i = recorded.size() - 1; i >= 0; i--) {
            if (recorded.get(i).traits() != null) {
                return recorded.get(i).traits();
            }
        }
        return "";
    }

    private TicketTraits traits(String accountId, TicketView ticket) {
        String organizationId = null;
        if (ticket.customerId() != null) {
            var customer = customers.findAll(accountId, Set.of(ticket.customerId())).get(ticket.customerId());
            organizationId = customer == null ? null : customer.organizationId();
        }
        return new TicketTraits(ticket.departmentId(), ticket.categoryId(), ticket.priority(), organizationId);
    }

    private static String key(TicketTraits traits) {
        return String.join("|", String.valueOf(traits.departmentId()), String.valueOf(traits.categoryId()),
                String.valueOf(traits.priority()), String.valueOf(traits.organizationId()));
    }

    private static String policyId(SlaManagement.Settings settings, TicketTraits traits) {
        return settings.policyFor(traits).map(SlaPolicy::id).orElse(null);
    }
}
