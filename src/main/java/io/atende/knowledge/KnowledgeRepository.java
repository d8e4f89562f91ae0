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

    private static final String CATEGORY_COLUMNS = "id, name, slug, description, position, created_at, updated_at";
    private static final String ARTICLE_COLUMNS = "a.id, a.category_id, a.title, a.slug, a.summary, a.summary_given, a.body, "
            + "a.published, a.views, a.created_at, a.updated_at";

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
                select category_id, count(*) from kb_article where account_id = :account and published = true
                 group by category_id""")
                .param("account", accountId)
                .query((ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    void insertArticle(String accountId, KbArticle article, boolean summaryGiven) {
        jdbc.sql("""
                insert into kb_article (account_id, id, category_id, title, slug, summary, summary_given, body, published, views,
                                        created_at, updated_at)
                values (:account, :id, :category, :title, :slug, :summary, :summaryGiven, :body, :published, 0, :created, :updated)""")
                .param("account", accountId).param("id", article.id()).param("category", article.categoryId())
                .param("title", article.title()).param("slug", article.slug()).param("summary", article.summary())
                .param("summaryGiven", summaryGiven).param("body", article.body()).param("published", article.published())
                .param("created", utc(article.createdAt())).param("updated", utc(article.updatedAt()))
                .update();
    }

    void updateArticle(String accountId, KbArticle article, boolean summaryGiven) {
        jdbc.sql("""
                update kb_article set category_id = :category, title = :title, slug = :slug, summary = :summary,
                       summary_given = :summaryGiven, body = :body, published = :published, updated_at = :updated
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", article.id()).param("category", article.categoryId())
                .param("title", article.title()).param("slug", article.slug()).param("summary", article.summary())
                .param("summaryGiven", summaryGiven).param("body", article.body()).param("published", article.published())
                .param("updated", utc(article.updatedAt()))
                .update();
    }

    void deleteArticle(String accountId, String id) {
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
     * Articles newest first (ties by id). Each search word must start some word of the article: one
     * index range scan of {@code kb_article_term} per word.
     */
    Page<KbArticle> listArticles(String accountId, String categoryId, Boolean published, List<String> searchWords,
                                 PageRequest page) {
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
        for (int i = 0; i < searchWords.size(); i++) {
            where.append(" and exists (select 1 from kb_article_term t where t.account_id = a.account_id")
                    .append(" and t.term >= :from").append(i).append(" and t.term < :to").append(i)
                    .append(" and t.article_id = a.id)");
            byte[] from = SearchWords.bytes(searchWords.get(i));
            params.put("from" + i, from);
            params.put("to" + i, SearchWords.after(from));
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<KbArticle> items = total == 0 ? List.of() : jdbc.sql("select " + ARTICLE_COLUMNS + where
                        + " order by a.created_at desc, a.id desc limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query(KnowledgeRepository::storedArticle).list().stream().map(StoredArticle::article).toList();
        return new Page<>(new ArrayList<>(items), total, page);
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
                rs.getString("summary"), rs.getString("body"), rs.getBoolean("published"), rs.getLong("views"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
        return new StoredArticle(article, rs.getBoolean("summary_given"));
    }
}
