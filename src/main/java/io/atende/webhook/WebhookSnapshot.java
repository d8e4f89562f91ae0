package io.atende.webhook;

import java.time.Instant;
import java.time.ZoneId;

import tools.jackson.databind.JsonNode;

/**
 * A subject as the transaction that published its event left it, with what its rendering depends on
 * besides the subject, fixed at that moment too.
 *
 * @param subject the record {@link WebhookSubjectSnapshots#snapshots} returned, as JSON
 * @param zone    the account's time zone at the time of the change
 * @param origin  the scheme, host and context path of the request that made the change (its links are
 *                absolute), or {@code null} when no request did
 * @param takenAt when the change was committed: durations running until now end here
 */
public record WebhookSnapshot(String accountId, String subjectType, String subjectId, JsonNode subject, ZoneId zone, String origin,
                              Instant takenAt) {
}
