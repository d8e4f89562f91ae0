package io.atende.portal;

import java.net.URI;
import java.time.Instant;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalInvitationIssued;
import io.atende.customeraccess.PortalPasswordResetRequested;
import io.atende.customeraccess.PortalSettings;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
@RecordApplicationEvents
class PortalSignInTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    ApplicationEvents events;

    PortalFixtures fixtures;
    TestTenants.Tenant tenant;
    String email;
    String customer;

    @BeforeEach
    void aCustomerWithAnEmail() {
        fixtures = new PortalFixtures(tenants, access);
        tenant = tenants.create();
        email = "maria" + System.nanoTime() + "@example.com";
        customer = fixtures.customer(tenant, "Maria Lima", email, "language", "en");
    }

    @Test
    void anInvitationPublishesTheLinkWhichSetsThePasswordOnceAndTheCustomerSignsIn() {
        var link = access.invite(tenant.accountId(), customer);
        assertThat(link.url()).startsWith("http://localhost:8080/portal/password?account=" + tenant.accountId() + "&token=");
        var issued = events.stream(PortalInvitationIssued.class).filter(e -> e.customerId().equals(customer)).toList();
        assertThat(issued).singleElement().satisfies(event -> {
            assertThat(event.link()).isEqualTo(link.url());
            assertThat(event.email()).isEqualTo(email);
            assertThat(event.language()).isEqualTo("en");
            assertThat(event.expiresAt()).isAfter(Instant.now().plus(CustomerPortalAccess.INVITATION_VALIDITY).minusSeconds(60));
        });

        var browser = new BrowserSession(tenants.port());
        var saved = PortalFixtures.choosePassword(browser, link.url(), "my new password");
        assertThat(saved.status()).isEqualTo(302);
        // Setting the password signs the customer in.
        assertThat(saved.redirectPath()).isEqualTo("/portal/tickets");
        var signedIn = browser.get("/portal/tickets");
        assertThat(signedIn.text("header.topbar .who span")).isEqualTo("Maria Lima");
        assertThat(signedIn.text(".notice")).isEqualTo("Your password is saved and you are signed in.");
        browser.post("/portal/sign-out");
        // Used once: the same link no longer works.
        var again = browser.get(URI.create(link.url()).getRawPath() + "?" + URI.create(link.url()).getRawQuery());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("p.error[role=alert]")).isEqualTo("This link is no longer valid: it was used already or it expired.");

        PortalFixtures.signIn(browser, tenant.accountId(), email.toUpperCase(), "my new password");
        var tickets = browser.get("/portal/tickets");
        assertThat(tickets.status()).isEqualTo(200);
        assertThat(tickets.text("header.topbar .who span")).isEqualTo("Maria Lima");
        assertThat(tickets.text("h1")).isEqualTo("My tickets");
    }

    @Test
    void refusesAPasswordShorterThanEightOrTwoThatDifferInPlaceAndKeepsTheLink() {
        var link = access.invite(tenant.accountId(), customer).url();
        var browser = new BrowserSession(tenants.port());
        var shortOne = PortalFixtures.choosePassword(browser, link, "short");
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.text("#password-error")).isEqualTo("Parameter \"password\" must have at least 8 characters.");
        assertThat(shortOne.document().select("#password[aria-invalid=true]")).hasSize(1);

        var form = browser.get(browser.get(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery()).redirectPath());
        var differ = browser.post("/portal/password", "account", tenant.accountId(), "token", form.document().selectFirst("input[name=token]").val(),
                "password", "long enough 1", "password_again", "long enough 2");
        assertThat(differ.status()).isEqualTo(400);
        assertThat(differ.text("#password-error")).isEqualTo("The two passwords differ.");
        assertThat(PortalFixtures.choosePassword(browser, link, "long enough 1").status()).isEqualTo(302);
    }

    @Test
    void refusesALinkOfAnotherAccountOrAForgedOne() {
        var other = tenants.create();
        var link = URI.create(access.invite(tenant.accountId(), customer).url());
        String token = link.getRawQuery().substring(link.getRawQuery().indexOf("token=") + 6);
        var browser = new BrowserSession(tenants.port());
        assertThat(browser.get("/portal/password?account=" + other.accountId() + "&token=" + token).status()).isEqualTo(400);
        assertThat(browser.get("/portal/password?account=" + tenant.accountId() + "&token=forged").status()).isEqualTo(400);
        var forged = browser.post("/portal/password", "account", tenant.accountId(), "token", "forged", "password", "long enough 1",
                "password_again", "long enough 1");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.text("p.error[role=alert]")).isEqualTo("This link is no longer valid: it was used already or it expired.");
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownAddressAlikeAndSendsVisitorsToSignIn() {
        fixtures.signedIn(tenant.accountId(), customer, email);
        var browser = new BrowserSession(tenants.port());
        var visitor = browser.get("/portal/tickets");
        assertThat(visitor.status()).isEqualTo(302);
        assertThat(visitor.redirectPath()).isEqualTo("/portal/sign-in");
        browser.get("/portal/sign-in?account=" + tenant.accountId());
        var wrong = browser.post("/portal/sign-in", "account", tenant.accountId(), "email", email, "password", "not the password");
        var unknown = browser.post("/portal/sign-in", "account", tenant.accountId(), "email", "nobody@example.com", "password", "whatever1");
        assertThat(wrong.redirectPath()).isEqualTo("/portal/sign-in?error&account=" + tenant.accountId());
        assertThat(unknown.redirectPath()).isEqualTo(wrong.redirectPath());
        assertThat(browser.get(wrong.redirectPath()).text("p.error[role=alert]")).isEqualTo("Wrong e-mail or password.");
        // The right password in another account is no password at all.
        var elsewhere = browser.post("/portal/sign-in", "account", tenants.create().accountId(), "email", email, "password", PortalFixtures.PASSWORD);
        assertThat(elsewhere.redirectPath()).startsWith("/portal/sign-in?error");
    }

    @Test
    void throttlesAnAttackerWithoutLockingTheCustomerOutAndKeepsTheTypedEmail() {
        fixtures.signedIn(tenant.accountId(), customer, email);
        // The attacker comes from ::1, the customer from 127.0.0.1: two client addresses.
        String attackerSite = "http://[::1]:" + tenants.port();
        var attacker = new BrowserSession(tenants.port());
        attacker.get(attackerSite + "/portal/sign-in?account=" + tenant.accountId());
        for (int attempt = 1; attempt <= io.atende.platform.SignInThrottle.PAIR_THRESHOLD; attempt++) {
            var refused = attacker.post(attackerSite + "/portal/sign-in", "account", tenant.accountId(), "email", email, "password", "wrong-" + attempt);
            assertThat(refused.redirectPath()).isEqualTo("/portal/sign-in?error&account=" + tenant.accountId());
        }
        var right = attacker.post(attackerSite + "/portal/sign-in", "account", tenant.accountId(), "email", email, "password", PortalFixtures.PASSWORD);
        assertThat(right.redirectPath()).isEqualTo("/portal/sign-in?throttled&account=" + tenant.accountId());
        var page = attacker.get(attackerSite + right.redirectPath());
        assertThat(page.text("p.error[role=alert]")).isEqualTo("Too many attempts. Try again in 1 minute.");
        assertThat(page.document().selectFirst("input#email").val()).isEqualTo(email);

        var customersBrowser = new BrowserSession(tenants.port());
        PortalFixtures.signIn(customersBrowser, tenant.accountId(), email, PortalFixtures.PASSWORD);
        assertThat(customersBrowser.get("/portal/tickets").status()).isEqualTo(200);
    }

    @Test
    void answersAnUnknownAddressWithExactlyThePageOfAWrongPasswordWithTheEmailKept() {
        fixtures.signedIn(tenant.accountId(), customer, email);
        String stranger = "nobody" + System.nanoTime() + "@example.com";
        var known = refusedPage(email);
        var unknown = refusedPage(stranger);
        assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(200);
        assertThat(known.document().selectFirst("input#email").val()).isEqualTo(email);
        assertThat(known.text("p.error[role=alert]")).isEqualTo("Wrong e-mail or password.");
        assertThat(comparable(known.body(), email)).isEqualTo(comparable(unknown.body(), stranger));
    }

    @Test
    void settingAPasswordFromAResetLinkSignsTheCustomerInHereAndEndsTheirOtherSessions() {
        var first = fixtures.signedIn(tenant.accountId(), customer, email);
        var second = new BrowserSession(tenants.port());
        PortalFixtures.signIn(second, tenant.accountId(), email, PortalFixtures.PASSWORD);
        assertThat(second.get("/portal/tickets").status()).isEqualTo(200);

        access.requestReset(tenant.accountId(), email);
        var link = events.stream(PortalPasswordResetRequested.class).reduce((earlier, later) -> later).orElseThrow().link();
        var resetting = new BrowserSession(tenants.port());
        var saved = PortalFixtures.choosePassword(resetting, link, "a brand new one");
        assertThat(saved.redirectPath()).isEqualTo("/portal/tickets");
        assertThat(resetting.get("/portal/tickets").status()).isEqualTo(200);

        assertThat(first.get("/portal/tickets").redirectPath()).isEqualTo("/portal/sign-in");
        assertThat(second.get("/portal/tickets").redirectPath()).isEqualTo("/portal/sign-in");
    }

    private BrowserSession.Page refusedPage(String typedEmail) {
        var browser = new BrowserSession(tenants.port());
        browser.get("/portal/sign-in?account=" + tenant.accountId());
        var answer = browser.post("/portal/sign-in", "account", tenant.accountId(), "email", typedEmail, "password", "not the password");
        assertThat(answer.status()).isEqualTo(302);
        return browser.get(answer.redirectPath());
    }

    /** The page without what differs between any two visits (the CSRF token) and the typed address. */
    private static String comparable(String body, String typedEmail) {
        // The CSRF token and the Content-Security-Policy nonce differ on every answer by design.
        return body.replace(typedEmail, "TYPED").replaceAll("(name=\"_csrf\"[^>]*(value|content)=\")[^\"]*", "$1")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"");
    }

    @Test
    void forgotPasswordWithEmailOffSaysSoInsteadOfPretendingToSend() {
        // The test server has no SMTP host.
        fixtures.signedIn(tenant.accountId(), customer, email);
        var browser = new BrowserSession(tenants.port());
        var form = browser.get("/portal/forgot?account=" + tenant.accountId());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.text("p.notice[role=status]")).isEqualTo("This help desk does not send e-mail, so no link can reach you. "
                + "Ask the support team for a new invitation link.");
        assertThat(form.document().select("form[action=/portal/forgot]")).isEmpty();
        assertThat(form.document().select("a[href^=/portal/sign-in]")).hasSize(1);

        var posted = browser.post("/portal/forgot", "account", tenant.accountId(), "email", email);
        assertThat(posted.status()).isEqualTo(409);
        assertThat(posted.text("p.notice[role=status]")).startsWith("This help desk does not send e-mail");
        assertThat(posted.body()).doesNotContain("is on its way");
    }

    @Test
    void resetLinksArePublishedOnlyForCustomersWithAccessAndWorkOnce() {
        fixtures.signedIn(tenant.accountId(), customer, email);
        // In the test's own thread, to see the event: the link resets the password, once.
        String uninvited = "u" + System.nanoTime() + "@example.com";
        fixtures.customer(tenant, "Uninvited", uninvited);
        access.requestReset(tenant.accountId(), uninvited);
        assertThat(events.stream(PortalPasswordResetRequested.class)).isEmpty();
        access.requestReset(tenant.accountId(), email);
        var reset = events.stream(PortalPasswordResetRequested.class).toList();
        assertThat(reset).singleElement().satisfies(event -> {
            assertThat(event.customerId()).isEqualTo(customer);
            assertThat(event.customerName()).isEqualTo("Maria Lima");
        });
        var fresh = new BrowserSession(tenants.port());
        assertThat(PortalFixtures.choosePassword(fresh, reset.get(0).link(), "a brand new one").status()).isEqualTo(302);
        PortalFixtures.signIn(fresh, tenant.accountId(), email, "a brand new one");
    }

    @Test
    void selfRegistrationIsOffByDefaultAndWhenOnCreatesTheCustomerAndInvitesThem() {
        var browser = new BrowserSession(tenants.port());
        // Off: a normal page that says how to get in, with the way to sign in and to the help center.
        var closed = browser.get("/portal/register?account=" + tenant.accountId());
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("p.notice[role=status]")).isEqualTo("This help desk does not accept sign-ups; ask the support team for an invitation.");
        assertThat(closed.document().select("form[action=/portal/register]")).isEmpty();
        assertThat(closed.document().select("a[href=/portal/sign-in?account=" + tenant.accountId() + "]")).hasSize(1);
        assertThat(closed.document().select("a[href=/accounts/" + tenant.accountId() + "/kb]")).hasSize(1);
        var refused = browser.post("/portal/register", "account", tenant.accountId(), "name", "Novo", "email", "novo@example.com");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("p.notice[role=status]")).isEqualTo("This help desk does not accept sign-ups; ask the support team for an invitation.");
        assertThat(browser.get("/portal/sign-in?account=" + tenant.accountId()).document().select("a[href*=register]")).isEmpty();
        assertThat(browser.get("/portal/sign-in?account=" + tenant.accountId()).document()
                .select("a[href=/accounts/" + tenant.accountId() + "/kb]")).hasSize(1);

        access.updateSettings(tenant.accountId(), new PortalSettings(true, java.util.List.of(), null));
        assertThat(browser.get("/portal/sign-in?account=" + tenant.accountId()).document().select("a[href*=register]")).hasSize(1);
        browser.get("/portal/register?account=" + tenant.accountId());
        var missing = browser.post("/portal/register", "account", tenant.accountId(), "name", "", "email", "new@example.com");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.document().select("#name[aria-invalid=true]")).hasSize(1);
        String address = "new" + System.nanoTime() + "@example.com";
        var done = browser.post("/portal/register", "account", tenant.accountId(), "name", "Novo Cliente", "email", address);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.text("p[role=status]")).isEqualTo("Check your e-mail: we sent a link to choose your password.");
        var found = tenant.reader().get("/customer/details", "customer_id", address, "customer_id_type", "E");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.data().get(0).get("name").asString()).isEqualTo("Novo Cliente");
    }

    @Test
    void anOperatorsConsoleSessionIsNoPortalSessionAndACustomersIsNoConsoleSession() {
        var operator = tenants.signedIn(tenant.accountId(), io.atende.operator.OperatorRole.ADMIN).session();
        var portal = operator.get("/portal/tickets");
        assertThat(portal.status()).isEqualTo(302);
        assertThat(portal.redirectPath()).isEqualTo("/portal/sign-in");

        var customerSession = fixtures.signedIn(tenant.accountId(), customer, email);
        var console = customerSession.get("/console");
        assertThat(console.status()).isEqualTo(302);
        assertThat(console.redirectPath()).isEqualTo("/console/sign-in");
        // Signing out of the portal leaves a console sign-in in the same browser alone.
        PortalFixtures.signIn(operator, tenant.accountId(), email, PortalFixtures.PASSWORD);
        assertThat(operator.get("/console").status()).isEqualTo(200);
        operator.get("/portal/tickets");
        assertThat(operator.post("/portal/sign-out").redirectPath()).startsWith("/portal/sign-in?signed-out");
        assertThat(operator.get("/portal/tickets").status()).isEqualTo(302);
        assertThat(operator.get("/console").status()).isEqualTo(200);
    }

    @Test
    void refusesAFormPostedWithoutTheCsrfToken() {
        var browser = new BrowserSession(tenants.port());
        browser.get("/portal/sign-in?account=" + tenant.accountId());
        assertThat(browser.postWithoutCsrf("/portal/forgot", "account", tenant.accountId(), "email", email).status()).isEqualTo(403);
    }
}
