package io.atende.customer;

import java.time.Instant;

/**
 * A customer's e-mail address that a mail server refused for good: nothing is sent to it until it is cleared or the
 * customer's address changes.
 *
 * @param reason   what the server said (the delivery status and its diagnostic), as recorded
 * @param markedAt when the refusal was taken in
 */
public record UndeliverableEmail(String customerId, String email, String reason, Instant markedAt) {
}
