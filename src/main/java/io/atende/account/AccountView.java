package io.atende.account;

import java.time.Instant;
import java.time.ZoneId;

import io.atende.platform.RateLimit;

/**
 * A tenant: one company's help desk. {@code rateLimit} is the effective default for its tokens;
 * {@code accentColor} ({@code #rrggbb}, or {@code null} for the default) brands its public pages;
 * {@code consoleLanguage} is the console language of its operators who chose none themselves.
 */
public record AccountView(String id, String name, ZoneId timeZone, RateLimit rateLimit, String accentColor, Instant createdAt,
                          String consoleLanguage) {
}
