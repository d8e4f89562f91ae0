package io.atende.knowledge;

import java.time.Instant;

/** A knowledge-base category; categories are shown by {@code position}, then by name. */
public record KbCategory(String id, String name, String slug, String description, int position, Instant createdAt,
                         Instant updatedAt) {
}
