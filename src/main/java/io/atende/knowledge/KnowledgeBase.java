package io.atende.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.NewAttachment;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The knowledge base: categories and articles written through the API and read on the public help center. */
@Service
public class KnowledgeBase {

    public static final int MAX_TITLE_LENGTH = 250;
    public static final int MAX_SUMMARY_LENGTH = 250;
    public static final int MAX_BODY_LENGTH = 100_000;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_POSITION = 1_000_000;
    /** A visitor who views an article again within this time is not counted again. */
    static final Duration VIEW_DEDUP_WINDOW = Duration.ofMinutes(1);
    /** A category slug the public site uses for its own page ({@code /kb/search}). */
    static final String RESERVED_CATEGORY_SLUG = "search";
    static final int MAX_VISITOR_LENGTH = 64;
    /** A suggestion reads this much of a text, and this many of its distinct words of at least the minimum length. */
    static final int MAX_SUGGEST_TEXT = 2000;
    static final int MAX_SUGGEST_WORDS = 30;
    static final int MIN_SUGGEST_WORD_LENGTH = 4;

    /** The largest image an article may show, in bytes. */
    public static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    /** The image types an article may show, as the attachment store sniffs them from the bytes (SVG is not: it may hold scripts). */
    public static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    /** The attachment owner type of knowledge-base images; their owner is the account. */
    static final String IMAGE_OWNER = "kb_image";

    private final KnowledgeRepository repository;
    private final AttachmentManagement attachments;
    private final Clock clock;

    KnowledgeBase(KnowledgeRepository repository, AttachmentManagement attachments, Clock clock) {
        this.repository = repository;
        this.attachments = attachments;
        this.clock = clock;
    }

    /**
     * Stores an image for articles (PNG, JPEG, GIF or WebP by its bytes, at most {@link #MAX_IMAGE_BYTES}).
     * A refused image leaves nothing behind: it is checked in the transaction that stores it.
     */
    @Transactional
    public KbImage uploadImage(String accountId, NewAttachment file, long declaredSize) {
        if (declaredSize > MAX_IMAGE_BYTES) {
            throw new InvalidInputException("image", "kb.image.too_large", MAX_IMAGE_BYTES / (1024 * 1024));
        }
        if (declaredSize == 0) {
            throw new InvalidInputException("image", "parameter.required");
        }
        var stored = attachments.store(accountId, IMAGE_OWNER, accountId, List.of(file)).get(0);
        // The declared size is the sender's word; the stored one is not. Throwing rolls the stored bytes back.
        if (stored.size() > MAX_IMAGE_BYTES) {
            throw new InvalidInputException("image", "kb.image.too_large", MAX_IMAGE_BYTES / (1024 * 1024));
        }
        if (!IMAGE_TYPES.contains(stored.contentType())) {
            throw new InvalidInputException("image", "kb.image.unsupported_type");
        }
        return new KbImage(stored.id(), stored.contentType(), stored.size());
    }

    /** The knowledge-base image with this id, or not found (also for any other kind of attachment). */
    @Transactional(readOnly = true)
    public KbImage image(String accountId, String imageId) {
        var stored = attachments.get(accountId, imageId);
        if (!IMAGE_OWNER.equals(stored.ownerType()) || !IMAGE_TYPES.contains(stored.contentType())) {
            throw new NotFoundException("kb.image.not_found", imageId);
        }
        return new KbImage(stored.id(), stored.contentType(), stored.size());
    }

    /** Streams the image's bytes (not found as {@link #image}). */
    @Transactional(readOnly = true)
    public void copyImage(String accountId, String imageId, OutputStream out) throws IOException {
        image(accountId, imageId);
        attachments.copyContent(accountId, imageId, out);
    }

    /** Creates a category (invalid for bad input; refused when a given slug is taken; a generated slug gets a number). */
    @Transactional
    public KbCategory createCategory(String accountId, CategoryDraft draft) {
        String name = Inputs.requiredText("name", draft.name(), MAX_TITLE_LENGTH);
        String description = Inputs.optionalText("description", draft.description(), MAX_DESCRIPTION_LENGTH);
        int position = draft.position() == null ? repository.nextCategoryPosition(accountId) : position(draft.position());
        String slug = draft.slug() == null
                ? uniqueSlug(Slugs.of(name, "category"), candidate -> categorySlugFree(accountId, candidate, null))
                : givenCategorySlug(accountId, draft.slug(), null);
        var now = clock.instant();
        var category = new KbCategory(Ids.newId(), name, slug, blankToNull(description), position, now, now);
        try {
            repository.insertCategory(accountId, category);
        } catch (DuplicateKeyException sameSlugMeanwhile) {
            throw new RuleViolationException("kb.slug_taken", slug);
        }
        return category;
    }

