package io.atende.sla;

import java.time.Instant;

import io.atende.platform.DomainEvent;

/**
 * A ticket's target reached its warning share of the budget, or its deadline passed without being met: published
 * once per target and clock cycle, at {@code dueAt} or within the alert worker's interval after it.
 */
public record TicketSlaAlerted(String accountId, String ticketId, SlaTarget target, SlaAlert alert, String policyId,
                               Instant dueAt) implements DomainEvent {

    @Override
    public String eventName() {
        return alert.eventName();
    }

    @Override
    public String subjectType() {
        return "ticket";
    }

    @Override
    public String subjectId() {
        return ticketId;
    }
}
