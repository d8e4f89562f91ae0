package io.atende.sla;

import java.time.Instant;

/**
 * A stretch during which a ticket's running clocks were paused (waiting for the customer, or a pausing status).
 *
 * @param until when they resumed; {@code null} while the pause lasts
 */
public record SlaPause(Instant from, Instant until) {
}
