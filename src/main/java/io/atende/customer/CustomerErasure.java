package io.atende.customer;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One customer's erasure under way, handed to each {@link CustomerErasureParticipant} in turn: who the customer was
 * (to find what names them) and the ids of the records erased so far (tickets, chats), which later participants
 * use to find what those records left elsewhere (mail, webhook events, the audit log).
 */
public record CustomerErasure(String accountId, String customerId, String email, String phone, Set<String> erasedRecordIds) {

    /** What replaces erased names, subjects and message bodies. */
    public static final String NEUTRAL_TEXT = "Anonymized";

    CustomerErasure(String accountId, CustomerView customer) {
        this(accountId, customer.id(), customer.email(), customer.phone(), new LinkedHashSet<>());
    }

    /** Notes ids of records this participant erased, for the participants after it. */
    public void erased(Iterable<String> recordIds) {
        recordIds.forEach(erasedRecordIds::add);
    }
}
