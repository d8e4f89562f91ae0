package io.atende.api.v2;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return Optional.ofNullable(renderAll(accountId, List.of(subjectId)).get(subjectId));
    }

    @Override
    public Map<String, Object> renderAll(String accountId, Collection<String> subjectIds) {
        // Called inside the publishing transaction: an unknown ticket must not throw through a
        // transactional front door, which would mark that transaction for rollback.
        var details = tickets.findDetails(accountId, subjectIds);
        var rendered = rendering.details(accountId, accounts.get(accountId).timeZone(), details, TicketRendering.DetailOptions.DEFAULT);
        Map<String, Object> byId = new LinkedHashMap<>();
        for (int i = 0; i < details.size(); i++) {
            byId.put(details.get(i).ticket().id(), rendered.get(i));
        }
        return byId;
    }
}
