package io.atende.customer;

/**
 * Implemented by modules whose records point at customers (tickets, chats). A customer any of them
 * still points at cannot be deleted: the help desk keeps whose conversation each one was.
 */
public interface CustomerDeletionVeto {

    /** Whether anything in this module belongs to the customer. */
    boolean hasRecords(String accountId, String customerId);
}
