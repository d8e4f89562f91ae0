package io.atende.operator;

/**
 * Implemented by modules whose records point at operators (tickets, chats). An operator who is
 * or was linked to any of them, or authored anything in them (a message, an internal comment, a
 * chat message, a history entry), cannot be deleted; deactivating is the way out.
 */
public interface OperatorDeletionVeto {

    /** Whether anything in this module is or was linked to the operator or written by them. */
    boolean hasLinkedWork(String accountId, String operatorId);
}
