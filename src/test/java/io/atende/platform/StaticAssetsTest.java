package io.atende.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Style sheets, scripts and icons: content-hashed addresses kept for a year, compression, the favicon. */
@ApiTest
class StaticAssetsTest {

    private static final String IMMUTABLE = "max-age=31536000, public, immutable";
    private static final String HASHED = "-[0-9a-f]{32}\\.";

    @Autowired
    TestTenants tenants;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pagesLinkStyleSheetsAndScriptsAtContentHashedAddressesCachedForAYear() throws Exception {
        Document signIn = Jsoup.parse(new BrowserSession(tenants.port()).get("/console/sign-in").body());

        String css = signIn.selectFirst("link[rel=stylesheet]").attr("href");
        String htmx = signIn.select("script[src]").eachAttr("src").stream().filter(src -> src.contains("htmx")).findFirst().orElseThrow();
        String icon = signIn.selectFirst("link[rel=icon]").attr("href");
        assertThat(css).matches("/console/assets/console" + HASHED + "css");
        assertThat(htmx).matches("/webjars/htmx\\.org/.*/htmx\\.min" + HASHED + "js");
        assertThat(icon).matches("/favicon" + HASHED + "svg");

        for (String asset : new String[] {css, htmx, icon}) {
            var answer = get(asset, false);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).as(asset).hasValue(IMMUTABLE);
        }
        // A file's old address stops answering once its content changed, rather than serving the new content for a year.
        assertThat(get(css.replaceAll("-[0-9a-f]{32}\\.", "-0123456789abcdef0123456789abcdef."), false).statusCode()).isEqualTo(404);
    }

    @Test
    void anAddressWithoutHashStillAnswersButIsRevalidatedAndTheWidgetKeepsItsFixedAddressWithAShortCache() throws Exception {
        var plain = get("/console/assets/console.css", false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");

        var widget = get("/widget.js", false);
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
        assertThat(new String(widget.body(), StandardCharsets.UTF_8)).contains("Atende chat widget");
    }

    @Test
    void textAnswersAreCompressedForClientsThatAcceptGzip() throws Exception {
        for (String path : new String[] {"/console/assets/console.css", "/widget.js", "/console/sign-in"}) {
            var compressed = get(path, true);
            assertThat(compressed.statusCode()).as(path).isEqualTo(200);
            assertThat(compressed.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            String text = new String(new GZIPInputStream(new ByteArrayInputStream(compressed.body())).readAllBytes(), StandardCharsets.UTF_8);
            String plain = new String(get(path, false).body(), StandardCharsets.UTF_8);
            // A page differs from one answer to the next (its CSRF token and nonce); its start does not.
            assertThat(text).as(path).startsWith(plain.substring(0, 200)).hasSizeGreaterThan(compressed.body().length);
        }
        var json = get("/v2.0/openapi.json", true);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // Without Accept-Encoding the answer stays as it is.
        assertThat(get("/console/assets/console.css", false).headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void theFaviconAnswersAtTheAddressBrowsersAskFor() throws Exception {
        var icon = get("/favicon.ico", false);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).contains("icon");
        assertThat(icon.body()).startsWith(0, 0, 1, 0);

        Document portal = Jsoup.parse(new BrowserSession(tenants.port()).get("/portal/sign-in").body());
        Document helpCenter = Jsoup.parse(new BrowserSession(tenants.port()).get("/accounts/" + tenants.create().accountId() + "/kb").body());
        for (Document page : new Document[] {portal, helpCenter}) {
            String href = page.selectFirst("link[rel=icon]").attr("href");
            assertThat(href).matches("/favicon" + HASHED + "svg");
            assertThat(new String(get(href, false).body(), StandardCharsets.UTF_8)).startsWith("<svg");
        }
    }

    private HttpResponse<byte[]> get(String path, boolean gzip) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
