package io.atende.console.kb;

import io.atende.knowledge.ArticleDraft;
import io.atende.knowledge.ArticleFilter;
import io.atende.knowledge.CategoryDraft;
import io.atende.knowledge.KnowledgeBase;
import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge-base editor, as an operator uses it (no admin role needed). */
@ApiTest
class KbEditorTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    KnowledgeBase knowledge;

    Tenant tenant;
    BrowserSession operator;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
    }

    @Test
    void createsRenamesAndDeletesCategoriesAndRefusesToDeleteOneWithArticles() {
        operator.get("/console/kb/categories");
        assertThat(operator.post("/console/kb/categories", "name", "Primeiros passos").redirectPath()).isEqualTo("/console/kb/categories");
        var category = knowledge.listCategories(tenant.accountId()).get(0);
        assertThat(operator.get("/console/kb/categories").text("#category-" + category.id() + " td a")).isEqualTo("Primeiros passos");

        assertThat(operator.post("/console/kb/categories/" + category.id(), "name", "Comece aqui").status()).isEqualTo(302);
        assertThat(knowledge.getCategory(tenant.accountId(), category.id()).name()).isEqualTo("Comece aqui");

        var blank = operator.post("/console/kb/categories", "name", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.document().selectFirst("#new-category").attr("aria-invalid")).isEqualTo("true");
        assertThat(blank.text("#create-category + p.error[role=alert]")).isNotBlank();

        knowledge.createArticle(tenant.accountId(), new ArticleDraft(category.id(), "Senha", null, null, "<p>Troque</p>", false));
        var refused = operator.post("/console/kb/categories/" + category.id() + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#category-" + category.id() + " p.error[role=alert]")).isEqualTo("Esta categoria não pode ser removida porque contém artigos.");

        String empty = knowledge.createCategory(tenant.accountId(), new CategoryDraft("Vazia", null, null, null)).id();
        assertThat(operator.post("/console/kb/categories/" + empty + "/delete").status()).isEqualTo(302);
        assertThat(knowledge.listCategories(tenant.accountId())).hasSize(1);
    }

    @Test
    void writesAnArticleWhoseHtmlIsSanitizedAndPublishesIt() {
        String category = knowledge.createCategory(tenant.accountId(), new CategoryDraft("Conta", null, null, null)).id();
        var form = operator.get("/console/kb/articles/new");
        assertThat(form.status()).isEqualTo(200);
        // Without JavaScript the body is a plain, labelled textarea.
        assertThat(form.document().select("label[for=body]")).hasSize(1);
        assertThat(form.document().select("textarea#body[name=body]")).hasSize(1);

        var saved = operator.post("/console/kb/articles", "category_id", category, "title", "Trocar a senha",
                "body", "<h2>Passos</h2><p onclick=\"steal()\">Abra o <strong>perfil</strong></p><script>alert(1)</script>");
        assertThat(saved.status()).isEqualTo(302);
        String id = saved.redirectPath().substring("/console/kb/articles/".length());
        var article = knowledge.getArticle(tenant.accountId(), id);
        assertThat(article.body()).isEqualTo("<h2>Passos</h2><p>Abra o <strong>perfil</strong></p>");
        assertThat(article.published()).isFalse();

        var page = operator.get("/console/kb/articles/" + id);
        assertThat(page.text("[role=status]")).isEqualTo("Artigo salvo.");
        assertThat(page.text("#article-state")).isEqualTo("Rascunho");
        var slug = article.slug();
        String categorySlug = knowledge.getCategory(tenant.accountId(), category).slug();
        var visitor = new BrowserSession(tenants.port());
        assertThat(visitor.get("/accounts/" + tenant.accountId() + "/kb/" + categorySlug + "/" + slug).status()).isEqualTo(404);

        assertThat(operator.post("/console/kb/articles/" + id + "/publish").redirectPath()).isEqualTo("/console/kb/articles/" + id);
        var published = visitor.get("/accounts/" + tenant.accountId() + "/kb/" + categorySlug + "/" + slug);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.text(".article-body strong")).isEqualTo("perfil");
        assertThat(operator.get("/console/kb/articles/" + id).document().selectFirst("#public-link").attr("href"))
                .isEqualTo("/accounts/" + tenant.accountId() + "/kb/" + categorySlug + "/" + slug);

        operator.post("/console/kb/articles/" + id + "/unpublish");
        assertThat(knowledge.getArticle(tenant.accountId(), id).published()).isFalse();
        assertThat(visitor.get("/accounts/" + tenant.accountId() + "/kb/" + categorySlug + "/" + slug).status()).isEqualTo(404);
    }

    @Test
    void editsAnArticleAndShowsRefusalsInPlaceWithWhatWasTyped() {
        String category = knowledge.createCategory(tenant.accountId(), new CategoryDraft("Conta", null, null, null)).id();
        operator.get("/console/kb/articles/new");
        var noTitle = operator.post("/console/kb/articles", "category_id", category, "title", "", "body", "<p>Texto</p>");
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.document().selectFirst("#title").attr("aria-invalid")).isEqualTo("true");
        assertThat(noTitle.document().selectFirst("#body").text()).isEqualTo("<p>Texto</p>");
        assertThat(knowledge.listArticles(tenant.accountId(), new ArticleFilter(null, null, null), PageRequest.of(1)).total()).isZero();

        var article = knowledge.createArticle(tenant.accountId(), new ArticleDraft(category, "Senha", null, null, "<p>Antes</p>", false));
        operator.get("/console/kb/articles/" + article.id());
        assertThat(operator.post("/console/kb/articles/" + article.id(), "category_id", category, "title", "Senha nova",
                "summary", "", "body", "<p>Depois</p>", "published", "true").status()).isEqualTo(302);
        var changed = knowledge.getArticle(tenant.accountId(), article.id());
        assertThat(changed.title()).isEqualTo("Senha nova");
        assertThat(changed.body()).isEqualTo("<p>Depois</p>");
        assertThat(changed.published()).isTrue();

        var emptyBody = operator.post("/console/kb/articles/" + article.id(), "category_id", category, "title", "Senha nova", "body", " ");
        assertThat(emptyBody.status()).isEqualTo(400);
        assertThat(emptyBody.document().selectFirst("#body").attr("aria-invalid")).isEqualTo("true");
        assertThat(emptyBody.text("p.error[role=alert]")).contains("body");
        assertThat(knowledge.getArticle(tenant.accountId(), article.id()).body()).isEqualTo("<p>Depois</p>");

        assertThat(operator.post("/console/kb/articles/" + article.id() + "/delete").redirectPath()).isEqualTo("/console/kb");
        assertThat(knowledge.listArticles(tenant.accountId(), new ArticleFilter(null, null, null), PageRequest.of(1)).total()).isZero();
    }

    @Test
    void aGeneratedSummarySentBackAsItWasFollowsTheNewBodyWhileATypedOneStays() {
        String category = knowledge.createCategory(tenant.accountId(), new CategoryDraft("Conta", null, null, null)).id();
        var generated = knowledge.createArticle(tenant.accountId(), new ArticleDraft(category, "Senha", null, null, "<p>Antes</p>", false));
        var page = operator.get("/console/kb/articles/" + generated.id());
        assertThat(page.document().selectFirst("#summary").attr("value")).isEqualTo("Antes");
        assertThat(page.document().selectFirst("#summary").attr("data-generated")).isEqualTo("true");

        // Without JavaScript the form sends the generated summary back as it showed it.
        assertThat(operator.post("/console/kb/articles/" + generated.id(), "category_id", category, "title", "Senha",
                "summary", "Antes", "body", "<p>Depois</p>").status()).isEqualTo(302);
        assertThat(knowledge.getArticle(tenant.accountId(), generated.id()).summary()).isEqualTo("Depois");
        // So does an API client that echoes what it read.
        assertThat(tenant.writer().post("/kb/article/update", "article_id", generated.id(), "summary", "Depois",
                "body", "<p>Terceira</p>").status()).isEqualTo(200);
        assertThat(knowledge.getArticle(tenant.accountId(), generated.id()).summary()).isEqualTo("Terceira");

        var typed = knowledge.createArticle(tenant.accountId(), new ArticleDraft(category, "E-mail", null, "Resumo meu", "<p>Antes</p>", false));
        assertThat(operator.get("/console/kb/articles/" + typed.id()).document().selectFirst("#summary").attr("data-generated")).isEqualTo("false");
        operator.post("/console/kb/articles/" + typed.id(), "category_id", category, "title", "E-mail", "summary", "Resumo meu",
                "body", "<p>Depois</p>");
        assertThat(knowledge.getArticle(tenant.accountId(), typed.id()).summary()).isEqualTo("Resumo meu");

        // A summary typed over the generated one becomes the author's.
        operator.post("/console/kb/articles/" + generated.id(), "category_id", category, "title", "Senha", "summary", "Escrito",
                "body", "<p>Quarta</p>");
        tenant.writer().post("/kb/article/update", "article_id", generated.id(), "body", "<p>Quinta</p>");
        assertThat(knowledge.getArticle(tenant.accountId(), generated.id()).summary()).isEqualTo("Escrito");
    }

    @Test
    void listsArticlesByCategoryStateAndSearch() {
        String account = tenant.accountId();
        String first = knowledge.createCategory(account, new CategoryDraft("Conta", null, null, null)).id();
        String second = knowledge.createCategory(account, new CategoryDraft("Pagamentos", null, null, null)).id();
        knowledge.createArticle(account, new ArticleDraft(first, "Trocar a senha", null, null, "<p>Perfil</p>", true));
        knowledge.createArticle(account, new ArticleDraft(first, "Apagar a conta", null, null, "<p>Rascunho</p>", false));
        knowledge.createArticle(account, new ArticleDraft(second, "Boleto vencido", null, null, "<p>Pagar</p>", true));

        assertThat(operator.get("/console/kb").document().select("#articles tbody tr")).hasSize(3);
        assertThat(operator.get("/console/kb?category_id=" + first).document().select("#articles tbody tr")).hasSize(2);
        var drafts = operator.get("/console/kb?state=draft");
        assertThat(drafts.document().select("#articles tbody tr")).hasSize(1);
        assertThat(drafts.text("#articles tbody td a")).isEqualTo("Apagar a conta");
        assertThat(operator.get("/console/kb?q=boleto").text("#articles tbody td a")).isEqualTo("Boleto vencido");
        assertThat(operator.get("/console/kb?q=boleto").text("p[role=status]")).isEqualTo("Artigos encontrados: 1");
    }

    @Test
    void previewsUnsavedTextAsTheHelpCenterShowsItSanitized() {
        String category = knowledge.createCategory(tenant.accountId(), new CategoryDraft("Conta", null, null, null)).id();
        operator.get("/console/kb/articles/new");
        var preview = operator.post("/console/kb/preview", "category_id", category, "title", "Rascunho",
                "body", "<p>Olá <em>mundo</em><img src=x onerror=alert(1)></p><script>alert(2)</script>");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text("article h1")).isEqualTo("Rascunho");
        assertThat(preview.text(".article-body em")).isEqualTo("mundo");
        assertThat(preview.document().select(".article-body script, [onerror]")).isEmpty();
        assertThat(preview.text("nav.breadcrumb")).contains("Conta");
        assertThat(preview.document().select("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(knowledge.listArticles(tenant.accountId(), new ArticleFilter(null, null, null), PageRequest.of(1)).total()).isZero();
    }

    @Test
    void answersAnotherAccountsArticlesAndCategoriesWithNotFound() {
        var other = tenants.create();
        String theirCategory = knowledge.createCategory(other.accountId(), new CategoryDraft("Deles", null, null, null)).id();
        String theirs = knowledge.createArticle(other.accountId(), new ArticleDraft(theirCategory, "Deles", null, null, "<p>x</p>", false)).id();
        assertThat(operator.get("/console/kb/articles/" + theirs).status()).isEqualTo(404);
        operator.get("/console/kb");
        assertThat(operator.post("/console/kb/articles/" + theirs, "title", "Nosso", "body", "<p>y</p>").status()).isEqualTo(404);
        assertThat(operator.post("/console/kb/articles/" + theirs + "/publish").status()).isEqualTo(404);
        assertThat(operator.post("/console/kb/articles/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(operator.post("/console/kb/categories/" + theirCategory, "name", "Nossa").status()).isEqualTo(404);
        assertThat(operator.post("/console/kb/categories/" + theirCategory + "/delete").status()).isEqualTo(404);
        assertThat(operator.get("/console/kb?category_id=" + theirCategory).status()).isEqualTo(404);
        String mine = knowledge.createCategory(tenant.accountId(), new CategoryDraft("Minha", null, null, null)).id();
        assertThat(operator.post("/console/kb/articles", "category_id", theirCategory, "title", "X", "body", "<p>x</p>").status())
                .isEqualTo(404);
        assertThat(mine).isNotNull();
        assertThat(knowledge.getArticle(other.accountId(), theirs).published()).isFalse();
    }

    @Test
    void servesTheEditorScriptAndQuillFromTheWebjar() {
        var page = operator.get("/console/kb/articles/new");
        for (var script : page.document().select("main script[src]")) {
            assertThat(operator.get(script.attr("src")).status()).as(script.attr("src")).isEqualTo(200);
        }
        assertThat(page.document().select("main script[src*=quill]")).hasSize(1);
        assertThat(operator.get(page.document().selectFirst("main link[rel=stylesheet]").attr("href")).status()).isEqualTo(200);
    }
}
