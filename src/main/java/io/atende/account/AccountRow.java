package io.atende.account;

import java.time.Instant;

record AccountRow(String id, String name, String timeZone, Integer rateLimitPerSecond, Integer rateLimitBurst, String accentColor,
                  String consoleLanguage, Instant createdAt, Instant updatedAt) {
}
