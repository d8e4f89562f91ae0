package io.atende.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which kinds of e-mail an account may write itself, the placeholders each one's template may carry and those it must
 * carry: a reply without {@code {{message}}} would not tell the customer the answer, a password reset without
 * {@code {{link}}} would leave them locked out, a finished ticket without {@code {{rating}}} would lose its rating.
 */
final class MailTemplateKinds {

    /** The languages Atende writes e-mail in, as {@link MailTemplates#locale(String)} answers them. */
    static final List<String> LANGUAGES = List.of("pt-BR", "en", "es");

    /** Blocks of the message that are HTML of their own in the HTML body, not text. */
    static final List<String> BLOCKS = List.of("message", "rating");

    private static final List<String> TICKET = List.of("customer.name", "customer.email", "ticket.protocol", "ticket.subject",
            "department.name", "account.name");

    record Rules(List<String> placeholders, List<String> required) {
    }

    private static final Map<MailKind, Rules> RULES = new LinkedHashMap<>();

    static {
        RULES.put(MailKind.OPERATOR_REPLIED, new Rules(plus(TICKET, "operator.name", "message"), List.of("message")));
        RULES.put(MailKind.TICKET_FINISHED, new Rules(plus(TICKET, "operator.name", "message", "rating"), List.of("rating")));
        RULES.put(MailKind.ACKNOWLEDGEMENT, new Rules(TICKET, List.of()));
        RULES.put(MailKind.PORTAL_INVITATION, new Rules(List.of("customer.name", "account.name", "link", "link.expiry"), List.of("link")));
        RULES.put(MailKind.PORTAL_PASSWORD_RESET, new Rules(List.of("customer.name", "account.name", "link", "link.expiry"), List.of("link")));
        RULES.put(MailKind.AUTO_ANSWER, new Rules(List.of("account.name", "mail.subject", "reason"), List.of()));
        RULES.put(MailKind.FILES_DROPPED, new Rules(List.of("customer.name", "ticket.protocol", "ticket.subject", "account.name", "files"),
                List.of("files")));
        RULES.put(MailKind.TICKET_CREATED, new Rules(plus(TICKET, "message"), List.of("message")));
        RULES.put(MailKind.CUSTOMER_REPLIED, new Rules(plus(TICKET, "operator.name", "message"), List.of("message")));
        RULES.put(MailKind.OPERATOR_PASSWORD_RESET, new Rules(List.of("operator.name", "account.name", "link", "link.expiry"), List.of("link")));
    }

    private MailTemplateKinds() {
    }

    /** The kinds an account may write, customer-facing first. */
    static List<MailKind> customizable() {
        return List.copyOf(RULES.keySet());
    }

    static boolean customizable(MailKind kind) {
        return RULES.containsKey(kind);
    }

    static Rules rules(MailKind kind) {
        return RULES.get(kind);
    }

    private static List<String> plus(List<String> names, String... more) {
        return Stream.concat(names.stream(), Stream.of(more)).toList();
    }
}
