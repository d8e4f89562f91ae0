package io.atende.knowledge;

/** The answers to "was this helpful?" of an article's readers. */
public record ArticleVotes(long helpful, long notHelpful) {

    public static final ArticleVotes NONE = new ArticleVotes(0, 0);
}
