package io.atende.sla;

import java.time.Instant;

/** When each target of a policy would fall due for a ticket opened at {@code openedAt}; {@code null}: no such target. */
public record PolicyPreview(Instant openedAt, Instant firstReply, Instant nextReply, Instant resolution) {
}
