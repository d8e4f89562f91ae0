package io.atende.ticket;

import java.util.List;

/**
 * Implemented by modules that keep personal data about tickets outside the ticket module (mail sent or read about
 * them). Called in the transaction in which retention anonymizes or deletes the tickets.
 */
public interface TicketRetentionParticipant {

    void forget(String accountId, List<String> ticketIds, TicketRetentionAction action);
}
