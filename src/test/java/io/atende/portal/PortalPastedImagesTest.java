package io.atende.portal;

import java.util.Base64;
import java.util.List;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/console.md, pasted images: the customer sees an image an operator pasted into a reply in place, from the portal. */
@ApiTest
class PortalPastedImagesTest {

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void aPastedImageOfAReplyShowsInPlaceFromThePortalsDownload() {
        var fixtures = new PortalFixtures(tenants, access);
        var tenant = tenants.create();
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        String email = "maria" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Maria Lima", email);
        var browser = fixtures.signedIn(tenant.accountId(), customer, email);
        String ticket = tenant.writer().post("/ticket/new", "customer_id", customer, "department_id", department, "subject", "Tela",
                "message", "Veja", "operator_id", operator).json().get("ticket_id").asString();
        var reply = tenant.writer().postMultipart("/ticket/reply/operator",
                List.of(new FilePart("attachment[0]", "pasted-k1-1.png", "image/png", PNG)),
                "ticket_id", ticket, "message", "<p>Assim:</p><p><img src=\"cid:pasted-k1-1.png\"></p>");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);

        var page = browser.get("/portal/tickets/" + ticket);

        var image = page.document().selectFirst("article.message .body img");
        assertThat(image).isNotNull();
        assertThat(image.attr("src")).startsWith("/portal/tickets/" + ticket + "/attachments/");
        var download = browser.get(image.attr("src"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    }
}
