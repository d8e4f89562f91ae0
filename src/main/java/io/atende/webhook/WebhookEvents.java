package io.atende.webhook;

import java.util.List;
import java.util.Set;

/** The event names a subscription may ask for (docs/webhooks.md). */
public final class WebhookEvents {

    public static final List<String> KNOWN = List.of(
            "ticket.created", "ticket.updated", "ticket.replied", "ticket.commented", "ticket.operator_linked",
            "ticket.transferred", "ticket.status_opened", "ticket.status_closed", "ticket.finished", "ticket.cancelled",
            "ticket.reopened", "ticket.evaluated", "ticket.sla_warning", "ticket.sla_breached",
            "customer.created", "customer.updated", "customer.deleted", "customer.anonymized",
            "chat.created", "chat.accepted", "chat.message", "chat.finished");

    /** The event a {@code /webhook/test} call sends; never published by a module. */
    public static final String TEST = "webhook.test";

    /** Subjects the TomTicket format can name in its {@code type}; chat events are not part of it. */
    static final Set<String> TOMTICKET_SUBJECTS = Set.of("ticket", "customer");

    private WebhookEvents() {
    }

    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }
}
