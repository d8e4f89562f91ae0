package io.atende.customeraccess;

import java.time.Instant;

/**
 * A customer asked to reset their portal password: {@code link} lets them choose a new one until
 * {@code expiresAt}. Published inside the requesting transaction; the link is a secret, so this is
 * deliberately not a webhook-visible domain event.
 *
 * @param language the customer's language tag ({@code pt-BR}, {@code en} or {@code es})
 */
public record PortalPasswordResetRequested(String accountId, String customerId, String email, String customerName,
                                           String language, String link, Instant expiresAt) {
}