    /** Changes a category; {@code null} members keep their value (not found when unknown, refused when the slug is taken). */
    @Transactional
    public KbCategory updateCategory(String accountId, String categoryId, CategoryDraft draft) {
        var current = getCategory(accountId, categoryId);
        String name = draft.name() == null ? current.name() : Inputs.requiredText("name", draft.name(), MAX_TITLE_LENGTH);
        String description = draft.description() == null ? current.description()
                : blankToNull(Inputs.optionalText("description", draft.description(), MAX_DESCRIPTION_LENGTH));
        int position = draft.position() == null ? current.position() : position(draft.position());
        String slug = draft.slug() == null ? current.slug() : givenCategorySlug(accountId, draft.slug(), current.id());
        var changed = new KbCategory(current.id(), name, slug, description, position, current.createdAt(), clock.instant());
        try {
            repository.updateCategory(accountId, changed);
        } catch (DuplicateKeyException sameSlugMeanwhile) {
            throw new RuleViolationException("kb.slug_taken", slug);
        }
        return changed;
    }

    /** Deletes a category; refused while it holds articles, published or not. */
    @Transactional
    public void deleteCategory(String accountId, String categoryId) {
        var category = getCategory(accountId, categoryId);
        if (repository.categoryHasArticles(accountId, category.id())) {
            throw new RuleViolationException("kb.category.in_use");
        }
        repository.deleteCategory(accountId, category.id());
    }

    /** The category, or not found. */
    @Transactional(readOnly = true)
    public KbCategory getCategory(String accountId, String categoryId) {
        return repository.findCategory(accountId, categoryId)
                .orElseThrow(() -> new NotFoundException("kb.category.not_found", categoryId));
    }

    /** The category with this slug, if any. */
    @Transactional(readOnly = true)
    public Optional<KbCategory> findCategoryBySlug(String accountId, String slug) {
        return repository.findCategoryBySlug(accountId, slug);
    }

    /** Every category of the account, by position then name. */
    @Transactional(readOnly = true)
    public List<KbCategory> listCategories(String accountId) {
        return repository.listCategories(accountId);
    }

    /** How many public articles (published, not internal) each category holds, by category id (absent: none). */
    @Transactional(readOnly = true)
    public Map<String, Long> publishedCounts(String accountId) {
        return repository.publishedCountsByCategory(accountId);
    }

    /** Writes a new article in a category (not found for an unknown category; refused when a given slug is taken). */
    @Transactional
    public KbArticle createArticle(String accountId, ArticleDraft draft) {
        if (draft.categoryId() == null || draft.categoryId().isBlank()) {
            throw new InvalidInputException("category_id", "parameter.required");
        }
        String title = Inputs.requiredText("title", draft.title(), MAX_TITLE_LENGTH);
        String body = body(Inputs.requiredText("body", draft.body(), MAX_BODY_LENGTH));
        boolean summaryGiven = draft.summary() != null && !draft.summary().isBlank();
        String summary = summaryGiven ? givenSummary(draft.summary()) : derivedSummary(body);
        var category = getCategory(accountId, draft.categoryId().strip());
        String slug = draft.slug() == null
                ? uniqueSlug(Slugs.of(title, "article"), candidate -> !repository.articleSlugTaken(accountId, candidate, null))
                : givenArticleSlug(accountId, draft.slug(), null);
        var now = clock.instant();
        var article = new KbArticle(Ids.newId(), category.id(), title, slug, summary, body,
                Boolean.TRUE.equals(draft.published()), Boolean.TRUE.equals(draft.internal()), 0, now, now);
        try {
            repository.insertArticle(accountId, article, summaryGiven);
        } catch (DuplicateKeyException sameSlugMeanwhile) {
            throw new RuleViolationException("kb.slug_taken", slug);
        }
        repository.replaceTerms(accountId, article.id(), SearchWords.terms(title, Html.toPlainText(body)));
        return article;
    }

    /** Whether the article's summary is the start of its body, made when it was saved, rather than one its writer gave. */
    @Transactional(readOnly = true)
    public boolean summaryFollowsBody(String accountId, String articleId) {
        return !storedArticle(accountId, articleId).summaryGiven();
    }

