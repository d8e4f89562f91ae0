package io.atende.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a message is sent. */
public enum MailKind {
    /** To the department's operators: a ticket was opened. */
    TICKET_CREATED,
    /** To the ticket's operator (or the department's): the customer wrote. */
    CUSTOMER_REPLIED,
    /** To the customer: the operator answered. */
    OPERATOR_REPLIED,
    /** To the customer: the ticket was finished. */
    TICKET_FINISHED,
    /** To a customer invited to the portal. */
    PORTAL_INVITATION,
    /** To a customer who asked to reset the portal password. */
    PORTAL_PASSWORD_RESET,
    /** To the ticket's operator (or the department's): a service-level target is at risk or was missed. */
    SLA_ALERT,
    /** To a sender whose e-mail could not become a ticket. */
    AUTO_ANSWER,
    /** To an operator, a department's operators or an address: a trigger or automation said so. */
    RULE_EMAIL,
    /** To an operator who asked to reset the console password. */
    OPERATOR_PASSWORD_RESET,
    /** To the account's admins: a message read from a mailbox could not be taken in. */
    INBOUND_FAILED,
    /** To a sender: files of their message were not kept (beyond the limits). */
    FILES_DROPPED,
    /** To a customer whose e-mail or portal message opened a ticket: it was received (when the account turned it on). */
    ACKNOWLEDGEMENT;

    /**
     * Whether the message carries a secret link (an invitation or a password reset): its text is sealed while it waits
     * and removed once it is sent, so that the outbox never keeps a link anyone could still use.
     */
    public boolean carriesLink() {
        return this == PORTAL_INVITATION || this == PORTAL_PASSWORD_RESET || this == OPERATOR_PASSWORD_RESET;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailKind> fromWireName(String text) {
        return Arrays.stream(values()).filter(kind -> kind.wireName().equals(text)).findFirst();
    }
}
