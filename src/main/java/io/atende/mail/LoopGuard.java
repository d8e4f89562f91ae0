package io.atende.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells automatic mail apart from mail a person wrote: auto-replies, bulk and list mail, bounces
 * and our own messages coming back never become tickets nor get an answer, which is what keeps
 * two automatic systems from answering each other forever.
 */
final class LoopGuard {

    /** Outcomes of messages set aside. */
    static final String OWN = "own_message";
    static final String AUTOMATIC = "auto_submitted";
    static final String BOUNCE = "bounce";

    private static final Set<String> BULK = Set.of("bulk", "list", "junk", "auto_reply");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon");
    private static final String[] AUTOMATIC_SUBJECTS = {"automatic reply:", "autoreply:", "out of office:",
            "resposta automática:", "respuesta automática:", "réponse automatique :", "abwesenheitsnotiz:"};

    private LoopGuard() {
    }

    /** Why the message must be set aside, or empty when a person wrote it. */
    static Optional<String> reason(ParsedMail mail) {
        if (mail.header("x-atende-account") != null) {
            return Optional.of(OWN);
        }
        if (mail.report() || mail.header("x-failed-recipients") != null || isDaemon(mail.fromAddress())
                || "<>".equals(mail.header("return-path"))) {
            return Optional.of(BOUNCE);
        }
        String autoSubmitted = mail.header("auto-submitted");
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of(AUTOMATIC);
        }
        String precedence = mail.header("precedence");
        if (precedence != null && BULK.contains(precedence.toLowerCase(Locale.ROOT).strip())) {
            return Optional.of(AUTOMATIC);
        }
        if (mail.header("x-autoreply") != null || mail.header("x-autorespond") != null || mail.header("x-auto-response") != null) {
            return Optional.of(AUTOMATIC);
        }
        String subject = mail.subject().toLowerCase(Locale.ROOT);
        for (String prefix : AUTOMATIC_SUBJECTS) {
            if (subject.startsWith(prefix)) {
                return Optional.of(AUTOMATIC);
            }
        }
        return Optional.empty();
    }

    private static boolean isDaemon(String address) {
        if (address == null) {
            return true;  // no sender to answer: nothing a person sent
        }
        int at = address.indexOf('@');
        return DAEMONS.contains(at < 0 ? address : address.substring(0, at));
    }
}
