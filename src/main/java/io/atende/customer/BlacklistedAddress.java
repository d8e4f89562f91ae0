package io.atende.customer;

import java.time.Instant;

/** An e-mail address on the account's blacklist, in lower case as it is compared, and since when it is there. */
public record BlacklistedAddress(String email, Instant createdAt) {
}
