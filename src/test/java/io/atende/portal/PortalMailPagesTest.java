package io.atende.portal;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.BrowserSession;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's pages that send e-mail, on a server with SMTP set up. */
class PortalMailPagesTest extends MailTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void forgotPasswordWithEmailOnOffersTheFormAndAnswersAlikeForKnownAndUnknownAddresses() {
        var fixtures = new PortalFixtures(tenants, access);
        var tenant = tenants.create();
        String email = "maria" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Maria Lima", email);
        fixtures.signedIn(tenant.accountId(), customer, email);

        var browser = new BrowserSession(tenants.port());
        var form = browser.get("/portal/forgot?account=" + tenant.accountId());
        assertThat(form.document().select("form[action=/portal/forgot] input[name=email]")).hasSize(1);
        assertThat(form.document().select("p.notice")).isEmpty();
        var known = browser.post("/portal/forgot", "account", tenant.accountId(), "email", email);
        var unknown = browser.post("/portal/forgot", "account", tenant.accountId(), "email", "nobody" + System.nanoTime() + "@example.com");
        assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(200);
        assertThat(known.text("p[role=status]")).isEqualTo(unknown.text("p[role=status]"))
                .isEqualTo("If this address has access to the portal, a link to choose a new password is on its way.");
    }
}
