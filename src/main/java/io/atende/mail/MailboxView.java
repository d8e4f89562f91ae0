package io.atende.mail;

import java.time.Instant;

/**
 * A department's mailbox as it may be shown: never its password or access token, only whether
 * one is set.
 *
 * @param address         the address customers write to; replies to notifications come back to it
 * @param createCustomers whether senders unknown to the account become customers (else they get a polite refusal)
 * @param lastError       why the last read failed, {@code null} after a good one
 */
public record MailboxView(String id, String departmentId, String address, String host, int port, MailboxSecurity security,
                          String username, boolean hasPassword, boolean hasAccessToken, String folder, boolean createCustomers,
                          boolean active, Instant lastPolledAt, String lastError, Instant createdAt, Instant updatedAt) {
}
