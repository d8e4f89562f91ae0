package io.atende.api.v2;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class KnowledgeApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    // Categories

    @Test
    void createsCategoriesWithGeneratedSlugsAndListsThemByPosition() {
        var first = tenant.writer().post("/kb/category/new", "name", "Pagamentos e Cobrança", "description", "Boletos");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.id()).matches("[0-9a-f]{32}");
        assertThat(first.data().get("slug").asString()).isEqualTo("pagamentos-e-cobranca");
        assertThat(first.data().get("position").asInt()).isEqualTo(1);
        assertThat(first.data().get("description").asString()).isEqualTo("Boletos");

        var second = tenant.writer().post("/kb/category/new", "name", "Pagamentos e cobrança!");
        assertThat(second.data().get("slug").asString()).isEqualTo("pagamentos-e-cobranca-2");
        assertThat(second.data().get("position").asInt()).isEqualTo(2);
        var top = tenant.writer().post("/kb/category/new", "name", "Primeiros passos", "slug", "start", "position", "0");
        assertThat(top.data().get("slug").asString()).isEqualTo("start");

        var listed = tenant.reader().get("/kb/category/list");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(3);
        assertThat(listed.data().valueStream().map(item -> item.get("id").asString()).toList())
                .containsExactly(top.id(), first.id(), second.id());
        assertThat(listed.data().get(0).get("description").isNull()).isTrue();
    }

    @Test
    void refusesBadCategoryInputAndChangesNothing() {
        tenant.writer().post("/kb/category/new", "name", "Billing", "slug", "billing");

        assertThat(tenant.writer().post("/kb/category/new").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/category/new", "name", "  ").message()).contains("name");
        assertThat(tenant.writer().post("/kb/category/new", "name", "x".repeat(251)).status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/category/new", "name", "X", "description", "d".repeat(1001)).status()).isEqualTo(400);
        var badSlug = tenant.writer().post("/kb/category/new", "name", "X", "slug", "Not A Slug");
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.message()).contains("slug");
        assertThat(tenant.writer().post("/kb/category/new", "name", "X", "position", "first").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/category/new", "name", "X", "position", "-1").status()).isEqualTo(400);
        var taken = tenant.writer().post("/kb/category/new", "name", "Other", "slug", "billing");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.message()).isEqualTo("The slug billing is already taken.");
        // /kb/search is the public search page.
        assertThat(tenant.writer().post("/kb/category/new", "name", "X", "slug", "search").status()).isEqualTo(409);
        assertThat(tenant.writer().post("/kb/category/new", "name", "Search").data().get("slug").asString()).isEqualTo("search-2");

        assertThat(tenant.reader().get("/kb/category/list").json().get("size").asInt()).isEqualTo(2);
    }

    @Test
    void updatesACategoryKeepingWhatIsOmitted() {
        String id = tenant.writer().post("/kb/category/new", "name", "Billing", "description", "Money").id();
        tenant.writer().post("/kb/category/new", "name", "Setup");

        var renamed = tenant.writer().post("/kb/category/update", "category_id", id, "name", "Payments", "position", "7");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.data().get("name").asString()).isEqualTo("Payments");
        assertThat(renamed.data().get("slug").asString()).isEqualTo("billing");
        assertThat(renamed.data().get("description").asString()).isEqualTo("Money");
        assertThat(renamed.data().get("position").asInt()).isEqualTo(7);

        assertThat(tenant.writer().post("/kb/category/update", "category_id", id, "slug", "setup").status()).isEqualTo(409);
        assertThat(tenant.writer().post("/kb/category/update", "category_id", id, "slug", "Bad Slug").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/category/update", "category_id", id, "name", "").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/category/update", "name", "x").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/category/update", "category_id", "0".repeat(32), "name", "x").status()).isEqualTo(404);

        var cleared = tenant.writer().post("/kb/category/update", "category_id", id, "description", "", "slug", "payments");
        assertThat(cleared.data().get("description").isNull()).isTrue();
        assertThat(cleared.data().get("slug").asString()).isEqualTo("payments");
        var listed = tenant.reader().get("/kb/category/list").data();
        assertThat(listed.get(1).get("name").asString()).isEqualTo("Payments");
    }

    @Test
    void deletesAnEmptyCategoryButNotOneWithArticles() {
        String empty = tenant.writer().post("/kb/category/new", "name", "Empty").id();
        String full = tenant.writer().post("/kb/category/new", "name", "Full").id();
        article(full, "Draft", "<p>x</p>");

        assertThat(tenant.writer().post("/kb/category/delete", "category_id", empty).status()).isEqualTo(200);
        var refused = tenant.writer().post("/kb/category/delete", "category_id", full);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).isEqualTo("This category cannot be removed because it holds articles.");
        assertThat(tenant.writer().post("/kb/category/delete", "category_id", empty).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/kb/category/delete").status()).isEqualTo(400);

        var listed = tenant.reader().get("/kb/category/list");
        assertThat(listed.json().get("size").asInt()).isEqualTo(1);
        assertThat(listed.data().get(0).get("id").asString()).isEqualTo(full);
    }

    // Articles

    @Test
    void writesAnArticleWithSanitizedBodyAndDerivedSummary() {
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        String words = "word ".repeat(80);

        var created = tenant.writer().post("/kb/article/new", "category_id", category, "title", "Pagar um boleto?",
                "body", "<p onclick=\"x()\">Hello <b>there</b> " + words + "</p><script>alert(1)</script>");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.id()).matches("[0-9a-f]{32}");
        JsonNode article = created.data();
        assertThat(article.get("id").asString()).isEqualTo(created.id());
        assertThat(article.get("title").asString()).isEqualTo("Pagar um boleto?");
        assertThat(article.get("slug").asString()).isEqualTo("pagar-um-boleto");
        assertThat(article.get("category").get("id").asString()).isEqualTo(category);
        assertThat(article.get("category").get("name").asString()).isEqualTo("Billing");
        assertThat(article.get("body").asString()).startsWith("<p>Hello <b>there</b> word").doesNotContain("script", "onclick");
        String summary = article.get("summary").asString();
        assertThat(summary).startsWith("Hello there word word").endsWith("word\u2026").hasSizeLessThanOrEqualTo(250);
        assertThat(article.get("published").asBoolean()).isFalse();
        assertThat(article.get("views").asLong()).isZero();
        assertThat(article.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00");
        assertThat(article.get("update_date").asString()).isEqualTo(article.get("creation_date").asString());

        var again = tenant.writer().post("/kb/article/new", "category_id", category, "title", "Pagar um boleto",
                "body", "<p>short</p>", "summary", "Given <i>summary</i>", "published", "1");
        assertThat(again.data().get("slug").asString()).isEqualTo("pagar-um-boleto-2");
        assertThat(again.data().get("summary").asString()).isEqualTo("Given summary");
        assertThat(again.data().get("published").asBoolean()).isTrue();

        var byId = tenant.reader().get("/kb/article/detail", "article_id", created.id());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.data().get("body").asString()).isEqualTo(article.get("body").asString());
        var bySlug = tenant.reader().get("/kb/article/detail", "slug", "pagar-um-boleto-2");
        assertThat(bySlug.data().get("id").asString()).isEqualTo(again.id());
    }

    @Test
    void refusesBadArticleInputAndChangesNothing() {
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        article(category, "Taken", "<p>x</p>");

        assertThat(tenant.writer().post("/kb/article/new", "title", "T", "body", "b").message()).contains("category_id");
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "body", "b").message()).contains("title");
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "title", "T").message()).contains("body");
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "title", "t".repeat(251), "body", "b").status())
                .isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "title", "T", "body", "b".repeat(100_001)).status())
                .isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "title", "T", "body", "b",
                "summary", "s".repeat(251)).status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "title", "T", "body", "b",
                "published", "maybe").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/new", "category_id", category, "title", "T", "body", "b",
                "slug", "-bad-").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/new", "category_id", "0".repeat(32), "title", "T", "body", "b").status())
                .isEqualTo(404);
        var taken = tenant.writer().post("/kb/article/new", "category_id", category, "title", "T", "body", "b", "slug", "taken");
        assertThat(taken.status()).isEqualTo(409);

        assertThat(tenant.reader().get("/kb/article/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void updatesAnArticleKeepingItsSlugAndFollowingTheBodyWithADerivedSummary() {
        String billing = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        String setup = tenant.writer().post("/kb/category/new", "name", "Setup").id();
        String id = article(billing, "Old title", "<p>Old body</p>");
        article(billing, "Other", "<p>x</p>");

        var changed = tenant.writer().post("/kb/article/update", "article_id", id, "title", "New title", "body", "<p>New body</p>",
                "category_id", setup);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.data().get("title").asString()).isEqualTo("New title");
        assertThat(changed.data().get("slug").asString()).isEqualTo("old-title");
        assertThat(changed.data().get("summary").asString()).isEqualTo("New body");
        assertThat(changed.data().get("category").get("name").asString()).isEqualTo("Setup");

        var given = tenant.writer().post("/kb/article/update", "article_id", id, "summary", "Mine");
        assertThat(given.data().get("summary").asString()).isEqualTo("Mine");
        var bodyOnly = tenant.writer().post("/kb/article/update", "article_id", id, "body", "<p>Newer body</p>");
        assertThat(bodyOnly.data().get("summary").asString()).isEqualTo("Mine");
        var derivedAgain = tenant.writer().post("/kb/article/update", "article_id", id, "summary", "");
        assertThat(derivedAgain.data().get("summary").asString()).isEqualTo("Newer body");

        assertThat(tenant.writer().post("/kb/article/update", "article_id", id, "slug", "other").status()).isEqualTo(409);
        assertThat(tenant.writer().post("/kb/article/update", "article_id", id, "title", "").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/update", "article_id", id, "category_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/kb/article/update", "title", "x").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/kb/article/update", "article_id", "0".repeat(32), "title", "x").status()).isEqualTo(404);

        var unchanged = tenant.reader().get("/kb/article/detail", "article_id", id).data();
        assertThat(unchanged.get("slug").asString()).isEqualTo("old-title");
        assertThat(unchanged.get("title").asString()).isEqualTo("New title");
        assertThat(unchanged.get("category").get("id").asString()).isEqualTo(setup);
    }

    @Test
    void publishesUnpublishesAndDeletesArticles() {
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        String id = article(category, "Draft", "<p>x</p>");

        var published = tenant.writer().post("/kb/article/publish", "article_id", id);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.data().get("published").asBoolean()).isTrue();
        assertThat(tenant.writer().post("/kb/article/publish", "article_id", id).data().get("published").asBoolean()).isTrue();
        assertThat(tenant.reader().get("/kb/article/list", "published", "1").json().get("size").asInt()).isEqualTo(1);

        var unpublished = tenant.writer().post("/kb/article/unpublish", "article_id", id);
        assertThat(unpublished.data().get("published").asBoolean()).isFalse();
        assertThat(tenant.reader().get("/kb/article/list", "published", "1").json().get("size").asInt()).isZero();
        assertThat(tenant.reader().get("/kb/article/list", "published", "0").json().get("size").asInt()).isEqualTo(1);

        for (String path : new String[] {"/kb/article/publish", "/kb/article/unpublish", "/kb/article/delete"}) {
            assertThat(tenant.writer().post(path).status()).as(path).isEqualTo(400);
            assertThat(tenant.writer().post(path, "article_id", "0".repeat(32)).status()).as(path).isEqualTo(404);
        }
        assertThat(tenant.writer().post("/kb/article/delete", "article_id", id).status()).isEqualTo(200);
        assertThat(tenant.reader().get("/kb/article/detail", "article_id", id).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/kb/category/delete", "category_id", category).status()).isEqualTo(200);
    }

    @Test
    void detailNeedsAnIdOrASlug() {
        assertThat(tenant.reader().get("/kb/article/detail").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/kb/article/detail", "article_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/kb/article/detail", "slug", "nope").status()).isEqualTo(404);
    }

    @Test
    void listsArticlesNewestFirstFilteredByCategoryPublishedAndSearch() {
        String billing = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        String setup = tenant.writer().post("/kb/category/new", "name", "Setup").id();
        String invoice = article(billing, "Segunda via do boleto", "<p>Emissão pelo portal.</p>");
        String card = article(billing, "Cartão", "<p>Pagamento com cartão de crédito.</p>");
        String install = article(setup, "Instalação", "<p>Baixe o aplicativo e emita o boleto.</p>");
        tenant.writer().post("/kb/article/publish", "article_id", install);

        var all = tenant.reader().get("/kb/article/list");
        assertThat(all.json().get("size").asInt()).isEqualTo(3);
        assertThat(all.json().get("pages").asInt()).isEqualTo(1);
        assertThat(all.json().get("current_page").asInt()).isEqualTo(1);
        assertThat(ids(all.data())).containsExactly(install, card, invoice);

        assertThat(ids(tenant.reader().get("/kb/article/list", "category_id", billing).data())).containsExactly(card, invoice);
        assertThat(ids(tenant.reader().get("/kb/article/list", "search", "BOLETO").data())).containsExactly(install, invoice);
        assertThat(ids(tenant.reader().get("/kb/article/list", "search", "emissao").data())).containsExactly(invoice);
        assertThat(ids(tenant.reader().get("/kb/article/list", "search", "cred cart").data())).containsExactly(card);
        assertThat(ids(tenant.reader().get("/kb/article/list", "search", "boleto", "published", "1").data())).containsExactly(install);
        assertThat(ids(tenant.reader().get("/kb/article/list", "search", "boleto", "category_id", setup).data()))
                .containsExactly(install);
        assertThat(tenant.reader().get("/kb/article/list", "search", "nothing here").json().get("size").asInt()).isZero();
        assertThat(tenant.reader().get("/kb/article/list", "search", "%%%").json().get("size").asInt()).isZero();

        assertThat(tenant.reader().get("/kb/article/list", "page", "2").status()).isEqualTo(404);
        assertThat(tenant.reader().get("/kb/article/list", "page", "zero").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/kb/article/list", "published", "perhaps").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/kb/article/list", "category_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void writesNeedAWriteTokenAndReadsAToken() {
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        String article = article(category, "A", "<p>x</p>");
        String[][] writes = {
                {"/kb/category/new", "name", "X"}, {"/kb/category/update", "category_id", category, "name", "Y"},
                {"/kb/category/delete", "category_id", category},
                {"/kb/article/new", "category_id", category, "title", "T", "body", "b"},
                {"/kb/article/update", "article_id", article, "title", "T2"}, {"/kb/article/publish", "article_id", article},
                {"/kb/article/unpublish", "article_id", article}, {"/kb/article/delete", "article_id", article}};
        for (String[] write : writes) {
            String[] params = java.util.Arrays.copyOfRange(write, 1, write.length);
            assertThat(tenant.reader().post(write[0], params).status()).as(write[0]).isEqualTo(403);
            assertThat(tenant.anonymous().post(write[0], params).status()).as(write[0]).isEqualTo(401);
        }
        for (String read : new String[] {"/kb/category/list", "/kb/article/list", "/kb/article/detail"}) {
            assertThat(tenant.anonymous().get(read, "article_id", article).status()).as(read).isEqualTo(401);
        }
        assertThat(tenant.reader().get("/kb/article/detail", "article_id", article).data().get("title").asString()).isEqualTo("A");
        assertThat(tenant.reader().get("/kb/category/list").json().get("size").asInt()).isEqualTo(1);
        assertThat(tenant.reader().get("/kb/article/list").data().get(0).get("published").asBoolean()).isFalse();
    }

    @Test
    void anotherAccountSeesNoneOfItAndGets404ForItsIds() {
        String category = tenant.writer().post("/kb/category/new", "name", "Billing", "slug", "billing").id();
        String article = tenant.writer().post("/kb/article/new", "category_id", category, "title", "Boleto", "body", "<p>boleto</p>",
                "slug", "boleto", "published", "1").id();
        var other = tenants.create();

        assertThat(other.reader().get("/kb/category/list").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/kb/article/list").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/kb/article/list", "search", "boleto").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/kb/article/list", "category_id", category).status()).isEqualTo(404);
        assertThat(other.reader().get("/kb/article/detail", "article_id", article).status()).isEqualTo(404);
        assertThat(other.reader().get("/kb/article/detail", "slug", "boleto").status()).isEqualTo(404);
        assertThat(other.writer().post("/kb/category/update", "category_id", category, "name", "Mine").status()).isEqualTo(404);
        assertThat(other.writer().post("/kb/category/delete", "category_id", category).status()).isEqualTo(404);
        assertThat(other.writer().post("/kb/article/new", "category_id", category, "title", "T", "body", "b").status()).isEqualTo(404);
        for (String path : new String[] {"/kb/article/update", "/kb/article/publish", "/kb/article/unpublish", "/kb/article/delete"}) {
            assertThat(other.writer().post(path, "article_id", article, "title", "Mine").status()).as(path).isEqualTo(404);
        }
        // Slugs are unique per account, not across accounts.
        String theirs = other.writer().post("/kb/category/new", "name", "Billing", "slug", "billing").id();
        assertThat(other.writer().post("/kb/article/new", "category_id", theirs, "title", "Boleto", "body", "b", "slug", "boleto").status())
                .isEqualTo(200);

        var mine = tenant.reader().get("/kb/article/detail", "article_id", article).data();
        assertThat(mine.get("title").asString()).isEqualTo("Boleto");
        assertThat(mine.get("published").asBoolean()).isTrue();
    }

    @Test
    void messagesAreTranslated() {
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        article(category, "A", "<p>x</p>");
        var refused = tenant.writer().withHeader("Accept-Language", "pt-BR").post("/kb/category/delete", "category_id", category);
        assertThat(refused.message()).isEqualTo("Esta categoria não pode ser removida porque contém artigos.");
    }

    // The account's accent colour, which brands the public pages

    @Test
    void setsTheAccentColourAsLowerCaseHex() {
        var updated = tenant.admin().post("/account/update", "accent_color", "#A1B2C3");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().get("accent_color").asString()).isEqualTo("#a1b2c3");
        assertThat(tenant.reader().get("/account/details").data().get("accent_color").asString()).isEqualTo("#a1b2c3");

        for (String bad : new String[] {"red", "#abc", "#12345g", "a1b2c3", "#a1b2c3ff"}) {
            var refused = tenant.admin().post("/account/update", "accent_color", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.message()).as(bad).isEqualTo("Parameter \"accent_color\" must be a colour written as #rrggbb.");
        }
        assertThat(tenant.writer().post("/account/update", "accent_color", "#000000").status()).isEqualTo(403);
        assertThat(tenant.admin().post("/account/update", "name", "Renamed").data().get("accent_color").asString()).isEqualTo("#a1b2c3");
        assertThat(tenant.reader().get("/account/details").data().get("accent_color").asString()).isEqualTo("#a1b2c3");
    }

    @Test
    void anAccountWithoutAccentColourHasNull() {
        assertThat(tenant.reader().get("/account/details").data().get("accent_color").isNull()).isTrue();
    }

    private String article(String category, String title, String body) {
        var response = tenant.writer().post("/kb/article/new", "category_id", category, "title", title, "body", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    private static java.util.List<String> ids(JsonNode items) {
        return items.valueStream().map(item -> item.get("id").asString()).toList();
    }
}