    /** Changes an article; {@code null} members keep their value (not found for an unknown article or category, refused when the slug is taken). */
    @Transactional
    public KbArticle updateArticle(String accountId, String articleId, ArticleDraft draft) {
        var stored = storedArticle(accountId, articleId);
        var current = stored.article();
        String title = draft.title() == null ? current.title() : Inputs.requiredText("title", draft.title(), MAX_TITLE_LENGTH);
        String body = draft.body() == null ? current.body() : body(Inputs.requiredText("body", draft.body(), MAX_BODY_LENGTH));
        // A form or client that sends back the generated summary as it received it has not written one: it still follows the body.
        boolean generatedSentBack = !stored.summaryGiven() && draft.summary() != null
                && Html.toPlainText(draft.summary()).strip().equals(current.summary());
        boolean summaryGiven = draft.summary() == null || generatedSentBack ? stored.summaryGiven() : !draft.summary().isBlank();
        String summary;
        if (draft.summary() != null && summaryGiven) {
            summary = givenSummary(draft.summary());
        } else {
            summary = summaryGiven ? current.summary() : derivedSummary(body);
        }
        String categoryId = draft.categoryId() == null ? current.categoryId() : getCategory(accountId, draft.categoryId().strip()).id();
        String slug = draft.slug() == null ? current.slug() : givenArticleSlug(accountId, draft.slug(), current.id());
        boolean published = draft.published() == null ? current.published() : draft.published();
        boolean internal = draft.internal() == null ? current.internal() : draft.internal();
        var changed = new KbArticle(current.id(), categoryId, title, slug, summary, body, published, internal, current.views(),
                current.createdAt(), clock.instant());
        try {
            repository.updateArticle(accountId, changed, summaryGiven);
        } catch (DuplicateKeyException sameSlugMeanwhile) {
            throw new RuleViolationException("kb.slug_taken", slug);
        }
        if (draft.title() != null || draft.body() != null) {
            repository.replaceTerms(accountId, changed.id(), SearchWords.terms(title, Html.toPlainText(body)));
        }
        return changed;
    }

    /** Makes the article public (or keeps it so). */
    @Transactional
    public KbArticle publish(String accountId, String articleId) {
        return updateArticle(accountId, articleId, new ArticleDraft(null, null, null, null, null, true));
    }

    /** Takes the article off the public site (or keeps it off); it stays readable through the API. */
    @Transactional
    public KbArticle unpublish(String accountId, String articleId) {
        return updateArticle(accountId, articleId, new ArticleDraft(null, null, null, null, null, false));
    }

    /** Deletes the article with its search words and recent views (not found if unknown). */
    @Transactional
    public void deleteArticle(String accountId, String articleId) {
        var article = getArticle(accountId, articleId);
        repository.deleteArticle(accountId, article.id());
    }

    /** The article, published or not, or not found. */
    @Transactional(readOnly = true)
    public KbArticle getArticle(String accountId, String articleId) {
        return storedArticle(accountId, articleId).article();
    }

    /** The article with this slug, published or not, or not found. */
    @Transactional(readOnly = true)
    public KbArticle getArticleBySlug(String accountId, String slug) {
        return repository.findArticleBySlug(accountId, slug).map(KnowledgeRepository.StoredArticle::article)
                .orElseThrow(() -> new NotFoundException("kb.article.not_found", slug));
    }

    /**
     * Articles newest first. A search matches articles in which every word of it starts a word of the
     * title or body, ignoring case and accents; a search without any letter or digit matches nothing.
     * not found for an unknown category.
     */
    @Transactional(readOnly = true)
    public Page<KbArticle> listArticles(String accountId, ArticleFilter filter, PageRequest page) {
        String categoryId = filter.categoryId() == null ? null : getCategory(accountId, filter.categoryId()).id();
        List<SearchWords.SearchWord> words = List.of();
        if (filter.search() != null) {
            words = SearchWords.ofSearchWithStems(filter.search());
            if (words.isEmpty()) {
                return new Page<>(List.of(), 0, page);
            }
        }
        return repository.listArticles(accountId, categoryId, filter.published(), filter.internal(), words, page);
    }

    /** The published, non-internal article with this slug in the category with this slug: what the public site may show. */
    @Transactional(readOnly = true)
    public Optional<KbArticle> findPublished(String accountId, String categorySlug, String articleSlug) {
        return repository.findCategoryBySlug(accountId, categorySlug)
                .flatMap(category -> repository.findArticleBySlug(accountId, articleSlug)
                        .map(KnowledgeRepository.StoredArticle::article)
                        .filter(article -> article.isPublic() && article.categoryId().equals(category.id())));
    }

    /**
     * Counts a view of the article unless the same visitor (address and user agent) viewed it in the
     * last minute. Kept in the database, so it holds across nodes. Returns whether it counted.
     */
    @Transactional
    public boolean recordView(String accountId, String articleId, String clientAddress, String userAgent) {
        var now = clock.instant();
        repository.forgetViewsBefore(accountId, now.minus(VIEW_DEDUP_WINDOW));
        boolean counted = repository.recordView(accountId, articleId, visitor(clientAddress, userAgent), now);
        if (counted) {
            repository.countView(accountId, articleId);
        }
        return counted;
    }

