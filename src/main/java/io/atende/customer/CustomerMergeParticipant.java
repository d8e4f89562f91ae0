package io.atende.customer;

/**
 * Implemented by modules whose records belong to customers (tickets, chats). When two customer records are merged,
 * each moves what belongs to the merged customer to the one it is merged into, inside the merge's transaction.
 */
public interface CustomerMergeParticipant {

    /** Moves every record of this module that belongs to {@code fromCustomerId} to {@code intoCustomerId}. */
    void moveRecords(String accountId, String fromCustomerId, String intoCustomerId);
}
