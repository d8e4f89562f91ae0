package io.atende.knowledge;

/**
 * What a writer gives for a category. On an update a {@code null} member keeps its value; on a
 * creation a {@code null} slug is generated from the name and a {@code null} position puts the
 * category last.
 */
public record CategoryDraft(String name, String slug, String description, Integer position) {
}
