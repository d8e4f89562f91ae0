package io.atende.automation;

/**
 * A rule asked for an e-mail about a ticket, published in the transaction of the rule's changes: to one operator,
 * every operator of one department, or one address (exactly one is set). Subject and text are filled already. The
 * e-mail channel sends it; it is not a ticket event, so no webhook carries it.
 */
public record TicketEmailRequested(String accountId, String ticketId, String operatorId, String departmentId, String address,
                                   String subject, String text) {
}
