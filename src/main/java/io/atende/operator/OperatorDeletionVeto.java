package io.atende.operator;

/**
 * Implemented by modules whose records point at operators (tickets, chats). An operator who is
 * or was linked to any of them cannot be deleted; deactivating is the way out.
 */
public interface OperatorDeletionVeto {

    /** Whether anything in this module is or was linked to the operator. */
    boolean hasLinkedWork(String accountId, String operatorId);
}
