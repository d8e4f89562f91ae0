package io.atende.customeraccess;

import java.io.Serializable;
import java.util.Locale;

import io.atende.platform.ActingPrincipal;
import io.atende.platform.Actor;
import io.atende.platform.RequestLocales;

/**
 * A customer signed in to the portal, as kept in their session and refreshed on every request.
 *
 * @param organizationManager whether they see the tickets of their whole organization
 * @param language            the customer's language tag ({@code pt-BR}, {@code en} or {@code es})
 */
public record PortalCustomer(String accountId, String customerId, String name, String email, String organizationId,
                             String organizationName, boolean organizationManager, boolean mayOpenTickets, String language)
        implements Serializable, ActingPrincipal {

    /** The name Spring Security and Spring Session know a signed-in customer by, unique across accounts. */
    public static String principalName(String accountId, String customerId) {
        return "customer:" + accountId + ":" + customerId;
    }


    /** The portal's language for this customer. */
    public Locale locale() {
        return RequestLocales.forTag(language);
    }

    /** The changes this customer makes in the portal are theirs. */
    @Override
    public Actor actor() {
        return Actor.customer(customerId, name);
    }

    /** Whether the customer sees the organization's tickets (a manager who belongs to one). */
    public boolean seesOrganization() {
        return organizationManager && organizationId != null;
    }
}
