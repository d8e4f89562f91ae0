package io.atende.console.kb;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images uploaded from the article editor (their size and type checked, nothing kept of a refused one) and served on
 * the help center with their type and long cache headers; articles suggested on a ticket's page from its text.
 */
@ApiTest
class KbImagesAndSuggestionsTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    BrowserSession operator;
    String operatorId;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        operator = signedIn.session();
        operatorId = signedIn.operator().id();
        operator.get("/console/kb/articles/new");
    }

    @Test
    void anUploadedImageIsServedWithItsTypeAndCacheHeadersAndStaysInAnArticle() throws Exception {
        var uploaded = operator.postMultipart("/console/kb/images", List.of(new FilePart("image", "screen.png", "image/png", PNG)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(uploaded.body());
        String url = body.get("url").asString();
        String path = "/accounts/" + tenant.accountId() + "/kb/-/images/" + body.get("id").asString();
        assertThat(url).endsWith(path).startsWith("http");
        assertThat(body.get("type").asString()).isEqualTo("image/png");

        var image = fetch(path);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(image.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "public", "immutable");
        assertThat(image.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(image.body()).isEqualTo(PNG);

        String category = tenant.writer().post("/kb/category/new", "name", "Telas").id();
        var saved = operator.post("/console/kb/articles", "category_id", category, "title", "Tela inicial",
                "body", "<p>Veja:</p><p><img src=\"" + url + "\"></p>", "published", "true");
        assertThat(saved.status()).isEqualTo(302);
        var article = new BrowserSession(tenants.port()).get("/accounts/" + tenant.accountId() + "/kb/telas/tela-inicial");
        assertThat(article.document().selectFirst(".article-body img").attr("src")).isEqualTo(url);

        // Another account's help center does not serve it.
        var other = tenants.create();
        assertThat(fetch("/accounts/" + other.accountId() + "/kb/-/images/" + body.get("id").asString()).statusCode()).isEqualTo(404);
    }

    @Test
    void anImageTooLargeOrNotAnImageIsRefusedAndLeavesNothingStored() {
        long before = storedFiles();
        byte[] large = Arrays.copyOf(PNG, 5 * 1024 * 1024 + 1);
        var tooLarge = operator.postMultipart("/console/kb/images", List.of(new FilePart("image", "big.png", "image/png", large)));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("A imagem tem mais de 5 MB.");

        // The name and the declared type say PNG; the bytes say text.
        var text = operator.postMultipart("/console/kb/images",
                List.of(new FilePart("image", "fake.png", "image/png", "hello, not an image".getBytes())));
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body()).contains("Só imagens PNG, JPEG, GIF e WebP podem ser usadas em artigos.");

        var svg = operator.postMultipart("/console/kb/images",
                List.of(new FilePart("image", "x.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes())));
        assertThat(svg.status()).isEqualTo(400);

        var none = operator.postMultipart("/console/kb/images", List.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void onlyAnOperatorUploadsAndATicketsFileIsNeverServedAsAnImage() throws Exception {
        var anonymous = new BrowserSession(tenants.port());
        var refused = anonymous.postMultipart("/console/kb/images", List.of(new FilePart("image", "a.png", "image/png", PNG)));
        assertThat(refused.status()).isIn(302, 401, 403);

        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla");
        String ticket = tenant.writer().postMultipart("/ticket/new", List.of(new FilePart("attachment[0]", "b.png", "image/png", PNG)),
                "customer_id", "C-1", "department_id", department, "subject", "Tela", "message", "print").json().get("ticket_id").asString();
        String ticketFile = tenant.reader().get("/ticket/detail", "ticket_id", ticket).data().get("replies").get(0)
                .get("attachments").get(0).get("id").asString();
        assertThat(fetch("/accounts/" + tenant.accountId() + "/kb/-/images/" + ticketFile).statusCode()).isEqualTo(404);
    }

    @Test
    void aTicketsPageSuggestsPublishedArticlesMatchingItsTextInternalOnesIncluded() {
        String category = tenant.writer().post("/kb/category/new", "name", "Impressão").id();
        article(category, "Como instalar a impressora", "<p>Ligue o cabo.</p>", "published", "1");
        article(category, "Impressoras: procedimento interno", "<p>Troque o toner.</p>", "published", "1", "internal", "1");
        article(category, "Impressora nova (rascunho)", "<p>Em breve.</p>", "published", "0");
        article(category, "Boletos vencidos", "<p>Pague pelo aplicativo.</p>", "published", "1");
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        // Agents see only their departments' tickets, so the operator joins the ticket's department.
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operatorId);
        tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla");
        String ticket = tenant.writer().post("/ticket/new", "customer_id", "C-1", "department_id", department,
                "subject", "Impressoras não ligam", "message", "Nenhuma impressora do escritório liga desde ontem.")
                .json().get("ticket_id").asString();

        var page = operator.get("/console/tickets/" + ticket);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().selectFirst("#kb-suggestions").attr("hx-get")).isEqualTo("/console/kb/suggestions?ticket_id=" + ticket);
        var panel = operator.htmx().get("/console/kb/suggestions?ticket_id=" + ticket);
        assertThat(panel.status()).isEqualTo(200);
        assertThat(panel.document().select("#kb-suggestions li a").eachText())
                .containsExactlyInAnyOrder("Como instalar a impressora", "Impressoras: procedimento interno");

        String unrelated = tenant.writer().post("/ticket/new", "customer_id", "C-1", "department_id", department,
                "subject", "Xyzzy", "message", "Plugh.").json().get("ticket_id").asString();
        assertThat(operator.htmx().get("/console/kb/suggestions?ticket_id=" + unrelated).text("#kb-suggestions p.muted"))
                .isEqualTo("Nenhum artigo corresponde a este ticket.");

        // Another account's ticket is not found.
        var other = tenants.create();
        var otherOperator = tenants.signedIn(other.accountId(), OperatorRole.OPERATOR).session();
        assertThat(otherOperator.htmx().get("/console/kb/suggestions?ticket_id=" + ticket).status()).isEqualTo(404);
    }

    private void article(String categoryId, String title, String body, String... more) {
        var params = new java.util.ArrayList<>(List.of("category_id", categoryId, "title", title, "body", body));
        params.addAll(List.of(more));
        var response = tenant.writer().post("/kb/article/new", params.toArray(String[]::new));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private long storedFiles() {
        return jdbc.sql("select count(*) from attachment where account_id = :account").param("account", tenant.accountId())
                .query(Long.class).single()
                + jdbc.sql("select count(*) from attachment_content where account_id = :account").param("account", tenant.accountId())
                .query(Long.class).single();
    }

    private HttpResponse<byte[]> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
