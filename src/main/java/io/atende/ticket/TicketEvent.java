package io.atende.ticket;

import io.atende.platform.DomainEvent;

/** Every ticket event: published inside the transaction of the change it reports. */
public sealed interface TicketEvent extends DomainEvent permits TicketCreated, TicketUpdated, TicketReplied,
        TicketCommented, TicketOperatorLinked, TicketTransferred, TicketStatusOpened, TicketStatusClosed, TicketFinished,
        TicketCancelled, TicketReopened, TicketEvaluated {

    String ticketId();

    @Override
    default String subjectType() {
        return "ticket";
    }

    @Override
    default String subjectId() {
        return ticketId();
    }
}
