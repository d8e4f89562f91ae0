package io.atende.webhook;

import java.time.Instant;
import java.time.ZoneId;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The layout of {@code webhook_event.snapshot}: the subject's snapshot with the context its rendering needs. */
final class StoredSnapshot {

    static final String ZONE = "zone";
    static final String ORIGIN = "origin";
    static final String SUBJECT = "subject";

    private StoredSnapshot() {
    }

    static WebhookSnapshot read(JsonMapper json, String accountId, String subjectType, String subjectId, String stored, Instant takenAt) {
        JsonNode node = json.readTree(stored);
        return new WebhookSnapshot(accountId, subjectType, subjectId, node.get(SUBJECT), ZoneId.of(node.get(ZONE).asString()),
                node.hasNonNull(ORIGIN) ? node.get(ORIGIN).asString() : null, takenAt);
    }
}
