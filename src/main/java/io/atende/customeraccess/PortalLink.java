package io.atende.customeraccess;

import java.time.Instant;

/** A link that lets a customer set their portal password once, until {@code expiresAt}. */
public record PortalLink(String url, Instant expiresAt) {
}
