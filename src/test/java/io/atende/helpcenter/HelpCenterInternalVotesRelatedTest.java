package io.atende.helpcenter;

import java.util.List;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Internal articles stay off every public page; readers say whether an article helped (one vote per browser) and the
 * console shows the counts; an article page lists related articles and links to the portal for a request.
 */
@ApiTest
class HelpCenterInternalVotesRelatedTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String root;
    BrowserSession visitor;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        root = "/accounts/" + tenant.accountId() + "/kb";
        visitor = new BrowserSession(tenants.port());
    }

    @Test
    void anInternalArticleIsNeverPublicEvenPublishedButOperatorsAndTheApiSeeIt() {
        String billing = category("Billing");
        String internalOnly = category("Runbooks");
        article(billing, "Paying an invoice", "<p>Pay the invoice by card.</p>", "published", "1");
        String secret = article(billing, "Invoice refunds by hand", "<p>Refund the invoice in the back office.</p>",
                "published", "1", "internal", "1");
        article(internalOnly, "Restarting the invoice worker", "<p>Only operators restart it.</p>", "published", "1", "internal", "1");

        var home = visitor.get(root);
        assertThat(home.document().select("section.recent h3 a").eachText()).containsExactly("Paying an invoice");
        assertThat(home.document().select("section.categories li > a").eachText()).containsExactly("Billing");
        assertThat(home.body()).doesNotContain("Invoice refunds by hand", "Runbooks");
        assertThat(visitor.get(root + "/billing").document().select("ol.articles h2 a, ol.articles h3 a").eachText())
                .containsExactly("Paying an invoice");
        assertThat(visitor.get(root + "/runbooks").status()).isEqualTo(404);
        assertThat(visitor.get(root + "/billing/invoice-refunds-by-hand").status()).isEqualTo(404);
        assertThat(visitor.get(root + "/runbooks/restarting-the-invoice-worker").status()).isEqualTo(404);
        assertThat(searchTitles("invoice")).containsExactly("Paying an invoice");
        assertThat(searchTitles("refunds")).isEmpty();
        assertThat(visitor.post(root + "/billing/invoice-refunds-by-hand/vote", "helpful", "yes").status()).isEqualTo(404);

        var detail = tenant.reader().get("/kb/article/detail", "article_id", secret);
        assertThat(detail.data().get("internal").asBoolean()).isTrue();
        assertThat(tenant.reader().get("/kb/article/list", "internal", "1").data().valueStream()
                .map(item -> item.get("title").asString()).toList())
                .containsExactlyInAnyOrder("Invoice refunds by hand", "Restarting the invoice worker");

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var list = operator.get("/console/kb?state=internal");
        assertThat(list.document().select("#articles tbody tr td:first-child a").eachText())
                .containsExactlyInAnyOrder("Invoice refunds by hand", "Restarting the invoice worker");
        var editor = operator.get("/console/kb/articles/" + secret);
        assertThat(editor.document().selectFirst("#internal").hasAttr("checked")).isTrue();
        assertThat(editor.document().select("#public-link")).isEmpty();

        // Made public again from the editor, it is on the help center.
        operator.post("/console/kb/articles/" + secret, "category_id", billing, "title", "Invoice refunds by hand",
                "summary", "", "body", "<p>Refund the invoice in the back office.</p>", "published", "true");
        assertThat(visitor.get(root + "/billing/invoice-refunds-by-hand").status()).isEqualTo(200);
        assertThat(searchTitles("refunds")).containsExactly("Invoice refunds by hand");
    }

    @Test
    void eachBrowserHasOneVotePerArticleThatItMayChangeAndTheConsoleShowsTheCounts() {
        String billing = category("Billing");
        String id = article(billing, "Paying an invoice", "<p>Pay the invoice by card.</p>", "published", "1");
        String url = root + "/billing/paying-an-invoice";

        var page = visitor.get(url);
        assertThat(page.document().select("#helpful form button[name=helpful]").eachAttr("value")).containsExactly("yes", "no");
        var voted = visitor.post(url + "/vote", "helpful", "yes");
        assertThat(voted.status()).isEqualTo(302);
        assertThat(voted.location()).endsWith(url + "?voted=yes#helpful");
        assertThat(voted.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("atende_kb_visitor=").contains("HttpOnly", "SameSite=Lax");
        assertThat(visitor.get(url + "?voted=yes").text("#helpful-thanks")).isNotBlank();
        visitor.post(url + "/vote", "helpful", "yes");
        visitor.post(url + "/vote", "helpful", "no");
        var other = new BrowserSession(tenants.port());
        other.post(url + "/vote", "helpful", "yes");
        // Not an answer: nothing counted.
        assertThat(other.post(url + "/vote", "helpful", "maybe").redirectPath()).isEqualTo(url);

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/kb/articles/" + id).text("#article-votes")).isEqualTo("Foi útil? 1 sim, 1 não");
        assertThat(operator.get("/console/kb").text("#articles td.votes")).isEqualTo("1 / 1");

        // Another account's help center does not know the article, and a draft takes no votes.
        var stranger = tenants.create();
        assertThat(visitor.post("/accounts/" + stranger.accountId() + "/kb/billing/paying-an-invoice/vote", "helpful", "no").status())
                .isEqualTo(404);
        article(billing, "Upcoming changes", "<p>Soon.</p>", "published", "0");
        assertThat(visitor.post(root + "/billing/upcoming-changes/vote", "helpful", "no").status()).isEqualTo(404);
        assertThat(operator.get("/console/kb/articles/" + id).text("#article-votes")).isEqualTo("Foi útil? 1 sim, 1 não");
    }

    @Test
    void anArticleListsRelatedPublicArticlesAndLinksToThePortalForARequest() {
        String printing = category("Printing");
        String billing = category("Billing");
        article(printing, "Installing the printer driver", "<p>Download the printer driver and install it.</p>", "published", "1");
        article(printing, "Cleaning the glass", "<p>Use a soft cloth.</p>", "published", "1");
        article(billing, "Printer rental invoices", "<p>Rental of each printer is billed monthly with its driver updates.</p>",
                "published", "1");
        article(billing, "Paying by card", "<p>Cards are accepted.</p>", "published", "1");
        article(billing, "Printer driver escalation", "<p>Escalate printer driver faults.</p>", "published", "1", "internal", "1");
        article(billing, "Printer driver recall", "<p>The printer driver recall.</p>", "published", "0");

        var page = visitor.get(root + "/printing/installing-the-printer-driver");
        List<String> related = page.document().select("#related-articles li a").eachText();
        assertThat(related).containsExactly("Cleaning the glass", "Printer rental invoices");
        assertThat(page.document().selectFirst("#related-articles li a").attr("href")).isEqualTo(root + "/printing/cleaning-the-glass");
        assertThat(page.document().selectFirst("#submit-request").attr("href"))
                .isEqualTo("/portal/tickets/new?account=" + tenant.accountId());
    }

    private List<String> searchTitles(String query) {
        return visitor.get(root + "/search?q=" + query).document().select("ol.articles h2 a").eachText();
    }

    private String category(String name) {
        var response = tenant.writer().post("/kb/category/new", "name", name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    private String article(String categoryId, String title, String body, String... more) {
        var params = new java.util.ArrayList<>(List.of("category_id", categoryId, "title", title, "body", body));
        params.addAll(List.of(more));
        var response = tenant.writer().post("/kb/article/new", params.toArray(String[]::new));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }
}
