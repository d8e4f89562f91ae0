package io.atende.knowledge;

/** Which articles a list shows; a {@code null} member does not filter. {@code search} matches words of title and body. */
public record ArticleFilter(String categoryId, String search, Boolean published) {

    public static ArticleFilter publishedOnly() {
        return new ArticleFilter(null, null, true);
    }
}
