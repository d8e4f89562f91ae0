package io.atende.account;

import io.atende.platform.RateLimit;

/** Changes to an account; a {@code null} member leaves that attribute as it is. */
public record UpdateAccount(String name, String timeZone, RateLimit rateLimit, String accentColor) {

    public UpdateAccount(String name, String timeZone, RateLimit rateLimit) {
        this(name, timeZone, rateLimit, null);
    }
}
