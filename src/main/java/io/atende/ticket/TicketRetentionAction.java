package io.atende.ticket;

/** What an account's retention policy does to finished and cancelled tickets once they are old enough. */
public enum TicketRetentionAction {
    /** Subjects, messages, files and custom field values are erased as in a customer's erasure; the ticket stays. */
    ANONYMIZE,
    /** The ticket goes with everything it holds; report figures stay. */
    DELETE
}
