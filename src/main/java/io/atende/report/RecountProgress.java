package io.atende.report;

import java.time.Instant;

/**
 * A pending recount of an account's report facts.
 *
 * @param full        every ticket and chat (asked for, or after a time zone change), or only those without facts
 * @param ticketsDone whether every ticket is done (the chats follow)
 */
public record RecountProgress(boolean full, Instant requestedAt, boolean ticketsDone) {
}
