package io.atende.platform;

import java.util.Objects;

/**
 * Who makes a change: recorded with it (a ticket's history, the account's audit log) so that a reader can tell
 * who did what. The name is the one the actor had at that moment, so that the record still reads when the
 * operator, token or rule is renamed or deleted later.
 *
 * @param id   the operator's, customer's, token's or rule's id; the sender's address for {@link Kind#EMAIL};
 *             {@code null} for {@link Kind#SYSTEM}
 * @param name how to show the actor (a person's or token's name, an e-mail address, a rule's name)
 */
public record Actor(Kind kind, String id, String name) {

    /** Nobody in particular: background work and callers that did not say who acts. */
    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, null);

    /** The department's automatic assignment, giving a ticket to an operator. */
    public static final Actor AUTOMATIC_ASSIGNMENT = new Actor(Kind.ASSIGNMENT, null, "Automatic assignment");

    public enum Kind {
        /** An operator signed in to the console. */
        OPERATOR,
        /** A customer signed in to the portal or identified by the website widget. */
        CUSTOMER,
        /** A client of the API, by the token it presented. */
        API_TOKEN,
        /** An e-mail read from one of the account's mailboxes, by its sender. */
        EMAIL,
        /** A trigger or automation rule, by its name. */
        RULE,
        /** Automatic assignment of a department's tickets to its operators. */
        ASSIGNMENT,
        /** An import from another help desk, in the name of the person the source named (an operator, a customer), if any. */
        IMPORT,
        /** Atende itself. */
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor operator(String operatorId, String name) {
        return new Actor(Kind.OPERATOR, operatorId, name);
    }

    public static Actor customer(String customerId, String name) {
        return new Actor(Kind.CUSTOMER, customerId, name);
    }

    public static Actor apiToken(String tokenId, String name) {
        return new Actor(Kind.API_TOKEN, tokenId, name);
    }

    public static Actor email(String sender) {
        return new Actor(Kind.EMAIL, sender, sender);
    }

    /** What the source of an import says someone did; the name is the source's, the person need not be in the account. */
    public static Actor imported(String name) {
        return new Actor(Kind.IMPORT, null, name);
    }

    public static Actor rule(String ruleId, String name) {
        return new Actor(Kind.RULE, ruleId, name);
    }
}
