package io.atende.mail;

import java.time.Instant;

/**
 * A message read from a mailbox and what became of it.
 *
 * @param outcome  {@code ticket_created}, {@code replied}, {@code operator_replied}, {@code operator_commented}, or why it was set aside ({@code auto_submitted}, {@code bounce},
 *                 {@code own_message}, {@code rate_limited}, {@code blacklisted}, {@code not_allowed}, {@code unknown_sender},
 *                 {@code operator_unsigned}, {@code failed})
 * @param ticketId the ticket it opened or replied to
 * @param rawKept  whether the message is still kept as it came (for {@code atende.mail.inbound.raw-retention})
 */
public record InboundView(String id, String mailboxId, String messageId, String sender, String subject, String outcome,
                          String ticketId, String detail, Instant receivedAt, boolean rawKept) {
}
