package io.atende.portal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of answer (console, portal, help center, widget, API) carries a Content-Security-Policy that admits
 * scripts and style sheets from this server only, and {@code Referrer-Policy: same-origin}; a password link's
 * token leaves the address before the page shows.
 */
@ApiTest
class SecurityHeadersTest {

    private static final Pattern NONCE = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'");

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void everyPageCarriesThePolicyAndItsInlineStylesCarryTheNonce() {
        var tenant = tenants.create();
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var fixtures = new PortalFixtures(tenants, access);
        String email = "ana" + System.nanoTime() + "@example.com";
        var customer = fixtures.signedIn(tenant.accountId(), fixtures.customer(tenant, "Ana", email), email);
        var anonymous = new BrowserSession(tenants.port());

        Map<String, BrowserSession.Page> pages = new LinkedHashMap<>();
        pages.put("console sign-in", anonymous.get("/console/sign-in"));
        pages.put("console home", operator.get("/console"));
        pages.put("console queue", operator.get("/console/tickets"));
        pages.put("console settings", operator.get("/console/admin/settings"));
        pages.put("console kb editor", operator.get("/console/kb/articles/new"));
        pages.put("portal sign-in", anonymous.get("/portal/sign-in?account=" + tenant.accountId()));
        pages.put("portal tickets", customer.get("/portal/tickets"));
        pages.put("help center", anonymous.get("/accounts/" + tenant.accountId() + "/kb"));
        for (var page : pages.entrySet()) {
            var answer = page.getValue();
            assertThat(answer.status()).as(page.getKey()).isEqualTo(200);
            String policy = header(answer.headers(), "Content-Security-Policy");
            assertStrict(page.getKey(), policy);
            assertThat(header(answer.headers(), "Referrer-Policy")).as(page.getKey()).isEqualTo("same-origin");

            var nonce = NONCE.matcher(policy);
            assertThat(nonce.find()).as(page.getKey()).isTrue();
            Document document = Jsoup.parse(answer.body());
            for (Element inline : document.select("style, script:not([src])")) {
                assertThat(inline.attr("nonce")).as(page.getKey() + ": " + inline.outerHtml()).isEqualTo(nonce.group(1));
            }
            for (Element element : document.getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).as(page.getKey() + ": an inline event handler").doesNotStartWith("on");
                }
            }
        }
        // Each answer has its own nonce.
        assertThat(header(anonymous.get("/console/sign-in").headers(), "Content-Security-Policy"))
                .isNotEqualTo(header(pages.get("console sign-in").headers(), "Content-Security-Policy"));
    }

    @Test
    void theWidgetScriptItsEndpointsAndTheApiCarryThePolicyToo() throws Exception {
        var tenant = tenants.create();
        var http = HttpClient.newHttpClient();
        String base = "http://localhost:" + tenants.port();
        for (String path : new String[] {"/widget.js", "/widget/config?account=" + tenant.accountId(), "/v2.0/department/list",
                "/favicon.ico", "/console/assets/console.css"}) {
            var answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + tenant.reader().token())
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertStrict(path, answer.headers().firstValue("Content-Security-Policy").orElse(""));
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
        var missing = http.send(HttpRequest.newBuilder(URI.create(base + "/v2.0/no-such-operation")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertStrict("an error answer", missing.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void aPasswordLinksTokenMovesIntoTheSessionAndThePageShowsAtAnAddressWithoutIt() {
        var tenant = tenants.create();
        var fixtures = new PortalFixtures(tenants, access);
        String email = "rui" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Rui", email);
        var link = URI.create(access.invite(tenant.accountId(), customer).url());
        var browser = new BrowserSession(tenants.port());

        var opened = browser.get(link.getRawPath() + "?" + link.getRawQuery());
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.redirectPath()).isEqualTo("/portal/password?account=" + tenant.accountId());
        var form = browser.get(opened.redirectPath());
        assertThat(form.status()).isEqualTo(200);
        assertThat(header(form.headers(), "Referrer-Policy")).isEqualTo("same-origin");
        assertThat(form.document().select("a[href*=token]")).isEmpty();

        var saved = browser.post("/portal/password", "account", tenant.accountId(), "token", form.document().selectFirst("input[name=token]").val(),
                "password", "long enough 1", "password_again", "long enough 1");
        assertThat(saved.status()).isEqualTo(302);
        PortalFixtures.signIn(browser, tenant.accountId(), email, "long enough 1");
        // Without the session that received it, the address alone opens no form.
        assertThat(new BrowserSession(tenants.port()).get(opened.redirectPath()).document().select("input[name=password]")).isEmpty();
    }

    private static void assertStrict(String what, String policy) {
        assertThat(policy).as(what).contains("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'");
        String scripts = policy.replaceAll(".*(script-src [^;]*).*", "$1");
        assertThat(scripts).as(what).startsWith("script-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
        String styles = policy.replaceAll(".*(style-src [^;]*).*", "$1");
        assertThat(styles).as(what).startsWith("style-src 'self' 'nonce-").doesNotContain("unsafe-inline");
    }

    private static String header(java.net.http.HttpHeaders headers, String name) {
        return headers.firstValue(name).orElse(null);
    }
}
