package io.atende.mail;

import java.time.Instant;

/**
 * An account's DKIM key for one sender domain, without its private half: the TXT record to publish is
 * {@code dnsName} with the value {@code dnsValue}.
 */
public record DkimKeyView(String domain, String selector, int bits, String dnsName, String dnsValue, Instant createdAt) {
}
