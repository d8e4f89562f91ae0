package io.atende.retention;

import io.atende.ticket.TicketRetentionAction;

/**
 * An account's retention policy.
 *
 * @param ticketMonths    finished and cancelled tickets that ended this many months ago are {@code ticketAction}ed;
 *                        {@code null} keeps them
 * @param ticketAction    what happens to them
 * @param inboundRawDays  messages read from the account's mailboxes are kept as they came for this many days;
 *                        {@code null}: the installation's default
 */
public record RetentionPolicy(Integer ticketMonths, TicketRetentionAction ticketAction, Integer inboundRawDays) {

    public static final int MAX_TICKET_MONTHS = 1200;
    public static final int MAX_INBOUND_RAW_DAYS = 3650;

    /** What an account that set nothing has: tickets kept, raw messages for the installation's default. */
    public static final RetentionPolicy NONE = new RetentionPolicy(null, TicketRetentionAction.ANONYMIZE, null);

    public RetentionPolicy {
        if (ticketAction == null) {
            ticketAction = TicketRetentionAction.ANONYMIZE;
        }
    }
}
