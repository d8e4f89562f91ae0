package io.atende.platform;

/**
 * What kind of refusal an {@link AtendeException} is, in the domain's words. Each face (API, console,
 * portal, widget) decides how to answer it; {@link RefusalStatuses} holds the HTTP statuses they share.
 */
public enum Refusal {
    /** A value given by the caller is malformed, missing or out of range. */
    INVALID_INPUT,
    /** The thing named does not exist in the caller's account (another account's data included). */
    NOT_FOUND,
    /** The caller may not do this. */
    FORBIDDEN,
    /** A business rule refuses the change in the current state. */
    RULE_VIOLATION,
    /** The caller used up its share for now and may try again later. */
    LIMIT_REACHED,
    /** The node serves all it can right now; trying again later may work. */
    BUSY
}
