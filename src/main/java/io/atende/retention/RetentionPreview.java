package io.atende.retention;

import java.time.Instant;

/**
 * What a policy would do now (a dry run): how many tickets it would anonymize or delete, and how many messages read
 * from mailboxes it would stop keeping as they came.
 *
 * @param ticketsEndedBefore tickets that ended before this are due; {@code null} when the policy keeps tickets
 * @param rawReadBefore      raw messages read before this are due
 */
public record RetentionPreview(RetentionPolicy policy, long tickets, Instant ticketsEndedBefore, long inboundMessages, Instant rawReadBefore) {
}
