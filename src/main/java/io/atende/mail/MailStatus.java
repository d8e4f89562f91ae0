package io.atende.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an outgoing message stands: waiting for its (next) attempt, accepted by the SMTP server, given up, or not sent
 * because its recipient's address bounced for good (skipped).
 */
public enum MailStatus {
    QUEUED, SENT, FAILED, SKIPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailStatus> fromWireName(String text) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(text)).findFirst();
    }
}
