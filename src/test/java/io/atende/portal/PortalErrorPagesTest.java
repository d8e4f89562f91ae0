package io.atende.portal;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's error pages: unknown paths and ids are pages in the customer's language, not JSON. */
@ApiTest
class PortalErrorPagesTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    BrowserSession customer;

    @BeforeEach
    void signIn() {
        var tenant = tenants.create();
        var fixtures = new PortalFixtures(tenants, access);
        String email = "maria" + System.nanoTime() + "@example.com";
        customer = fixtures.signedIn(tenant.accountId(), fixtures.customer(tenant, "Maria Lima", email, "language", "es"), email);
    }

    @Test
    void anUnknownPortalPathIsAPageInTheCustomersLanguageWithTheCorrelationId() {
        var page = customer.get("/portal/no-such-page");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.text("main p.error")).isEqualTo("Esta página no existe.");
        assertThat(page.text("main code")).isEqualTo(page.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void anUnknownTicketIsAPageToo() {
        var unknown = customer.get("/portal/tickets/not-a-ticket");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(unknown.document().select("main p.error")).hasSize(1);
        assertThat(unknown.text("main code")).isEqualTo(unknown.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
