package io.atende.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person in a browser gets where the API would answer JSON: the landing page at {@code /},
 * and the console's error pages (unknown paths and ids, malformed parameters) in the operator's
 * language with the request's correlation id to quote; the API keeps its envelope.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorPagesTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    BrowserSession operator;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        operator = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
    }

    @Test
    void theRootShowsVisitorsWhereToGoInTheirLanguage() {
        var visitor = new BrowserSession(tenants.port()).acceptLanguage("es");

        var landing = visitor.get("/");

        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(landing.document().select("main a").eachAttr("href")).containsExactly("/console", "/portal", "/kb");
        assertThat(landing.text("#to-help")).isEqualTo("Centro de ayuda");
        assertThat(new BrowserSession(tenants.port()).acceptLanguage("pt-BR").get("/").text("#to-portal")).isEqualTo("Portal do cliente");
    }

    @Test
    void theRootSendsASignedInOperatorToTheConsole() {
        var root = operator.get("/");

        assertThat(root.status()).isEqualTo(302);
        assertThat(root.redirectPath()).isEqualTo("/console");
    }

    @Test
    void anUnknownConsolePathIsAPageInTheOperatorsLanguageWithTheCorrelationId() {
        var page = operator.get("/console/no-such-page");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.text("h1")).isEqualTo("Erro 404");
        assertThat(page.text("main p.error")).isEqualTo("Esta página não existe.");
        assertThat(page.document().select("header.topbar")).hasSize(1);
        String correlationId = page.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(page.text("main code")).isEqualTo(correlationId);
    }

    @Test
    void aBadTicketIdInTheConsoleIsAPageNotJson() {
        var page = operator.get("/console/tickets/not-a-ticket");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).doesNotContain("\"success\"");
        assertThat(page.document().select("main p.error")).hasSize(1);
        assertThat(page.text("main code")).isEqualTo(page.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aWrongMethodOnAConsolePathIsAPage() {
        var page = operator.post("/console/profile", "x", "1");

        assertThat(page.status()).isEqualTo(405);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.text("h1")).isEqualTo("Erro 405");
    }

    @Test
    void malformedPageNumbersAndBooleansAre400PagesNamingTheParameter(CapturedOutput output) {
        for (String page : new String[] {"abc", "2147483648", "-99999999999999999999"}) {
            var answer = operator.get("/console/admin/operators?page=" + page);
            assertThat(answer.status()).as(page).isEqualTo(400);
            assertThat(answer.text("main p.error")).as(page).isEqualTo("O parâmetro \"page\" é inválido.");
        }
        var queue = operator.get("/console/kb?page=abc");
        assertThat(queue.status()).isEqualTo(400);

        operator.get("/console/admin/operators");
        var wrongBoolean = operator.post("/console/admin/operators", "name", "Bruna", "email", "bruna@example.com",
                "password", "a-long-password-1", "role", "operator", "active", "abc");
        assertThat(wrongBoolean.status()).isEqualTo(400);
        assertThat(wrongBoolean.text("main p.error")).isEqualTo("O parâmetro \"active\" é inválido.");
        assertThat(operator.get("/console/admin/operators").body()).doesNotContain("bruna@example.com");
        assertThat(output.getAll()).doesNotContain("Unexpected failure");
    }

    @Test
    void controlCharactersInAConsoleParameterNameAre400Pages(CapturedOutput output) {
        var queue = operator.get("/console/tickets?situation%01=1");
        assertThat(queue.status()).isEqualTo(400);
        assertThat(queue.text("main p.error")).contains("caracteres não permitidos");

        operator.get("/console/profile");
        var form = operator.post("/console/profile/language", "language\u0000", "en");
        assertThat(form.status()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("RequestRejectedException");
    }

    @Test
    void anHtmxRequestGetsJustTheMessage() {
        var fragment = operator.htmx().get("/console/admin/operators?page=abc");

        assertThat(fragment.status()).isEqualTo(400);
        assertThat(fragment.document().select("header.topbar")).isEmpty();
        assertThat(fragment.text("p.error")).isEqualTo("O parâmetro \"page\" é inválido.");
    }

    @Test
    void theApiKeepsItsEnvelopeForUnknownPathsAndControlCharacters() throws Exception {
        var unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + "/v2.0/nope"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");

        var query = tenant.reader().get("/department/list", "page\u0001", "1");
        var form = tenant.admin().post("/department/new", "name\u0000", "Suporte");
        var multipart = tenant.admin().postMultipart("/department/new", java.util.List.of(), "na\u001fme", "Suporte");
        for (var answer : java.util.List.of(query, form, multipart)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("error").asBoolean()).isTrue();
            assertThat(answer.message()).contains("characters that are not allowed");
        }
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void controlCharactersInAValueAre400InEveryBodyAndNothingIsStored() {
        // PostgreSQL cannot store U+0000 at all; no value with a control character but tab and line breaks gets that far.
        var query = tenant.reader().get("/department/list", "page", "1\u0000");
        var form = tenant.admin().post("/department/new", "name", "Sup\u0000orte");
        var multipart = tenant.admin().postMultipart("/department/new", java.util.List.of(), "name", "Sup\u001borte");
        var json = tenant.admin().postJson("/department/new", java.util.Map.of("name", "Sup\u0000orte"));
        for (var answer : java.util.List.of(query, form, multipart, json)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.message()).contains("characters that are not allowed");
        }
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
        var withLineBreaks = tenant.admin().post("/department/new", "name", "Suporte\tN1");
        assertThat(withLineBreaks.status()).isEqualTo(200);
    }
}