    /**
     * Records a reader's answer to "was this helpful?" for a public article: one vote per visitor (an id
     * the help center keeps in a cookie), a later answer replacing the earlier one. Not found for an
     * article the public cannot read.
     */
    @Transactional
    public ArticleVotes vote(String accountId, String articleId, String visitor, boolean helpful) {
        var article = getArticle(accountId, articleId);
        if (!article.isPublic()) {
            throw new NotFoundException("kb.article.not_found", articleId);
        }
        if (visitor == null || visitor.isBlank() || visitor.length() > MAX_VISITOR_LENGTH) {
            throw new InvalidInputException("visitor", "parameter.invalid");
        }
        repository.vote(accountId, article.id(), visitor, helpful, clock.instant());
        return votes(accountId, List.of(article.id())).getOrDefault(article.id(), ArticleVotes.NONE);
    }

    /** The votes of the articles, by article id (absent: none yet). */
    @Transactional(readOnly = true)
    public Map<String, ArticleVotes> votes(String accountId, java.util.Collection<String> articleIds) {
        return articleIds.isEmpty() ? Map.of() : repository.votes(accountId, articleIds);
    }

    /**
     * Public articles that a reader of this one may want next: those of its category and those sharing
     * the most words with it (stems included), most shared first, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<KbArticle> related(String accountId, KbArticle article, int limit) {
        return repository.related(accountId, article.id(), article.categoryId(), limit);
    }

    /**
     * Published articles that may answer a text (a ticket's subject and first message, say): those matching
     * the most of its words (or their stems), most matches first, at most {@code limit}. Words shorter than
     * four letters do not count; internal articles are included when asked (for operators).
     */
    @Transactional(readOnly = true)
    public List<KbArticle> suggest(String accountId, String text, boolean includeInternal, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        var words = SearchWords.ofSearchWithStems(text.length() > MAX_SUGGEST_TEXT ? text.substring(0, MAX_SUGGEST_TEXT) : text,
                MAX_SUGGEST_WORDS, MIN_SUGGEST_WORD_LENGTH);
        return words.isEmpty() ? List.of() : repository.suggest(accountId, words, includeInternal, limit);
    }

    private KnowledgeRepository.StoredArticle storedArticle(String accountId, String articleId) {
        return repository.findArticle(accountId, articleId)
                .orElseThrow(() -> new NotFoundException("kb.article.not_found", articleId));
    }

    private String givenCategorySlug(String accountId, String given, String exceptId) {
        String slug = validSlug(given);
        if (RESERVED_CATEGORY_SLUG.equals(slug) || !categorySlugFree(accountId, slug, exceptId)) {
            throw new RuleViolationException("kb.slug_taken", slug);
        }
        return slug;
    }

    private boolean categorySlugFree(String accountId, String slug, String exceptId) {
        return !RESERVED_CATEGORY_SLUG.equals(slug) && !repository.categorySlugTaken(accountId, slug, exceptId);
    }

    private String givenArticleSlug(String accountId, String given, String exceptId) {
        String slug = validSlug(given);
        if (repository.articleSlugTaken(accountId, slug, exceptId)) {
            throw new RuleViolationException("kb.slug_taken", slug);
        }
        return slug;
    }

    private static String validSlug(String given) {
        String slug = given.strip();
        if (!Slugs.isValid(slug)) {
            throw new InvalidInputException("slug", "kb.parameter.invalid_slug", Slugs.MAX_LENGTH);
        }
        return slug;
    }

    /** The base itself when free, else base-2, base-3, ... (the knowledge base of one account is small). */
    private static String uniqueSlug(String base, Predicate<String> free) {
        if (free.test(base)) {
            return base;
        }
        for (int suffix = 2; ; suffix++) {
            String candidate = base + "-" + suffix;
            if (free.test(candidate)) {
                return candidate;
            }
        }
    }

    private static int position(int position) {
        if (position < 0 || position > MAX_POSITION) {
            throw new InvalidInputException("position", "parameter.out_of_range", 0, MAX_POSITION);
        }
        return position;
    }

    private static String body(String html) {
        return Html.sanitize(html);
    }

    private static String givenSummary(String summary) {
        String plain = Html.toPlainText(summary).strip();
        if (plain.length() > MAX_SUMMARY_LENGTH) {
            throw new InvalidInputException("summary", "parameter.too_long", MAX_SUMMARY_LENGTH);
        }
        return plain;
    }

    /** The body's text, cut at the last word boundary that leaves room for an ellipsis when it is too long. */
    static String derivedSummary(String body) {
        String plain = Html.toPlainText(body).strip();
        if (plain.length() <= MAX_SUMMARY_LENGTH) {
            return plain;
        }
        int limit = MAX_SUMMARY_LENGTH - 1;
        int cut = limit;
        while (cut > 0 && !Character.isWhitespace(plain.charAt(cut))) {
            cut--;
        }
        if (cut == 0) {
            cut = limit;
        }
        return plain.substring(0, cut).stripTrailing() + "\u2026";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String visitor(String clientAddress, String userAgent) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(String.valueOf(userAgent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
