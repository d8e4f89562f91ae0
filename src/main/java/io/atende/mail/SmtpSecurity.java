package io.atende.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the connection to an account's own SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain SMTP upgraded with STARTTLS, which is required before authenticating (port 587). */
    STARTTLS(587),
    /** SMTPS: TLS from the first byte (port 465). */
    TLS(465),
    /** No encryption (port 25): only for a relay on a trusted network. */
    NONE(25);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SmtpSecurity> fromWireName(String text) {
        return text == null ? Optional.empty()
                : Arrays.stream(values()).filter(security -> security.wireName().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
