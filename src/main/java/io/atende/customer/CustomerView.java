package io.atende.customer;

import java.time.Instant;

/**
 * A customer as other modules and the API see it.
 *
 * @param internalId         the caller's own id for the customer, unique in the account
 * @param organizationName   the name of the organization, {@code null} when there is none
 * @param monthlyTicketQuota tickets the customer may open per month; {@code null} is unlimited
 */
public record CustomerView(String id, String internalId, String name, String email, String phone, String organizationId,
                           String organizationName, String portfolioId, Integer monthlyTicketQuota,
                           boolean allowCreateTickets, boolean emailValidated, boolean active, boolean accountApproved,
                           CustomerLanguage language, Instant createdAt, Instant updatedAt) {
}
