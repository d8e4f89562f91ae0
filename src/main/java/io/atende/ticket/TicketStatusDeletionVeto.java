package io.atende.ticket;

/**
 * Implemented by whatever records custom statuses on tickets. A status that any ticket has or had
 * cannot be deleted, since the ticket's status history names it.
 */
public interface TicketStatusDeletionVeto {

    /** Whether anything is or was in this status. */
    boolean usesStatus(String accountId, String statusId);
}
