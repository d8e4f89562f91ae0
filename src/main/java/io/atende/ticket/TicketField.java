package io.atende.ticket;

/**
 * What a {@link TicketHistoryEntry} says changed. The values an entry holds are in the domain's terms: ids for
 * the department, operator, category, custom status and custom field; enum names for the situation and priority.
 * Changes made together are recorded in this order.
 */
public enum TicketField {
    /** The ticket was opened; the new value is its first {@link Situation}. */
    OPENED,
    DEPARTMENT,
    OPERATOR,
    CATEGORY,
    PRIORITY,
    SUBJECT,
    /** A custom status opened (new value) or closed (old value). */
    STATUS,
    /** {@link Situation}: replies, finishing, cancelling and reopening move it. */
    SITUATION,
    /** The grade of the customer's evaluation ("0" when it gave none); reopening clears it. */
    EVALUATION,
    /** A tag added (new value) or removed (old value). */
    TAG,
    /** A finish-time or evaluation custom field's value, the field being {@link TicketHistoryEntry#fieldRef()}. */
    CUSTOM_FIELD,
    /** The customer's id: the ticket moved to another customer (changed on the ticket, or two customer records were merged). */
    CUSTOMER,
    /** The parent ticket's id: the ticket became a child of another (new value) or stopped being one (old value). */
    PARENT,
    /** The id of the ticket this one was merged into (new value): its conversation went there and it was finished. */
    MERGED_INTO,
    /** The id of a ticket merged into this one (new value): its conversation came here. */
    MERGED_FROM
}
