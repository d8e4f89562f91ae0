package io.atende.knowledge;

import java.time.Instant;

/**
 * A knowledge-base article. {@code body} is sanitized HTML; {@code summary} is plain text of at
 * most 250 characters, given by the writer or derived from the body.
 */
public record KbArticle(String id, String categoryId, String title, String slug, String summary, String body,
                        boolean published, long views, Instant createdAt, Instant updatedAt) {
}
