package io.atende.api.v2;

import java.util.Optional;

import io.atende.account.AccountManagement;
import io.atende.ticket.TicketManagement;
import io.atende.webhook.WebhookSubjectRenderer;

import org.springframework.stereotype.Component;

/** A ticket in Standard Webhooks deliveries: the object {@code /ticket/detail} holds without optional flags. */
@Component
class TicketWebhookRenderer implements WebhookSubjectRenderer {

    private final TicketManagement tickets;
    private final TicketRendering rendering;
    private final AccountManagement accounts;

    TicketWebhookRenderer(TicketManagement tickets, TicketRendering rendering, AccountManagement accounts) {
        this.tickets = tickets;
        this.rendering = rendering;
        this.accounts = accounts;
    }

    @Override
    public String subjectType() {
        return "ticket";
    }

    @Override
    public Optional<Object> render(String accountId, String subjectId) {
        // Called inside the publishing transaction: an unknown ticket must not throw through a
        // transactional front door, which would mark that transaction for rollback.
        return tickets.findDetail(accountId, subjectId).map(detail -> rendering.detail(accountId,
                accounts.get(accountId).timeZone(), detail, TicketRendering.DetailOptions.DEFAULT));
    }
}
