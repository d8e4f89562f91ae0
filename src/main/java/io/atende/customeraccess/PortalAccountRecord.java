package io.atende.customeraccess;

import java.time.Instant;
import java.util.List;

/**
 * What the portal keeps about a customer's access, for the export of their data: never the password nor a link's
 * secret, only that they exist and when.
 *
 * @param passwordSet         whether the customer has set a password (can sign in)
 * @param links               invitation and password-reset links sent, newest first
 */
public record PortalAccountRecord(boolean passwordSet, boolean organizationManager, Instant createdAt, Instant updatedAt, List<Link> links) {

    /** An invitation or password-reset link ({@code purpose} as stored: {@code invitation}, {@code reset}) sent to the customer. */
    public record Link(String purpose, Instant createdAt, Instant expiresAt, Instant usedAt) {
    }
}
