package io.atende.api.v2;

import java.util.Map;
import java.util.stream.Collectors;

import io.atende.account.Caller;
import io.atende.knowledge.ArticleDraft;
import io.atende.knowledge.ArticleFilter;
import io.atende.knowledge.CategoryDraft;
import io.atende.knowledge.KbArticle;
import io.atende.knowledge.KbCategory;
import io.atende.knowledge.KnowledgeBase;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

/** The knowledge base of docs/api.md, Knowledge base: categories and articles, written here and read on the public help center. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class KnowledgeApiV2Controller {

    private static final String TAG = "Knowledge base";

    private final KnowledgeBase knowledge;
    private final ApiMessages messages;

    KnowledgeApiV2Controller(KnowledgeBase knowledge, ApiMessages messages) {
        this.knowledge = knowledge;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CategoryWire(String id, String name, String slug, String description, int position) {

        static CategoryWire of(KbCategory category) {
            return new CategoryWire(category.id(), category.name(), category.slug(), category.description(), category.position());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ArticleWire(String id, String title, String slug, Wire.Ref category, String summary, String body, boolean published,
                       boolean internal, String creationDate, String updateDate, long views) {
    }

    @GetMapping("/kb/category/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true, summary = "List the knowledge-base categories, by position then name")
    Map<String, Object> categories(Caller caller, ApiParams params) {
        return Envelope.list(messages.get("ok"), knowledge.listCategories(caller.accountId()).stream().map(CategoryWire::of).toList());
    }

    @PostMapping("/kb/category/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Create a knowledge-base category",
            params = {@Param(name = "name", required = true, description = "At most 250 characters"),
                    @Param(name = "slug", description = "Its URL name: lower-case letters, digits and single hyphens, at most 120; "
                            + "409 when taken. Generated from the name when omitted (a number is added when taken)"),
                    @Param(name = "description", description = "At most 1000 characters, shown on the public site"),
                    @Param(name = "position", type = "integer", description = "0 to 1000000; categories are shown by position, then name. "
                            + "Last when omitted")})
    Map<String, Object> createCategory(Caller caller, ApiParams params) {
        var category = knowledge.createCategory(caller.accountId(), new CategoryDraft(params.requiredText("name", 250),
                params.raw("slug"), params.text("description", KnowledgeBase.MAX_DESCRIPTION_LENGTH), params.integer("position").orElse(null)));
        return Envelope.created(messages.get("kb.category.created"), CategoryWire.of(category), Map.of("id", category.id()));
    }

    @PostMapping("/kb/category/update")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Change a knowledge-base category; omitted parameters keep their value",
            params = {@Param(name = "category_id", required = true), @Param(name = "name"), @Param(name = "slug"),
                    @Param(name = "description", description = "An empty value removes it"),
                    @Param(name = "position", type = "integer")})
    Map<String, Object> updateCategory(Caller caller, ApiParams params) {
        String categoryId = params.required("category_id");
        var draft = new CategoryDraft(params.has("name") ? params.requiredText("name", 250) : null,
                params.has("slug") ? params.required("slug") : null,
                params.has("description") ? emptyIfAbsent(params.text("description", KnowledgeBase.MAX_DESCRIPTION_LENGTH)) : null,
                params.integer("position").orElse(null));
        var category = knowledge.updateCategory(caller.accountId(), categoryId, draft);
        return Envelope.ok(messages.get("kb.category.updated"), CategoryWire.of(category));
    }

    @PostMapping("/kb/category/delete")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Delete a knowledge-base category; refused (409) while it holds articles",
            params = @Param(name = "category_id", required = true))
    Map<String, Object> deleteCategory(Caller caller, ApiParams params) {
        knowledge.deleteCategory(caller.accountId(), params.required("category_id"));
        return Envelope.ok(messages.get("kb.category.deleted"), true);
    }

    @GetMapping("/kb/article/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true, summary = "List knowledge-base articles, newest first",
            params = {@Param(name = "page", type = "integer", description = "Page number, 50 items per page"),
                    @Param(name = "category_id", description = "Only this category's articles"),
                    @Param(name = "search", description = "Words that must each start a word of the title or body, ignoring case and accents"),
                    @Param(name = "published", type = "boolean", description = "1: only published articles; 0: only drafts"),
                    @Param(name = "internal", type = "boolean", description = "1: only internal articles (for operators); 0: only the others")})
    Map<String, Object> listArticles(Caller caller, ApiParams params) {
        int page = params.page();
        var filter = new ArticleFilter(params.raw("category_id") == null ? null : params.required("category_id"),
                params.text("search", 250), params.flag("published").orElse(null), params.flag("internal").orElse(null));
        var found = knowledge.listArticles(caller.accountId(), filter, PageRequest.of(page));
        var names = categoryNames(caller);
        return Envelope.page(messages.get("ok"), found, article -> wire(article, names, caller));
    }

    @GetMapping("/kb/article/detail")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true, summary = "An article, published or not, by id or by slug",
            params = {@Param(name = "article_id", description = "Required unless slug is given"), @Param(name = "slug")})
    Map<String, Object> detail(Caller caller, ApiParams params) {
        KbArticle article;
        if (params.raw("article_id") != null) {
            article = knowledge.getArticle(caller.accountId(), params.required("article_id"));
        } else if (params.raw("slug") != null) {
            article = knowledge.getArticleBySlug(caller.accountId(), params.required("slug"));
        } else {
            throw new InvalidInputException("article_id", "parameter.required");
        }
        return Envelope.ok(messages.get("ok"), wire(article, categoryNames(caller), caller));
    }

    @PostMapping("/kb/article/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Write a knowledge-base article; a draft unless published=1",
            params = {@Param(name = "category_id", required = true),
                    @Param(name = "title", required = true, description = "At most 250 characters"),
                    @Param(name = "body", required = true, description = "HTML, at most 100000 characters; sanitized against the "
                            + "formatting allow-list (no scripts, styles, event handlers or javascript: links)"),
                    @Param(name = "summary", description = "Plain text, at most 250 characters; when omitted, the start of the body's "
                            + "text cut at a word boundary (and it then follows the body)"),
                    @Param(name = "slug", description = "Its URL name: lower-case letters, digits and single hyphens, at most 120, unique in "
                            + "the account (409 when taken); generated from the title when omitted (a number is added when taken)"),
                    @Param(name = "published", type = "boolean", description = "1 publishes it at once; 0 (default) keeps it a draft"),
                    @Param(name = "internal", type = "boolean", description = "1: for operators only, never on the public help center; "
                            + "0 (default): public once published")})
    Map<String, Object> createArticle(Caller caller, ApiParams params) {
        var draft = new ArticleDraft(params.required("category_id"), params.requiredText("title", KnowledgeBase.MAX_TITLE_LENGTH),
                params.raw("slug"), params.raw("summary"), params.requiredText("body", KnowledgeBase.MAX_BODY_LENGTH),
                params.flag("published").orElse(null), params.flag("internal").orElse(null));
        var article = knowledge.createArticle(caller.accountId(), draft);
        return Envelope.created(messages.get("kb.article.created"), wire(article, categoryNames(caller), caller),
                Map.of("id", article.id()));
    }

    @PostMapping("/kb/article/update")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Change an article; omitted parameters keep their value (the slug stays when the title changes)",
            params = {@Param(name = "article_id", required = true), @Param(name = "category_id"), @Param(name = "title"),
                    @Param(name = "body"), @Param(name = "summary", description = "An empty value derives it from the body again"),
                    @Param(name = "slug"), @Param(name = "published", type = "boolean"), @Param(name = "internal", type = "boolean")})
    Map<String, Object> updateArticle(Caller caller, ApiParams params) {
        String articleId = params.required("article_id");
        var draft = new ArticleDraft(params.has("category_id") ? params.required("category_id") : null,
                params.has("title") ? params.requiredText("title", KnowledgeBase.MAX_TITLE_LENGTH) : null,
                params.has("slug") ? params.required("slug") : null,
                params.has("summary") ? emptyIfAbsent(params.raw("summary")) : null,
                params.has("body") ? params.requiredText("body", KnowledgeBase.MAX_BODY_LENGTH) : null,
                params.flag("published").orElse(null), params.flag("internal").orElse(null));
        var article = knowledge.updateArticle(caller.accountId(), articleId, draft);
        return Envelope.ok(messages.get("kb.article.updated"), wire(article, categoryNames(caller), caller));
    }

    @PostMapping("/kb/article/publish")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Publish an article on the public help center (an already published one stays so)",
            params = @Param(name = "article_id", required = true))
    Map<String, Object> publish(Caller caller, ApiParams params) {
        var article = knowledge.publish(caller.accountId(), params.required("article_id"));
        return Envelope.ok(messages.get("kb.article.published"), wire(article, categoryNames(caller), caller));
    }

    @PostMapping("/kb/article/unpublish")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Take an article off the public help center; it stays readable through the API",
            params = @Param(name = "article_id", required = true))
    Map<String, Object> unpublish(Caller caller, ApiParams params) {
        var article = knowledge.unpublish(caller.accountId(), params.required("article_id"));
        return Envelope.ok(messages.get("kb.article.unpublished"), wire(article, categoryNames(caller), caller));
    }

    @PostMapping("/kb/article/delete")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Delete an article",
            params = @Param(name = "article_id", required = true))
    Map<String, Object> deleteArticle(Caller caller, ApiParams params) {
        knowledge.deleteArticle(caller.accountId(), params.required("article_id"));
        return Envelope.ok(messages.get("kb.article.deleted"), true);
    }

    private Map<String, String> categoryNames(Caller caller) {
        return knowledge.listCategories(caller.accountId()).stream().collect(Collectors.toMap(KbCategory::id, KbCategory::name));
    }

    private static ArticleWire wire(KbArticle article, Map<String, String> categoryNames, Caller caller) {
        return new ArticleWire(article.id(), article.title(), article.slug(),
                new Wire.Ref(article.categoryId(), categoryNames.get(article.categoryId())), article.summary(), article.body(),
                article.published(), article.internal(), ApiDates.format(article.createdAt(), caller.timeZone()),
                ApiDates.format(article.updatedAt(), caller.timeZone()), article.views());
    }

    private static String emptyIfAbsent(String value) {
        return value == null ? "" : value;
    }
}
