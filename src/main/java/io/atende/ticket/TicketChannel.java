package io.atende.ticket;

/**
 * Where a change to a ticket came from. Listeners use it to tell apart changes made through
 * TomTicket's API (whose integrations expect no e-mail to be sent) from the others.
 */
public enum TicketChannel {
    /** TomTicket's REST API v2.0. */
    API,
    /** An e-mail read from one of the account's mailboxes. */
    EMAIL,
    /** The operator console. */
    CONSOLE,
    /** The customer portal (signed-in customers, and every change before the widget and chat had channels of their own). */
    PORTAL,
    /** The website widget: a message a visitor left on its offline form. */
    WIDGET,
    /** A live chat turned into a ticket. */
    CHAT,
    /** A caller that did not say (other modules, background work). */
    OTHER
}
