package io.atende.knowledge;

/**
 * What a writer gives for an article. On an update a {@code null} member keeps its value (the slug
 * stays when the title changes, so that links keep working); an empty {@code summary} goes back to
 * one derived from the body. On a creation a {@code null} slug is generated from the title, a
 * {@code null} summary is derived from the body, a {@code null} {@code published} means a draft and a
 * {@code null} {@code internal} a public article.
 */
public record ArticleDraft(String categoryId, String title, String slug, String summary, String body, Boolean published,
                           Boolean internal) {

    /** A draft that leaves whether the article is internal as it is (public for a new one). */
    public ArticleDraft(String categoryId, String title, String slug, String summary, String body, Boolean published) {
        this(categoryId, title, slug, summary, body, published, null);
    }
}
