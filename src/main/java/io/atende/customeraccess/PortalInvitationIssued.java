package io.atende.customeraccess;

import java.time.Instant;

/**
 * A customer was invited to the portal: {@code link} lets them set a password until
 * {@code expiresAt}. Published inside the inviting transaction. The link is a secret, so this is
 * deliberately not a webhook-visible domain event.
 *
 * @param language the customer's language tag ({@code pt-BR}, {@code en} or {@code es})
 */
public record PortalInvitationIssued(String accountId, String customerId, String email, String customerName,
                                     String language, String link, Instant expiresAt) {
}
