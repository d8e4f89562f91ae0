package io.atende.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class KnowledgeRepository {

    /** How many shared terms being in the same category is worth when ranking related articles. */
    static final int SAME_CATEGORY_WEIGHT = 5;
    private static final String CATEGORY_COLUMNS = "id, name, slug, description, position, created_at, updated_at";
    private static final String ARTICLE_COLUMNS = "a.id, a.category_id, a.title, a.slug, a.summary, a.summary_given, a.body, "
            + "a.published, a.internal, a.views, a.created_at, a.updated_at";

    private final JdbcClient jdbc;

    KnowledgeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertCategory(String accountId, KbCategory category) {
        jdbc.sql("""
                insert into kb_category (account_id, id, name, slug, description, position, created_at, updated_at)
                values (:account, :id, :name, :slug, :description, :position, :created, :updated)""")
                .param("account", accountId).param("id", category.id()).param("name", category.name()).param("slug", category.slug())
                .param("description", category.description()).param("position", category.position())
                .param("created", utc(category.createdAt())).param("updated", utc(category.updatedAt()))
                .update();
    }

    void updateCategory(String accountId, KbCategory category) {
        jdbc.sql("""
                update kb_category set name = :name, slug = :slug, description = :description, position = :position,
                       updated_at = :updated where account_id = :account and id = :id""")
                .param("account", accountId).param("id", category.id()).param("name", category.name()).param("slug", category.slug())
                .param("description", category.description()).param("position", category.position())
                .param("updated", utc(category.updatedAt()))
                .update();
    }

    void deleteCategory(String accountId, String id) {
        jdbc.sql("delete from kb_category where account_id = :account and id = :id").param("account", accountId).param("id", id).update();
    }

    Optional<KbCategory> findCategory(String accountId, String id) {
        return jdbc.sql("select " + CATEGORY_COLUMNS + " from kb_category where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(KnowledgeRepository::category).optional();
    }

    Optional<KbCategory> findCategoryBySlug(String accountId, String slug) {
        return jdbc.sql("select " + CATEGORY_COLUMNS + " from kb_category where account_id = :account and slug = :slug")
                .param("account", accountId).param("slug", slug).query(KnowledgeRepository::category).optional();
    }

    List<KbCategory> listCategories(String accountId) {
        return jdbc.sql("select " + CATEGORY_COLUMNS + " from kb_category where account_id = :account order by position, name, id")
                .param("account", accountId).query(KnowledgeRepository::category).list();
    }

    boolean categorySlugTaken(String accountId, String slug, String exceptId) {
        return jdbc.sql("select count(*) from kb_category where account_id = :account and slug = :slug and id <> :except")
                .param("account", accountId).param("slug", slug).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    int nextCategoryPosition(String accountId) {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from kb_category where account_id = :account")
                .param("account", accountId).query(Integer.class).single();
    }

    boolean categoryHasArticles(String accountId, String categoryId) {
        return jdbc.sql("select count(*) from kb_article where account_id = :account and category_id = :category")
                .param("account", accountId).param("category", categoryId).query(Long.class).single() > 0;
    }

    /** The number of published articles of each category, by category id. */
    Map<String, Long> publishedCountsByCategory(String accountId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select category_id, count(*) from kb_article where account_id = :account and published = true and internal = false
                 group by category_id""")
                .param("account", accountId)
                .query((ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    void insertArticle(String accountId, KbArticle article, boolean summaryGiven) {
        jdbc.sql("""
                insert into kb_article (account_id, id, category_id, title, slug, summary, summary_given, body, published, internal,
                                        views, created_at, updated_at)
                values (:account, :id, :category, :title, :slug, :summary, :summaryGiven, :body, :published, :internal, 0, :created,
                        :updated)""")
                .param("account", accountId).param("id", article.id()).param("category", article.categoryId())
                .param("title", article.title()).param("slug", article.slug()).param("summary", article.summary())
                .param("summaryGiven", summaryGiven).param("body", article.body()).param("published", article.published())
                .param("internal", article.internal()).param("created", utc(article.createdAt())).param("updated", utc(article.updatedAt()))
                .update();
    }

    void updateArticle(String accountId, KbArticle article, boolean summaryGiven) {
        jdbc.sql("""
                update kb_article set category_id = :category, title = :title, slug = :slug, summary = :summary,
                       summary_given = :summaryGiven, body = :body, published = :published, internal = :internal,
                       updated_at = :updated
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", article.id()).param("category", article.categoryId())
                .param("title", article.title()).param("slug", article.slug()).param("summary", article.summary())
                .param("summaryGiven", summaryGiven).param("body", article.body()).param("published", article.published())
                .param("internal", article.internal()).param("updated", utc(article.updatedAt()))
                .update();
    }

    void deleteArticle(String accountId, String id) {
        jdbc.sql("delete from kb_article_vote where account_id = :account and article_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from kb_article_view where account_id = :account and article_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from kb_article_term where account_id = :account and article_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from kb_article where account_id = :account and id = :id").param("account", accountId).param("id", id).update();
    }

    void replaceTerms(String accountId, String articleId, Collection<String> words) {
        jdbc.sql("delete from kb_article_term where account_id = :account and article_id = :id")
                .param("account", accountId).param("id", articleId).update();
        for (String word : words) {
            jdbc.sql("insert into kb_article_term (account_id, term, article_id) values (:account, :term, :id)")
                    .param("account", accountId).param("term", SearchWords.bytes(word)).param("id", articleId).update();
        }
    }

    Optional<StoredArticle> findArticle(String accountId, String id) {
        return jdbc.sql("select " + ARTICLE_COLUMNS + " from kb_article a where a.account_id = :account and a.id = :id")
                .param("account", accountId).param("id", id).query(KnowledgeRepository::storedArticle).optional();
    }

    Optional<StoredArticle> findArticleBySlug(String accountId, String slug) {
        return jdbc.sql("select " + ARTICLE_COLUMNS + " from kb_article a where a.account_id = :account and a.slug = :slug")
                .param("account", accountId).param("slug", slug).query(KnowledgeRepository::storedArticle).optional();
    }

    boolean articleSlugTaken(String accountId, String slug, String exceptId) {
        return jdbc.sql("select count(*) from kb_article where account_id = :account and slug = :slug and id <> :except")
                .param("account", accountId).param("slug", slug).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    /**
     * Articles newest first (ties by id). Each search word must start some word of the article or equal
     * one of its stems: index range scans of {@code kb_article_term}, one per word and stem.
     */
    Page<KbArticle> listArticles(String accountId, String categoryId, Boolean published, Boolean internal,
                                 List<SearchWords.SearchWord> searchWords, PageRequest page) {
        StringBuilder where = new StringBuilder(" from kb_article a where a.account_id = :account");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        if (categoryId != null) {
            where.append(" and a.category_id = :category");
            params.put("category", categoryId);
        }
        if (published != null) {
            where.append(" and a.published = :published");
            params.put("published", published);
        }
        if (internal != null) {
            where.append(" and a.internal = :internal");
            params.put("internal", internal);
        }
        for (int i = 0; i < searchWords.size(); i++) {
            where.append(" and a.id in (").append(termMatch(searchWords.get(i), i, params)).append(")");
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<KbArticle> items = total == 0 ? List.of() : jdbc.sql("select " + ARTICLE_COLUMNS + where
                        + " order by a.created_at desc, a.id desc limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query(KnowledgeRepository::storedArticle).list().stream().map(StoredArticle::article).toList();
        return new Page<>(new ArrayList<>(items), total, page);
    }

    /** The ids of the account's articles with a term the word starts or one of its stems; binds its parameters. */
    private static String termMatch(SearchWords.SearchWord word, int i, Map<String, Object> params) {
        byte[] from = SearchWords.bytes(word.prefix());
        params.put("from" + i, from);
        params.put("to" + i, SearchWords.after(from));
        StringBuilder sql = new StringBuilder("select t.article_id from kb_article_term t where t.account_id = :account and (t.term >= :from")
                .append(i).append(" and t.term < :to").append(i);
        if (!word.stems().isEmpty()) {
            sql.append(" or t.term in (:stems").append(i).append(")");
            params.put("stems" + i, word.stems().stream().map(SearchWords::bytes).toList());
        }
        return sql.append(")").toString();
    }

    /** Records the visitor's vote, replacing their earlier one. */
    void vote(String accountId, String articleId, String visitor, boolean helpful, Instant now) {
        int changed = jdbc.sql("""
                update kb_article_vote set helpful = :helpful, voted_at = :now
                 where account_id = :account and article_id = :article and visitor = :visitor""")
                .param("account", accountId).param("article", articleId).param("visitor", visitor).param("helpful", helpful)
                .param("now", utc(now)).update();
        if (changed == 0) {
            int inserted = jdbc.sql("""
                    insert into kb_article_vote (account_id, article_id, visitor, helpful, voted_at)
                    values (:account, :article, :visitor, :helpful, :now) on conflict do nothing""")
                    .param("account", accountId).param("article", articleId).param("visitor", visitor).param("helpful", helpful)
                    .param("now", utc(now)).update();
            if (inserted == 0) {
                // The same visitor's other vote was inserted meanwhile: this one, later, replaces it.
                vote(accountId, articleId, visitor, helpful, now);
            }
        }
    }

    Map<String, ArticleVotes> votes(String accountId, Collection<String> articleIds) {
        Map<String, ArticleVotes> votes = new LinkedHashMap<>();
        jdbc.sql("""
                select article_id, sum(case when helpful then 1 else 0 end), sum(case when helpful then 0 else 1 end)
                  from kb_article_vote where account_id = :account and article_id in (:articles) group by article_id""")
                .param("account", accountId).param("articles", articleIds)
                .query((ResultSet rs) -> {
                    votes.put(rs.getString(1), new ArticleVotes(rs.getLong(2), rs.getLong(3)));
                });
        return votes;
    }

    /**
     * Public articles sharing terms with the article or in its category: shared terms counted, a shared
     * category worth as much as {@value #SAME_CATEGORY_WEIGHT} shared terms, then newest first.
     */
    List<KbArticle> related(String accountId, String articleId, String categoryId, int limit) {
        return jdbc.sql("select " + ARTICLE_COLUMNS + """
                , coalesce(s.shared, 0) + case when a.category_id = :category then %d else 0 end as score
                  from kb_article a
                  left join (select other.article_id, count(*) as shared
                               from kb_article_term mine
                               join kb_article_term other on other.account_id = mine.account_id and other.term = mine.term
                              where mine.account_id = :account and mine.article_id = :article and other.article_id <> :article
                              group by other.article_id) s on s.article_id = a.id
                 where a.account_id = :account and a.id <> :article and a.published = true and a.internal = false
                   and (a.category_id = :category or s.shared is not null)
                 order by score desc, a.created_at desc, a.id desc
                 limit :limit""".formatted(SAME_CATEGORY_WEIGHT))
                .param("account", accountId).param("article", articleId).param("category", categoryId).param("limit", limit)
                .query(KnowledgeRepository::storedArticle).list().stream().map(StoredArticle::article).toList();
    }

    /** Published articles matching the most of the words (internal ones too when asked), most matches first. */
    List<KbArticle> suggest(String accountId, List<SearchWords.SearchWord> words, boolean includeInternal, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        StringBuilder score = new StringBuilder();
        StringBuilder any = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String match = "a.id in (" + termMatch(words.get(i), i, params) + ")";
            score.append(i == 0 ? "" : " + ").append("case when ").append(match).append(" then 1 else 0 end");
            any.append(i == 0 ? "" : " or ").append(match);
        }
        return jdbc.sql("select " + ARTICLE_COLUMNS + ", " + score + " as score from kb_article a"
                        + " where a.account_id = :account and a.published = true"
                        + (includeInternal ? "" : " and a.internal = false")
                        + " and (" + any + ") order by score desc, a.created_at desc, a.id desc limit :limit")
                .params(params).param("limit", limit)
                .query(KnowledgeRepository::storedArticle).list().stream().map(StoredArticle::article).toList();
    }

    /** Forgets every view of the account older than {@code cutoff}: they no longer hold back a count. */
    void forgetViewsBefore(String accountId, Instant cutoff) {
        jdbc.sql("delete from kb_article_view where account_id = :account and viewed_at < :cutoff")
                .param("account", accountId).param("cutoff", utc(cutoff)).update();
    }

    /** Records the visitor's view; false when they already viewed the article since the last clean-up. */
    boolean recordView(String accountId, String articleId, String visitor, Instant now) {
        return jdbc.sql("""
                insert into kb_article_view (account_id, article_id, visitor, viewed_at)
                values (:account, :article, :visitor, :now) on conflict do nothing""")
                .param("account", accountId).param("article", articleId).param("visitor", visitor).param("now", utc(now))
                .update() == 1;
    }

    void countView(String accountId, String articleId) {
        jdbc.sql("update kb_article set views = views + 1 where account_id = :account and id = :id")
                .param("account", accountId).param("id", articleId).update();
    }

    /** An article with whether its summary was given by the writer (else it follows the body). */
    record StoredArticle(KbArticle article, boolean summaryGiven) {
    }

    private static KbCategory category(ResultSet rs, int rowNum) throws SQLException {
        return new KbCategory(rs.getString("id"), rs.getString("name"), rs.getString("slug"), rs.getString("description"),
                rs.getInt("position"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static StoredArticle storedArticle(ResultSet rs, int rowNum) throws SQLException {
        var article = new KbArticle(rs.getString("id"), rs.getString("category_id"), rs.getString("title"), rs.getString("slug"),
                rs.getString("summary"), rs.getString("body"), rs.getBoolean("published"), rs.getBoolean("internal"), rs.getLong("views"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
        return new StoredArticle(article, rs.getBoolean("summary_given"));
    }
}
