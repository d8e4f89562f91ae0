package io.atende.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atende.audit.AuditEntry;
import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.platform.SignInThrottle;
import io.atende.support.ApiTest;
import io.atende.support.AuthenticatorApp;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/portal-and-widget.md, Two-factor sign-in: a portal customer turns it on from their account page; a sign-in then
 * needs a code of their app or a recovery code after the password, wrong codes count in the sign-in throttle, and an
 * account admin resets it from the console's customer page.
 */
@ApiTest
class PortalTwoFactorTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    AuditTrail audit;

    PortalFixtures fixtures;
    TestTenants.Tenant tenant;
    String email;
    String customer;

    @BeforeEach
    void aCustomerWithPortalAccess() {
        fixtures = new PortalFixtures(tenants, access);
        tenant = tenants.create();
        email = "rita" + System.nanoTime() + "@example.com";
        customer = fixtures.customer(tenant, "Rita Souza", email);
    }

    /** The customer's app and recovery codes, once they turned two-factor sign-in on from their account page. */
    record Enrolled(AuthenticatorApp app, List<String> recoveryCodes, BrowserSession session) {
    }

    private Enrolled enrol() {
        var session = fixtures.signedIn(tenant.accountId(), customer, email);
        var account = session.get("/portal/account");
        assertThat(account.text("#two-factor-state")).startsWith("Two-factor sign-in is off");
        assertThat(session.post("/portal/account/two-factor").redirectPath()).isEqualTo("/portal/account/two-factor");
        var page = session.get("/portal/account/two-factor");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.document().select("figure.qr svg path")).hasSize(1);
        var app = new AuthenticatorApp(page.text("#two-factor-secret"));

        var wrong = session.post("/portal/account/two-factor/confirm", "code", app.at(Instant.now().minus(Duration.ofHours(1))));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("#code-error")).isEqualTo("That is not the code the app shows now.");

        var confirmed = session.post("/portal/account/two-factor/confirm", "code", app.now());
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.headers().firstValue("Cache-Control")).hasValue("no-store");
        var codes = confirmed.document().select("#recovery-codes code").eachText();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(session.get("/portal/account").text("#two-factor-state")).isEqualTo("Two-factor sign-in is on: 10 recovery codes left.");
        return new Enrolled(app, codes, session);
    }

    /** The password step: a right password leads to the code page only. */
    private BrowserSession password(BrowserSession browser) {
        browser.get("/portal/sign-in?account=" + tenant.accountId());
        var answer = browser.post("/portal/sign-in", "account", tenant.accountId(), "email", email, "password", PortalFixtures.PASSWORD);
        assertThat(answer.redirectPath()).isEqualTo("/portal/sign-in/code?account=" + tenant.accountId());
        assertThat(browser.get("/portal/tickets").status()).as("the password alone opens nothing").isEqualTo(302);
        assertThat(browser.get(answer.redirectPath()).status()).isEqualTo(200);
        return browser;
    }

    private List<AuditEntry> audited(String accountId, String action) {
        return audit.list(accountId, new AuditFilter(null, null, action, null, null), PageRequest.of(1)).items();
    }

    @Test
    void aCodeOfTheAppOrAnUnusedRecoveryCodeCompletesTheSignInAndAWrongOneDoesNot() {
        var enrolled = enrol();

        var browser = password(new BrowserSession(tenants.port()));
        var wrong = browser.post("/portal/sign-in/code", "code", "000000");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("#code-error")).isEqualTo("That code is not valid. Each code works only once.");
        var signedIn = browser.post("/portal/sign-in/code", "code", enrolled.app().next());
        assertThat(signedIn.redirectPath()).startsWith("/portal/tickets");
        assertThat(browser.get("/portal/tickets").status()).isEqualTo(200);

        String recovery = enrolled.recoveryCodes().get(0);
        var other = password(new BrowserSession(tenants.port()));
        assertThat(other.post("/portal/sign-in/code", "code", recovery.toLowerCase()).redirectPath()).startsWith("/portal/tickets");
        assertThat(audited(tenant.accountId(), "two_factor.recovery_code_used")).singleElement()
                .satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(customer));

        // A recovery code is good once.
        var again = password(new BrowserSession(tenants.port()));
        assertThat(again.post("/portal/sign-in/code", "code", recovery).status()).isEqualTo(400);
        assertThat(again.get("/portal/tickets").status()).isEqualTo(302);
    }

    @Test
    void wrongCodesCountInTheSignInThrottleAndAKnownPasswordDoesNotClearThem() {
        var enrolled = enrol();
        var browser = password(new BrowserSession(tenants.port()));
        for (int attempt = 1; attempt <= SignInThrottle.PAIR_THRESHOLD; attempt++) {
            assertThat(browser.post("/portal/sign-in/code", "code", "00000" + attempt).status()).isEqualTo(400);
        }
        var right = browser.post("/portal/sign-in/code", "code", enrolled.app().next());
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.text("#code-error")).isEqualTo("Too many attempts. Try again in 1 minute.");
        assertThat(browser.get("/portal/tickets").status()).isEqualTo(302);
        assertThat(audited(tenant.accountId(), "sign_in.failed")).hasSize(SignInThrottle.PAIR_THRESHOLD);
    }

    @Test
    void theCustomerTurnsItOffWithTheirPasswordButNotWithAWrongOne() {
        var session = enrol().session();

        var wrong = session.post("/portal/account/two-factor/disable", "confirmation", "not my password");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("#two-factor-error")).isEqualTo("That is neither a current code nor your password.");
        assertThat(wrong.text("#two-factor-state")).startsWith("Two-factor sign-in is on");

        var off = session.post("/portal/account/two-factor/disable", "confirmation", PortalFixtures.PASSWORD);
        assertThat(off.redirectPath()).isEqualTo("/portal/account");
        var page = session.get("/portal/account");
        assertThat(page.text("[role=status]")).isEqualTo("Two-factor sign-in is off.");
        assertThat(page.text("#two-factor-state")).startsWith("Two-factor sign-in is off");
        assertThat(audited(tenant.accountId(), "two_factor.disabled")).singleElement()
                .satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(customer));
        PortalFixtures.signIn(new BrowserSession(tenants.port()), tenant.accountId(), email, PortalFixtures.PASSWORD);
    }

    @Test
    void anAccountAdminResetsACustomersSecondFactorFromTheCustomerPageAndAnAgentCannot() {
        enrol();
        var agent = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var agentPage = agent.get("/console/customers/" + customer);
        assertThat(agentPage.document().select("#customer-two-factor")).isEmpty();
        assertThat(agent.post("/console/customers/" + customer + "/two-factor/reset").status()).isEqualTo(403);

        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/customers/" + customer);
        assertThat(page.text("#customer-two-factor-state")).isEqualTo("A verificação em duas etapas está ativa.");
        var reset = admin.post("/console/customers/" + customer + "/two-factor/reset");
        assertThat(reset.redirectPath()).isEqualTo("/console/customers/" + customer);
        var after = admin.get(reset.redirectPath());
        assertThat(after.text("#customer-two-factor [role=status]")).startsWith("Verificação em duas etapas redefinida");
        assertThat(after.text("#customer-two-factor-state")).isEqualTo("A verificação em duas etapas está desativada.");
        assertThat(after.document().select("#reset-two-factor")).isEmpty();
        assertThat(audited(tenant.accountId(), "customer.two_factor_reset")).singleElement()
                .satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(customer));

        // The password alone signs in again.
        var browser = new BrowserSession(tenants.port());
        PortalFixtures.signIn(browser, tenant.accountId(), email, PortalFixtures.PASSWORD);
        assertThat(browser.get("/portal/tickets").status()).isEqualTo(200);
    }

    @Test
    void anotherAccountsAdminCannotResetTheCustomersSecondFactor() {
        var enrolled = enrol();
        var otherTenant = tenants.create();
        var otherAdmin = tenants.signedIn(otherTenant.accountId(), OperatorRole.ADMIN).session();
        otherAdmin.get("/console/customers");
        assertThat(otherAdmin.post("/console/customers/" + customer + "/two-factor/reset").status()).isEqualTo(404);
        assertThat(otherAdmin.get("/console/customers/" + customer).status()).isEqualTo(404);

        // Still on: the password leads to the code page.
        var browser = password(new BrowserSession(tenants.port()));
        assertThat(browser.post("/portal/sign-in/code", "code", enrolled.app().next()).redirectPath()).startsWith("/portal/tickets");
        assertThat(audited(otherTenant.accountId(), "customer.two_factor_reset")).isEmpty();
    }
}
