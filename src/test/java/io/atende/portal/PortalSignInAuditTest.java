package io.atende.portal;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class PortalSignInAuditTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void portalSignInsAndFailedSignInsAreInTheAccountsAuditLog() {
        var tenant = tenants.create();
        var fixtures = new PortalFixtures(tenants, access);
        String email = "cliente" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Cliente", email);
        fixtures.signedIn(tenant.accountId(), customer, email);
        var stranger = new BrowserSession(tenants.port());
        stranger.get("/portal/sign-in?account=" + tenant.accountId());
        stranger.post("/portal/sign-in", "account", tenant.accountId(), "email", email, "password", "a wrong guess");

        var listed = tenant.admin().get("/audit/list", "subject_id", customer);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().get(0).get("action").asString()).isEqualTo("sign_in.failed");
        assertThat(listed.data().get(0).get("actor_type").asString()).isEqualTo("system");
        assertThat(listed.data().get(0).get("client_address").asString()).isNotBlank();
        assertThat(listed.data().get(1).get("action").asString()).isEqualTo("sign_in.succeeded");
        assertThat(listed.data().get(1).get("actor_type").asString()).isEqualTo("customer");
        assertThat(listed.data().get(1).get("actor_id").asString()).isEqualTo(customer);
        assertThat(listed.data().get(1).get("after").get("area").asString()).isEqualTo("portal");
        assertThat(listed.text()).doesNotContain(PortalFixtures.PASSWORD, "a wrong guess");
    }
}
