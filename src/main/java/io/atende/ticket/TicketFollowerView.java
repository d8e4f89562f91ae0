package io.atende.ticket;

import java.time.Instant;

/** Someone copied on a ticket: their address, and the customer it belongs to when it is one's ({@code null} otherwise). */
public record TicketFollowerView(String email, String customerId, Instant createdAt) {
}
