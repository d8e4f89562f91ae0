package io.atende.console;

import java.net.URI;
import java.util.List;

import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.department.DepartmentManagement;
import io.atende.platform.PageRequest;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.operator.OperatorTwoFactor;
import io.atende.operator.UpdateOperator;
import io.atende.sso.ConfigureSso;
import io.atende.sso.SingleSignOn;
import io.atende.support.ApiTest;
import io.atende.support.AuthenticatorApp;
import io.atende.support.BrowserSession;
import io.atende.support.OpenIdProvider;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on against a real OpenID Provider (Spring Authorization Server, {@link OpenIdProvider}) on its own port:
 * the console's button leads to the provider, whose sign-in page is filled in, and the provider's answer comes back to
 * the console, as a browser would do it but without one (cookies per host, redirects followed by hand).
 */
@ApiTest
class SingleSignOnTest {

    static OpenIdProvider provider;

    @Autowired
    TestTenants tenants;
    @Autowired
    SingleSignOn singleSignOn;
    @Autowired
    OperatorManagement operators;
    @Autowired
    OperatorSignIn operatorSignIn;
    @Autowired
    OperatorTwoFactor twoFactor;
    @Autowired
    DepartmentManagement departments;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startProvider() {
        provider = OpenIdProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    /** An account whose single sign-on is on, its client registered at the provider under {@code clientId}. */
    String accountWithSso(String clientId, boolean createOperators, boolean passwordSignIn, boolean trustSecondFactor, List<String> departmentIds) {
        String accountId = tenants.create().accountId();
        provider.registerClient(clientId, "secret-" + clientId, "http://localhost:" + tenants.port() + "/console/sso/callback/" + accountId);
        singleSignOn.configure(accountId, new ConfigureSso(true, "Acme ID", provider.issuer(), clientId, "secret-" + clientId,
                List.of("acme.test"), createOperators, OperatorRole.OPERATOR, departmentIds, passwordSignIn, trustSecondFactor));
        return accountId;
    }

    String accountWithSso(String clientId) {
        return accountWithSso(clientId, false, true, true, List.of());
    }

    static String person(String name, boolean verified) {
        String email = name + System.nanoTime() + "@acme.test";
        provider.addPerson(email, name, verified);
        return email;
    }

    /** Follows one redirect, relative or not. */
    static BrowserSession.Page follow(BrowserSession session, String from, BrowserSession.Page redirect) {
        assertThat(redirect.status()).as("a redirect from " + from).isEqualTo(302);
        return session.get(URI.create(from).resolve(redirect.location()).toString());
    }

    /**
     * From the account's "Sign in with" button to the provider's sign-in page, signing in there as {@code email}, up
     * to the provider's redirect back to the console; answers that redirect's target.
     */
    String throughProvider(BrowserSession session, String accountId, String email) {
        var button = session.get("/console/sso/authorize/" + accountId);
        assertThat(button.status()).isEqualTo(302);
        assertThat(button.location()).startsWith(provider.issuer() + "/oauth2/authorize");
        assertThat(button.location()).contains("state=", "nonce=", "scope=openid");
        var authorize = session.get(button.location());
        var loginPage = follow(session, button.location(), authorize);
        assertThat(loginPage.status()).isEqualTo(200);
        var signedIn = session.post(provider.issuer() + "/login", "username", email, "password", OpenIdProvider.PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        String continued = URI.create(provider.issuer() + "/login").resolve(signedIn.location()).toString();
        var code = session.get(continued);
        assertThat(code.status()).isEqualTo(302);
        String back = URI.create(continued).resolve(code.location()).toString();
        assertThat(back).startsWith("http://localhost:" + tenants.port() + "/console/sso/callback/" + accountId + "?code=");
        return back;
    }

    /** The whole sign-in; answers the console's answer to the provider's redirect. */
    BrowserSession.Page signIn(BrowserSession session, String accountId, String email) {
        return session.get(throughProvider(session, accountId, email));
    }

    /** The reasons of the account's refused sign-ins in its audit log. */
    List<Object> failedSignIns(String accountId) {
        return audit.list(accountId, new AuditFilter(null, null, "sign_in.failed", null, null), PageRequest.of(1)).items().stream()
                .map(entry -> entry.after().get("reason")).toList();
    }

    @Test
    void testConnectionReadsTheIssuersDiscoveryDocument() {
        var admin = tenants.signedIn(tenants.create().accountId(), OperatorRole.ADMIN).session();
        admin.get("/console/admin/sso");
        var tested = admin.post("/console/admin/sso/test", "issuer", provider.issuer());
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.text("#test-result")).contains(provider.issuer() + "/oauth2/authorize", provider.issuer() + "/oauth2/token", "openid");

        var unreachable = admin.post("/console/admin/sso/test", "issuer", "http://127.0.0.1:1/realms/nowhere");
        assertThat(unreachable.status()).isEqualTo(400);
        assertThat(unreachable.text("#test-result .error")).contains("http://127.0.0.1:1/realms/nowhere");
        assertThat(unreachable.document().selectFirst("#issuer").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void anAdminConfiguresSingleSignOnOnItsPageAndSeesWhatIsWrong() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/admin/sso");
        assertThat(page.text("#redirect-uri")).isEqualTo("http://localhost:" + tenants.port() + "/console/sso/callback/" + tenant.accountId());

        var noDomain = admin.post("/console/admin/sso", "enabled", "true", "provider_name", "Acme ID", "issuer", provider.issuer(),
                "client_id", "page-client", "client_secret", "s3cret", "allowed_domains", "");
        assertThat(noDomain.status()).isEqualTo(400);
        assertThat(noDomain.document().selectFirst("#allowed_domains").attr("aria-invalid")).isEqualTo("true");
        assertThat(singleSignOn.settings(tenant.accountId())).isEmpty();

        var wrongIssuer = admin.post("/console/admin/sso", "enabled", "true", "provider_name", "Acme ID", "issuer", provider.issuer() + "/other",
                "client_id", "page-client", "client_secret", "s3cret", "allowed_domains", "acme.test");
        assertThat(wrongIssuer.status()).isEqualTo(400);
        assertThat(wrongIssuer.document().selectFirst("#issuer").attr("aria-invalid")).isEqualTo("true");
        assertThat(singleSignOn.settings(tenant.accountId())).isEmpty();

        var saved = admin.post("/console/admin/sso", "enabled", "true", "provider_name", "Acme ID", "issuer", provider.issuer(),
                "client_id", "page-client", "client_secret", "s3cret", "allowed_domains", "Acme.test\n@example.org",
                "password_sign_in", "true", "trust_provider_second_factor", "true");
        assertThat(saved.status()).isEqualTo(302);
        var settings = singleSignOn.settings(tenant.accountId()).orElseThrow();
        assertThat(settings.allowedDomains()).containsExactly("acme.test", "example.org");
        assertThat(settings.clientSecretSet()).isTrue();
        // A copy of the database does not reveal it: the column holds it sealed with the installation's key.
        String stored = jdbc.sql("select client_secret from sso_settings where account_id = :account")
                .param("account", tenant.accountId()).query(String.class).single();
        assertThat(stored).startsWith("sealed:").doesNotContain("s3cret");
        // The secret is never shown again; saving without one keeps it.
        var again = admin.get("/console/admin/sso");
        assertThat(again.body()).doesNotContain("s3cret");
        admin.post("/console/admin/sso", "enabled", "true", "provider_name", "Acme", "issuer", provider.issuer(),
                "client_id", "page-client", "client_secret", "", "allowed_domains", "acme.test", "password_sign_in", "true");
        assertThat(singleSignOn.settings(tenant.accountId()).orElseThrow().clientSecretSet()).isTrue();
        assertThat(singleSignOn.settings(tenant.accountId()).orElseThrow().providerName()).isEqualTo("Acme");

        // Operators who are not admins cannot reach it.
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/sso").status()).isEqualTo(403);
    }

    @Test
    void anOperatorSignsInThroughTheProviderAndLandsInTheConsole() {
        String accountId = accountWithSso("known-" + System.nanoTime());
        String email = person("ana", true);
        var operator = operators.create(accountId, new CreateOperator("Ana Souza", email, null, OperatorRole.OPERATOR, true));
        var session = new BrowserSession(tenants.port());
        var signInPage = session.get("/console/sign-in?account=" + accountId);
        assertThat(signInPage.text("#sso-sign-in")).isEqualTo("Sign in with Acme ID");

        var answer = signIn(session, accountId, email);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/console");
        var console = session.get("/console");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains(operator.name());
    }

    @Test
    void aChangedClientAppliesToTheNextSignIn() {
        String first = "first-" + System.nanoTime();
        String accountId = accountWithSso(first);
        String email = person("jade", true);
        operators.create(accountId, new CreateOperator("Jade", email, null, OperatorRole.OPERATOR, true));
        assertThat(signIn(new BrowserSession(tenants.port()), accountId, email).redirectPath()).isEqualTo("/console");

        String second = "second-" + System.nanoTime();
        provider.registerClient(second, "secret-" + second, "http://localhost:" + tenants.port() + "/console/sso/callback/" + accountId);
        singleSignOn.configure(accountId, new ConfigureSso(true, "Acme ID", provider.issuer(), second, "secret-" + second,
                List.of("acme.test"), false, OperatorRole.OPERATOR, List.of(), true, true));
        // This node's registration was dropped with the change: the button asks for the new client at once.
        assertThat(new BrowserSession(tenants.port()).get("/console/sso/authorize/" + accountId).location()).contains("client_id=" + second);
        var session = new BrowserSession(tenants.port());
        String back = throughProvider(session, accountId, email);
        assertThat(session.get(back).redirectPath()).isEqualTo("/console");
    }

    @Test
    void anAnswerThatMatchesNoSignInStartedInThisBrowserIsRefused() {
        String accountId = accountWithSso("state-" + System.nanoTime());
        String email = person("bia", true);
        operators.create(accountId, new CreateOperator("Bia", email, null, OperatorRole.OPERATOR, true));
        var session = new BrowserSession(tenants.port());
        String back = throughProvider(session, accountId, email);

        // The same code with another state: the sign-in this browser started is not found.
        String forgedState = back.replaceAll("state=[^&]+", "state=forged");
        var refused = session.get(forgedState);
        assertThat(refused.redirectPath()).isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=state");
        assertThat(session.get("/console").status()).isEqualTo(302);

        // Another browser bringing a real answer: it started nothing.
        var other = new BrowserSession(tenants.port());
        assertThat(other.get(back).redirectPath()).isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=state");
        assertThat(other.get("/console").status()).isEqualTo(302);
        var page = other.get("/console/sign-in?account=" + accountId + "&sso-error=state");
        assertThat(page.text("#sso-error")).contains("could not be matched");
    }

    @Test
    void anIdTokenFromAnotherIssuerForAnotherAudienceOrWithAnotherNonceIsRefused() {
        for (String forged : List.of(OpenIdProvider.FORGE_ISSUER, OpenIdProvider.FORGE_AUDIENCE, OpenIdProvider.FORGE_NONCE)) {
            String accountId = accountWithSso(forged + System.nanoTime());
            String email = person("caio", true);
            operators.create(accountId, new CreateOperator("Caio", email, null, OperatorRole.OPERATOR, true));
            var session = new BrowserSession(tenants.port());
            var answer = signIn(session, accountId, email);
            assertThat(answer.redirectPath()).as(forged).isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=id_token");
            assertThat(session.get("/console").status()).as(forged).isEqualTo(302);
        }
    }

    @Test
    void aDeactivatedOperatorIsRefused() {
        String accountId = accountWithSso("inactive-" + System.nanoTime());
        String email = person("dora", true);
        var operator = operators.create(accountId, new CreateOperator("Dora", email, null, OperatorRole.OPERATOR, true));
        operators.update(accountId, new UpdateOperator(operator.id(), null, null, null, null, false));
        var session = new BrowserSession(tenants.port());
        assertThat(signIn(session, accountId, email).redirectPath())
                .isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=deactivated");
        assertThat(session.get("/console").status()).isEqualTo(302);
        assertThat(failedSignIns(accountId)).containsExactly("deactivated");
    }

    @Test
    void anAddressOutsideTheAllowedDomainsOrUnverifiedIsRefused() {
        String accountId = accountWithSso("domains-" + System.nanoTime(), true, true, true, List.of());
        String outsider = "eva" + System.nanoTime() + "@elsewhere.test";
        provider.addPerson(outsider, "Eva", true);
        var session = new BrowserSession(tenants.port());
        assertThat(signIn(session, accountId, outsider).redirectPath())
                .isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=domain_not_allowed");
        assertThat(operatorSignIn.byEmail(accountId, outsider)).isEmpty();

        String unverified = person("fabio", false);
        var other = new BrowserSession(tenants.port());
        assertThat(signIn(other, accountId, unverified).redirectPath())
                .isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=email_unverified");
        assertThat(operatorSignIn.byEmail(accountId, unverified)).isEmpty();
    }

    @Test
    void anIdTokenWithoutAnEmailAddressIsRefusedAndCreatesNobodyEvenWhenTheAccountCreatesOperators() {
        String accountId = accountWithSso(OpenIdProvider.NO_EMAIL + System.nanoTime(), true, true, true, List.of());
        long operatorsBefore = operatorCount(accountId);
        String email = person("helena", true);
        var session = new BrowserSession(tenants.port());
        var answer = signIn(session, accountId, email);
        assertThat(answer.redirectPath()).isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=email_missing");
        assertThat(session.get(answer.redirectPath()).text("#sso-error")).isEqualTo("The identity provider gave no e-mail address.");
        assertThat(session.get("/console").status()).isEqualTo(302);
        assertThat(operatorSignIn.byEmail(accountId, email)).isEmpty();
        assertThat(operatorCount(accountId)).isEqualTo(operatorsBefore);
        assertThat(failedSignIns(accountId)).containsExactly("email_missing");
    }

    long operatorCount(String accountId) {
        return jdbc.sql("select count(*) from operator where account_id = :account").param("account", accountId).query(Long.class).single();
    }

    @Test
    void someoneUnknownIsRefusedUnlessTheAccountCreatesOperators() {
        String closed = accountWithSso("closed-" + System.nanoTime());
        String email = person("gil", true);
        var session = new BrowserSession(tenants.port());
        assertThat(signIn(session, closed, email).redirectPath())
                .isEqualTo("/console/sign-in?account=" + closed + "&sso-error=unknown_operator");
        assertThat(operatorSignIn.byEmail(closed, email)).isEmpty();

        String openAccount = tenants.create().accountId();
        var support = departments.createDepartment(openAccount, "Support");
        String clientId = "open-" + System.nanoTime();
        provider.registerClient(clientId, "secret", "http://localhost:" + tenants.port() + "/console/sso/callback/" + openAccount);
        singleSignOn.configure(openAccount, new ConfigureSso(true, "Acme ID", provider.issuer(), clientId, "secret", List.of("acme.test"),
                true, OperatorRole.OPERATOR, List.of(support.id()), true, true));
        var newcomer = new BrowserSession(tenants.port());
        assertThat(signIn(newcomer, openAccount, email).redirectPath()).isEqualTo("/console");
        var created = operatorSignIn.byEmail(openAccount, email).orElseThrow().operator();
        assertThat(created.name()).isEqualTo("gil");
        assertThat(created.role()).isEqualTo(OperatorRole.OPERATOR);
        assertThat(departments.isMember(openAccount, support.id(), created.id())).isTrue();
        assertThat(newcomer.get("/console").status()).isEqualTo(200);
        // The account where the address is unknown still has nobody with it: accounts are apart.
        assertThat(operatorSignIn.byEmail(closed, email)).isEmpty();
    }

    @Test
    void anAccountThatTurnsPasswordsOffSendsOperatorsToTheProviderButAdminsKeepTheirPassword() {
        String accountId = accountWithSso("passwords-" + System.nanoTime(), false, false, true, List.of());
        var operator = tenants.operator(accountId, OperatorRole.OPERATOR);
        var session = new BrowserSession(tenants.port());
        var page = session.get("/console/sign-in?account=" + accountId);
        assertThat(page.document().selectFirst("#password")).isNull();
        assertThat(page.text("#sso-sign-in")).isEqualTo("Sign in with Acme ID");
        session.get("/console/sign-in");
        var refused = session.post("/console/sign-in", "email", operator.email(), "password", operator.password());
        assertThat(refused.redirectPath()).isEqualTo("/console/sign-in?account=" + accountId + "&password-off");
        assertThat(session.get("/console").status()).isEqualTo(302);
        assertThat(failedSignIns(accountId)).containsExactly("password_sign_in_off");

        // Break glass: an admin signs in with a password, from the page that shows the form on request.
        var admin = tenants.operator(accountId, OperatorRole.ADMIN);
        var adminSession = new BrowserSession(tenants.port());
        var form = adminSession.get("/console/sign-in?account=" + accountId + "&password");
        assertThat(form.document().selectFirst("#password")).isNotNull();
        var signedIn = adminSession.post("/console/sign-in", "email", admin.email(), "password", admin.password());
        assertThat(signedIn.redirectPath()).isEqualTo("/console");
    }

    @Test
    void anAccountThatDoesNotTrustTheProviderForTwoFactorStillAsksForTheCode() {
        String accountId = accountWithSso("second-factor-" + System.nanoTime(), false, true, false, List.of());
        String email = person("hugo", true);
        var hugo = operators.create(accountId, new CreateOperator("Hugo", email, null, OperatorRole.OPERATOR, true));
        var app = new AuthenticatorApp(twoFactor.startEnrolment(accountId, hugo.id()).secret());
        twoFactor.confirmEnrolment(accountId, hugo.id(), app.now());
        var session = new BrowserSession(tenants.port());
        assertThat(signIn(session, accountId, email).redirectPath()).isEqualTo(PendingSignIn.CODE_PAGE);
        assertThat(session.get("/console").status()).isEqualTo(302);
        session.get(PendingSignIn.CODE_PAGE);
        // On to the page asked for before signing in.
        assertThat(session.post(PendingSignIn.CODE_PAGE, "code", app.next()).redirectPath()).startsWith("/console?continue");
        assertThat(session.get("/console").status()).isEqualTo(200);

        // Trusted, the provider's sign-in is enough.
        var trusted = singleSignOn.settings(accountId).orElseThrow();
        singleSignOn.configure(accountId, new ConfigureSso(true, trusted.providerName(), trusted.issuer(), trusted.clientId(), null,
                trusted.allowedDomains(), false, OperatorRole.OPERATOR, List.of(), true, true));
        var again = new BrowserSession(tenants.port());
        assertThat(signIn(again, accountId, email).redirectPath()).isEqualTo("/console");
    }

    @Test
    void anAccountWithoutSingleSignOnOffersNone() {
        String accountId = tenants.create().accountId();
        var session = new BrowserSession(tenants.port());
        assertThat(session.get("/console/sign-in?account=" + accountId).document().selectFirst("#sso-sign-in")).isNull();
        assertThat(session.get("/console/sso/authorize/" + accountId).redirectPath())
                .isEqualTo("/console/sign-in?account=" + accountId + "&sso-error=unavailable");
        assertThat(session.get("/console/sso/authorize/no-such-account").redirectPath())
                .isEqualTo("/console/sign-in?account=no-such-account&sso-error=unavailable");
    }
}
