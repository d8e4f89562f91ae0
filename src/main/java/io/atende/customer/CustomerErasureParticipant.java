package io.atende.customer;

/**
 * Implemented by modules that hold a customer's personal data. When a customer is anonymized each participant, in
 * {@code @Order}, replaces or deletes what it holds about the customer inside the erasure's transaction: owners of
 * records (tickets, chats) first, noting what they erased, then modules holding traces of those records.
 */
public interface CustomerErasureParticipant {

    /** Order of the modules that own the customer's records and note their ids. */
    int RECORD_OWNERS = 0;
    /** Order of the modules that hold traces of those records. */
    int TRACES = 100;

    void erase(CustomerErasure erasure);
}
