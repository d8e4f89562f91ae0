package io.atende.helpcenter;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The public help center as a visitor's browser receives it, parsed as HTML. */
@ApiTest
class HelpCenterPagesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Value("${atende.public-url}")
    String publicUrl;

    Tenant tenant;
    String root;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        root = "/accounts/" + tenant.accountId() + "/kb";
    }

    @Test
    void homeListsPublishedArticlesNewestFirstWithTheirSummariesAndTheCategories() {
        String billing = category("Billing", "Invoices and payments");
        String setup = category("Setup", null);
        article(billing, "How to pay an invoice", "<p>Pay by card or boleto.</p>", true);
        article(setup, "Installing the app", "<p>Download it first.</p>", true);
        article(setup, "Secret roadmap", "<p>Not for customers.</p>", false);
        article(billing, "Refunds", "<p>Refunds take five days.</p>", true);

        var page = page(root);

        assertThat(page.status).isEqualTo(200);
        assertThat(page.contentType).startsWith("text/html");
        var recent = page.html.select("section.recent ol.articles > li");
        assertThat(recent.eachText()).hasSize(3);
        assertThat(recent.select("h3 a").eachText()).containsExactly("Refunds", "Installing the app", "How to pay an invoice");
        assertThat(recent.get(0).select("p").first().text()).isEqualTo("Refunds take five days.");
        assertThat(recent.get(0).select("h3 a").attr("href")).isEqualTo(root + "/billing/refunds");
        assertThat(page.html.text()).doesNotContain("Secret roadmap");
        assertThat(page.html.select("section.categories li > a").eachText()).containsExactly("Billing", "Setup");
        assertThat(page.html.select("section.categories li").first().text()).contains("2 articles", "Invoices and payments");
    }

    @Test
    void everyPageHasATitleADescriptionACanonicalLinkAndALabelledSearchForm() {
        String billing = category("Billing", "Invoices and payments");
        article(billing, "How to pay an invoice", "<p>Pay by card.</p>", true);

        for (String path : new String[] {root, root + "/billing", root + "/billing/how-to-pay-an-invoice", root + "/search?q=card"}) {
            var page = page(path);
            assertThat(page.status).as(path).isEqualTo(200);
            assertThat(page.html.title()).as(path).endsWith("| " + tenantName());
            assertThat(page.html.select("meta[name=description]").attr("content")).as(path).isNotBlank();
            assertThat(page.html.select("link[rel=canonical]").attr("href")).as(path).isEqualTo(publicUrl + path);
            assertThat(page.html.select("meta[property=og:url]").attr("content")).as(path).isEqualTo(publicUrl + path);
            assertThat(page.html.select("html").attr("lang")).as(path).isEqualTo("en");
            var input = page.html.selectFirst("form[role=search] input[name=q]");
            assertThat(input).as(path).isNotNull();
            assertThat(page.html.select("label[for=" + input.id() + "]").text()).as(path).isEqualTo("Search the help center");
            assertThat(page.html.select("main h1")).as(path).hasSize(1);
        }
        var article = page(root + "/billing/how-to-pay-an-invoice");
        assertThat(article.html.title()).isEqualTo("How to pay an invoice | " + tenantName());
        assertThat(article.html.select("meta[name=description]").attr("content")).isEqualTo("Pay by card.");
        assertThat(page(root + "/search?q=card").html.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
    }

    @Test
    void canonicalLinksStartWithThePublicUrlWhateverHostTheRequestNames() throws IOException {
        String billing = category("Billing", null);
        article(billing, "Refunds", "<p>Five days.</p>", true);

        for (String path : new String[] {root, root + "/billing", root + "/billing/refunds", root + "/search?q=refunds"}) {
            var html = Jsoup.parse(forgedHost(path, "evil.example"));
            assertThat(html.select("link[rel=canonical]").attr("href")).as(path).isEqualTo(publicUrl + path);
            assertThat(html.select("meta[property=og:url]").attr("content")).as(path).isEqualTo(publicUrl + path);
            assertThat(html.outerHtml()).as(path).doesNotContain("evil.example");
        }
    }

    @Test
    void aCategoryWithOnlyDraftsIsHiddenUntilOneOfItsArticlesIsPublished() {
        String billing = category("Billing", null);
        article(billing, "Invoices", "<p>a</p>", true);
        String upcoming = category("Upcoming launch", null);
        String draft = article(upcoming, "Launch plan", "<p>b</p>", false);

        assertThat(page(root).html.select("section.categories li > a").eachText()).containsExactly("Billing");
        var hidden = page(root + "/upcoming-launch");
        assertThat(hidden.status).isEqualTo(404);
        assertThat(hidden.html.text()).doesNotContain("Upcoming launch");

        tenant.writer().post("/kb/article/publish", "article_id", draft);
        assertThat(page(root).html.select("section.categories li > a").eachText()).containsExactly("Billing", "Upcoming launch");
        assertThat(page(root + "/upcoming-launch").status).isEqualTo(200);
    }

    @Test
    void titlesAreEscapedAndBodiesSanitized() {
        String billing = category("Billing <b>bold</b>", null);
        article(billing, "<script>alert(1)</script> Tricky", "<p onclick=\"steal()\">Hello <a href=\"javascript:alert(1)\">x</a>"
                + "<strong>world</strong></p><script>alert(2)</script><img src=x onerror=alert(3)>", true);

        var home = page(root);
        assertThat(home.html.select("script")).isEmpty();
        assertThat(home.html.select("section.recent h3 a").text()).isEqualTo("<script>alert(1)</script> Tricky");
        assertThat(home.html.select("section.categories li > a").text()).isEqualTo("Billing <b>bold</b>");

        var article = page(root + "/billing-b-bold-b/script-alert-1-script-tricky");
        assertThat(article.status).isEqualTo(200);
        assertThat(article.html.select("script")).isEmpty();
        assertThat(article.html.select("[onclick], [onerror]")).isEmpty();
        assertThat(article.html.select("a[href^=javascript]")).isEmpty();
        assertThat(article.html.select(".article-body strong").text()).isEqualTo("world");
        assertThat(article.html.select("h1").text()).isEqualTo("<script>alert(1)</script> Tricky");
        assertThat(article.html.title()).startsWith("<script>alert(1)</script> Tricky |");
    }

    @Test
    void categoryPageListsOnlyItsPublishedArticles() {
        String billing = category("Billing", "Invoices and payments");
        String setup = category("Setup", null);
        article(billing, "Invoices", "<p>a</p>", true);
        article(billing, "Draft about invoices", "<p>b</p>", false);
        article(setup, "Installing", "<p>c</p>", true);

        var page = page(root + "/billing");

        assertThat(page.status).isEqualTo(200);
        assertThat(page.html.select("main h1").text()).isEqualTo("Billing");
        assertThat(page.html.select("ol.articles h2 a").eachText()).containsExactly("Invoices");
        assertThat(page.html.select("meta[name=description]").attr("content")).isEqualTo("Invoices and payments");
    }

    @Test
    void unknownAndUnpublishedPagesAreHtml404s() {
        String billing = category("Billing", null);
        String draft = article(billing, "Draft", "<p>not yet</p>", false);
        article(billing, "Public", "<p>yes</p>", true);

        for (String path : new String[] {root + "/billing/draft", root + "/billing/nope", root + "/nope", root + "/nope/public",
                root + "/billing/public/extra", root + "/billing?page=9", "/accounts/00000000000000000000000000000000/kb"}) {
            var page = page(path);
            assertThat(page.status).as(path).isEqualTo(404);
            assertThat(page.contentType).as(path).startsWith("text/html");
            assertThat(page.html.select("main h1").text()).as(path).isEqualTo("Page not found");
            assertThat(page.html.select("meta[name=robots]").attr("content")).as(path).isEqualTo("noindex");
        }
        assertThat(page(root + "/billing/public").status).isEqualTo(200);

        tenant.writer().post("/kb/article/publish", "article_id", draft);
        assertThat(page(root + "/billing/draft").status).isEqualTo(200);
        tenant.writer().post("/kb/article/unpublish", "article_id", draft);
        assertThat(page(root + "/billing/draft").status).isEqualTo(404);
    }

    @Test
    void anotherAccountsArticlesAreNotFoundUnderThisAccount() {
        var other = tenants.create();
        String theirs = other.writer().post("/kb/category/new", "name", "Billing").id();
        other.writer().post("/kb/article/new", "category_id", theirs, "title", "Theirs", "body", "<p>x</p>", "published", "1");

        assertThat(page(root + "/billing/theirs").status).isEqualTo(404);
        assertThat(page(root).html.text()).doesNotContain("Theirs");
        assertThat(page(root + "/search?q=theirs").html.select("ol.articles li")).isEmpty();
    }

    @Test
    void searchFindsPublishedArticlesByWordsOfTitleAndBodyIgnoringCaseAndAccents() {
        String billing = category("Billing", null);
        article(billing, "Emissão de boleto", "<p>Como emitir a segunda via.</p>", true);
        article(billing, "Cartão de crédito", "<p>Pagamento com cartão.</p>", true);
        article(billing, "Boleto rascunho", "<p>draft</p>", false);

        var page = page(root + "/search?q=EMISSAO%20segun");
        assertThat(page.status).isEqualTo(200);
        assertThat(page.html.select("ol.articles h2 a").eachText()).containsExactly("Emissão de boleto");
        assertThat(page.html.select(".result-count").text()).isEqualTo("1 article matches \"EMISSAO segun\".");
        assertThat(page.html.select("#kb-search").attr("value")).isEqualTo("EMISSAO segun");

        assertThat(page(root + "/search?q=boleto").html.select("ol.articles h2 a").eachText()).containsExactly("Emissão de boleto");
        assertThat(page(root + "/search?q=pagamento+boleto").html.select("ol.articles li")).isEmpty();
        assertThat(page(root + "/search?q=%3Cscript%3E").html.select("script")).isEmpty();
        assertThat(page(root + "/search").html.select("main p").text()).isEqualTo("Type a few words to find articles.");
    }

    @Test
    void aRefreshWithinAMinuteIsNotCountedTwice() {
        String billing = category("Billing", null);
        String id = article(billing, "Counted", "<p>x</p>", true);

        page(root + "/billing/counted", "Browser A");
        page(root + "/billing/counted", "Browser A");
        assertThat(views(id)).isEqualTo(1);

        page(root + "/billing/counted", "Browser B");
        assertThat(views(id)).isEqualTo(2);

        // A minute later the same visitor counts again.
        jdbc.sql("update kb_article_view set viewed_at = viewed_at - interval '2' minute where account_id = :account")
                .param("account", tenant.accountId()).update();
        page(root + "/billing/counted", "Browser A");
        assertThat(views(id)).isEqualTo(3);
    }

    @Test
    void theAccentColourBrandsThePagesWithReadableText() {
        assertThat(tenant.admin().post("/account/update", "accent_color", "#FFEE00").status()).isEqualTo(200);

        var style = page(root).html.select("style").html();

        assertThat(style).contains("--accent: #ffee00", "--on-accent: #000000");
        assertThat(page(root).html.select(".brand").text()).isEqualTo(tenantName());
    }

    @Test
    void pagesSpeakTheVisitorsLanguage() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + root))
                .header("Accept-Language", "pt-BR").GET().build(), HttpResponse.BodyHandlers.ofString());
        var html = Jsoup.parse(response.body());
        assertThat(html.select("html").attr("lang")).isEqualTo("pt-BR");
        assertThat(html.select("main h1").text()).isEqualTo("Central de ajuda");
    }

    private long views(String articleId) {
        return tenant.reader().get("/kb/article/detail", "article_id", articleId).data().get("views").asLong();
    }

    private String tenantName() {
        return tenant.reader().get("/account/details").data().get("name").asString();
    }

    private String category(String name, String description) {
        var response = description == null ? tenant.writer().post("/kb/category/new", "name", name)
                : tenant.writer().post("/kb/category/new", "name", name, "description", description);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    private String article(String categoryId, String title, String body, boolean published) {
        var response = tenant.writer().post("/kb/article/new", "category_id", categoryId, "title", title, "body", body,
                "published", published ? "1" : "0");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    record Page(int status, String contentType, Document html) {
    }

    /** The page's HTML as answered to a request naming another host (java.net.http refuses to set {@code Host}). */
    private String forgedHost(String path, String host) throws IOException {
        try (var socket = new Socket("localhost", tenants.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nX-Forwarded-Host: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).as(path).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private Page page(String path) {
        return page(path, "Test browser");
    }

    private Page page(String path, String userAgent) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + path))
                    .header("User-Agent", userAgent).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), Jsoup.parse(response.body()));
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
