package io.atende.importing;

/** What an import brings, in the order it brings it: each kind only needs those before it. */
public enum ImportKind {
    ORGANIZATIONS, OPERATORS, DEPARTMENTS, CUSTOM_FIELDS, CUSTOMERS, STATUSES, TICKETS, CHATS
}
