package io.atende.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tickets' SLA clocks as the faces read them, a page of tickets at a time. */
@Service
public class TicketClocks {

    private final SlaClockRepository repository;
    private final Clock clock;

    TicketClocks(SlaClockRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The clocks of these tickets now, by ticket id, read in one query; a ticket no policy applies to is absent. */
    @Transactional(readOnly = true)
    public Map<String, TicketSlaReading> readings(String accountId, Collection<String> ticketIds) {
        Instant now = clock.instant();
        Map<String, List<SlaClockRepository.StoredClock>> byTicket = new LinkedHashMap<>();
        for (var stored : repository.clocks(accountId, ticketIds)) {
            byTicket.computeIfAbsent(stored.ticketId(), id -> new ArrayList<>()).add(stored);
        }
        Map<String, TicketSlaReading> readings = new LinkedHashMap<>();
        byTicket.forEach((ticketId, stored) -> {
            var first = stored.get(0);
            var targets = stored.stream().sorted(Comparator.comparing(one -> one.clock().target()))
                    .map(one -> target(one, now)).toList();
            readings.put(ticketId, new TicketSlaReading(first.clock().policyId(), first.policyName(), targets));
        });
        return readings;
    }

    /** The ticket's pauses of its clocks, oldest first, from its recorded transitions; empty without clocks. */
    @Transactional(readOnly = true)
    public List<SlaPause> pauses(String accountId, String ticketId) {
        List<SlaPause> pauses = new ArrayList<>();
        Instant from = null;
        for (var recorded : repository.transitions(accountId, ticketId)) {
            var transition = recorded.transition();
            if (transition.kind() == SlaTransition.Kind.PAUSED && from == null) {
                from = transition.occurredAt();
            } else if (transition.kind() == SlaTransition.Kind.RESUMED && from != null) {
                pauses.add(new SlaPause(from, transition.occurredAt()));
                from = null;
            }
        }
        if (from != null) {
            pauses.add(new SlaPause(from, null));
        }
        return pauses;
    }

    /** A stored clock read at {@code now}: a running one keeps counting after its last change, up to now. */
    static TicketSlaReading.Target target(SlaClockRepository.StoredClock stored, Instant now) {
        var clock = stored.clock();
        var calendar = stored.calendar();
        Duration remaining = null;
        boolean breached = clock.breachedAt() != null;
        if (clock.running() && !clock.paused() && clock.deadline() != null) {
            var deadline = clock.deadline();
            remaining = now.isBefore(deadline) ? calendar.businessTimeBetween(now, deadline)
                    : calendar.businessTimeBetween(deadline, now).negated();
            breached = breached || deadline.isBefore(now);
        } else if (clock.running()) {
            remaining = clock.budget().minus(clock.elapsed());
        }
        return new TicketSlaReading.Target(clock.target(), clock.paused() ? null : clock.deadline(),
                remaining == null ? null : remaining.toMinutes(), clock.paused(), breached, clock.accomplishedAt());
    }
}
