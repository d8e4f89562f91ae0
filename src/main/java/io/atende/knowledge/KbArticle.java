package io.atende.knowledge;

import java.time.Instant;

/**
 * A knowledge-base article. {@code body} is sanitized HTML; {@code summary} is plain text of at
 * most 250 characters, given by the writer or derived from the body. An {@code internal} article is
 * for operators only: the public help center never shows it, published or not.
 */
public record KbArticle(String id, String categoryId, String title, String slug, String summary, String body,
                        boolean published, boolean internal, long views, Instant createdAt, Instant updatedAt) {

    /** Whether anyone may read it on the help center. */
    public boolean isPublic() {
        return published && !internal;
    }
}
