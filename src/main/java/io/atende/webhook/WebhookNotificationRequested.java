package io.atende.webhook;

/**
 * A rule asked for one subscription to be told about a ticket ({@code ticket.rule_notification}), published in the
 * transaction of the rule's changes: queued for that subscription alone, whatever events it chose, with
 * {@code {ticket_id, protocol, rule_id, rule_name, message}} as its Standard Webhooks data (TomTicket's format says
 * {@code {"type": "ticket", "id": ..., "action": "updated"}}). Not a domain event, so no other subscription sees it.
 */
public record WebhookNotificationRequested(String accountId, String webhookId, String ticketId, long protocol, String ruleId,
                                           String ruleName, String message) {

    public static final String EVENT = "ticket.rule_notification";
}
