package io.atende.knowledge;

/**
 * Which articles a list shows; a {@code null} member does not filter. {@code search} matches words of title and
 * body (and their plurals); {@code internal} true lists only the articles for operators, false only the others.
 */
public record ArticleFilter(String categoryId, String search, Boolean published, Boolean internal) {

    public ArticleFilter(String categoryId, String search, Boolean published) {
        this(categoryId, search, published, null);
    }

    /** What anyone may read: published and not internal. Every public face lists through this. */
    public static ArticleFilter publicArticles(String categoryId, String search) {
        return new ArticleFilter(categoryId, search, true, false);
    }

    public static ArticleFilter publishedOnly() {
        return publicArticles(null, null);
    }
}
