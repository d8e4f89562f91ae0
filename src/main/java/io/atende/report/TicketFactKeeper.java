package io.atende.report;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.platform.TransactionBatches;
import io.atende.sla.BusinessCalendar;
import io.atende.sla.SlaManagement;
import io.atende.sla.SlaPolicy;
import io.atende.sla.TicketClocks;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketEvent;
import io.atende.ticket.TicketManagement;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the report facts of each ticket: the tickets a transaction changed have their facts recomputed just before it
 * commits (after the SLA clocks have been kept from the same events), under the tickets' row locks, so the facts commit
 * or roll back with the change and never race another change of the same ticket.
 */
@Component
class TicketFactKeeper {

    private final TicketFactRepository facts;
    private final TicketManagement tickets;
    private final TicketClocks clocks;
    private final SlaManagement sla;
    private final AccountManagement accounts;

    TicketFactKeeper(TicketFactRepository facts, TicketManagement tickets, TicketClocks clocks, SlaManagement sla,
                     AccountManagement accounts) {
        this.facts = facts;
        this.tickets = tickets;
        this.clocks = clocks;
        this.sla = sla;
        this.accounts = accounts;
    }

    @EventListener
    void on(TicketEvent event) {
        TransactionBatches.collect(this, event, this::refresh);
    }

    private void refresh(List<TicketEvent> events) {
        Map<String, LinkedHashSet<String>> byAccount = new LinkedHashMap<>();
        Set<String> opened = new HashSet<>();
        for (var event : events) {
            byAccount.computeIfAbsent(event.accountId(), id -> new LinkedHashSet<>()).add(event.ticketId());
            if (event instanceof TicketCreated) {
                opened.add(event.ticketId());
            }
        }
        byAccount.forEach((accountId, ticketIds) -> recompute(accountId, List.copyOf(ticketIds), opened));
    }

    /**
     * Recomputes the facts of these tickets of the account from the tickets as they are now; {@code opened} are those
     * opened in this transaction (they have no facts yet).
     */
    void recompute(String accountId, List<String> ticketIds, Set<String> opened) {
        ZoneId zone = accounts.get(accountId).timeZone();
        var readings = clocks.readings(accountId, ticketIds);
        Map<String, SlaPolicy> policies = readings.isEmpty() ? Map.of()
                : sla.listPolicies(accountId).stream().collect(Collectors.toMap(SlaPolicy::id, Function.identity()));
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        Map<String, List<TicketFact>> computed = new LinkedHashMap<>();
        for (var detail : tickets.findDetails(accountId, ticketIds)) {
            String ticketId = detail.ticket().id();
            var reading = readings.get(ticketId);
            BusinessCalendar calendar = null;
            if (reading != null && policies.containsKey(reading.policyId())) {
                calendar = calendars.computeIfAbsent(reading.policyId(),
                        id -> sla.calendarOf(accountId, policies.get(id)));
            }
            computed.put(ticketId, TicketFacts.compute(detail, tickets.history(accountId, ticketId), reading, calendar,
                    clocks.pauses(accountId, ticketId), zone));
        }
        facts.replace(accountId, computed, opened);
    }
}
