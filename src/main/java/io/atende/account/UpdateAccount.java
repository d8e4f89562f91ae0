package io.atende.account;

import io.atende.platform.RateLimit;

/**
 * Changes to an account; a {@code null} member leaves that attribute as it is.
 *
 * @param consoleLanguage the console language of the account's operators who chose none ({@code pt-BR}, {@code en}, {@code es})
 */
public record UpdateAccount(String name, String timeZone, RateLimit rateLimit, String accentColor, String consoleLanguage) {

    public UpdateAccount(String name, String timeZone, RateLimit rateLimit, String accentColor) {
        this(name, timeZone, rateLimit, accentColor, null);
    }

    public UpdateAccount(String name, String timeZone, RateLimit rateLimit) {
        this(name, timeZone, rateLimit, null, null);
    }
}
