package io.atende.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the connection to a mailbox's IMAP server is protected. */
public enum MailboxSecurity {
    /** IMAPS: TLS from the first byte (port 993). */
    SSL,
    /** Plain IMAP upgraded with STARTTLS, which is required (port 143). */
    STARTTLS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailboxSecurity> fromWireName(String text) {
        return text == null ? Optional.empty()
                : Arrays.stream(values()).filter(security -> security.wireName().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
