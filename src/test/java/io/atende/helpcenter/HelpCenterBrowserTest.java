package io.atende.helpcenter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The help center as a real browser renders it, scripts and all: headless Chromium loads each page
 * and prints the DOM it ended up with. Skipped when no Chromium is installed (CI installs Debian's
 * {@code chromium} package; see .ci/run).
 */
@ApiTest
class HelpCenterBrowserTest {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static String browser;

    @Autowired
    TestTenants tenants;

    @BeforeAll
    static void findBrowser() {
        String configured = System.getenv("ATENDE_TEST_CHROMIUM");
        browser = Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream())
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst().orElse(null);
        assumeTrue(browser != null, "No headless Chromium found (looked for ATENDE_TEST_CHROMIUM and " + CANDIDATES
                + "); install Debian's chromium package, as .ci/run does, to run the browser test. Skipping it.");
    }

    @Test
    void aBrowserShowsRecentArticlesAnArticleAndSearchResultsWithoutRunningInjectedScripts() throws Exception {
        Tenant tenant = tenants.create();
        String root = "http://localhost:" + tenants.port() + "/accounts/" + tenant.accountId() + "/kb";
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        publish(tenant, category, "Paying an invoice", "<p>Pay by <strong>card</strong>.</p>");
        String hostile = publish(tenant, category, "<img src=x onerror=\"document.body.setAttribute('data-pwned','title')\"> Refunds",
                "<p>Refunds take five days.</p><img src=x onerror=\"document.body.setAttribute('data-pwned','body')\">"
                        + "<script>document.body.setAttribute('data-pwned','script')</script>");
        tenant.writer().post("/kb/article/new", "category_id", category, "title", "Unpublished plan", "body", "<p>secret</p>");

        Document home = render(root);
        assertThat(home.select("section.recent h3 a").eachText())
                .containsExactly("<img src=x onerror=\"document.body.setAttribute('data-pwned','title')\"> Refunds", "Paying an invoice");
        assertThat(home.text()).doesNotContain("Unpublished plan");
        assertThat(home.body().hasAttr("data-pwned")).isFalse();

        String articleUrl = root + home.select("section.recent h3 a").first().attr("href").replaceFirst(".*/kb", "");
        Document article = render(articleUrl);
        assertThat(article.select("main h1").text()).endsWith("Refunds");
        assertThat(article.select(".article-body").text()).contains("Refunds take five days.");
        assertThat(article.body().hasAttr("data-pwned")).as("an injected script ran").isFalse();
        assertThat(tenant.reader().get("/kb/article/detail", "article_id", hostile).data().get("views").asLong()).isEqualTo(1);

        Document search = render(root + "/search?q=card");
        assertThat(search.select("ol.articles h2 a").eachText()).containsExactly("Paying an invoice");
        assertThat(search.select("label[for=kb-search]").text()).isEqualTo("Search the help center");
    }

    private static String publish(Tenant tenant, String category, String title, String body) {
        var response = tenant.writer().post("/kb/article/new", "category_id", category, "title", title, "body", body, "published", "1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    /** The DOM after the page loaded and its scripts (if any) ran. */
    private static Document render(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("atende-chromium");
        Path output = Files.createTempFile("atende-dom", ".html");
        try {
            var process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--dump-dom", url)
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Chromium did not finish rendering " + url + " within 90 s");
            }
            assertThat(process.exitValue()).as("chromium exit code for " + url).isZero();
            return Jsoup.parse(Files.readString(output, StandardCharsets.UTF_8), url);
        } finally {
            Files.deleteIfExists(output);
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
