package io.atende.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.UpdateOperator;
import io.atende.platform.SignInThrottle;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class ConsoleSignInTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorManagement operators;
    @Autowired
    JdbcClient jdbc;

    @Test
    void sendsVisitorsWhoAreNotSignedInToTheSignInPage() {
        var visitor = new BrowserSession(tenants.port());
        var answer = visitor.get("/console/profile");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/console/sign-in");
        var page = visitor.get("/console/sign-in");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("label[for=email]")).hasSize(1);
        assertThat(page.document().select("label[for=password]")).hasSize(1);
    }

    @Test
    void aSessionThisVersionCannotReadAsksToSignInAgainInsteadOfFailing() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        List<String> before = signedInSessions();
        var browser = tenants.signIn(operator);
        var mine = new HashSet<>(signedInSessions());
        mine.removeAll(before);
        assertThat(mine).hasSize(1);

        // What an upgrade leaves behind when the class of a stored identity moved: bytes no class here reads.
        jdbc.sql("update spring_session_attributes set attribute_bytes = :bytes where session_primary_id = :session")
                .param("bytes", "written by another version".getBytes(StandardCharsets.UTF_8))
                .param("session", mine.iterator().next()).update();

        var answer = browser.get("/console/profile");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/console/sign-in");
        assertThat(browser.get("/console/sign-in").status()).isEqualTo(200);
        assertThat(browser.post("/console/sign-in", "email", operator.email(), "password", operator.password()).redirectPath())
                .startsWith("/console/profile");
        assertThat(browser.get("/console/profile").status()).isEqualTo(200);
    }

    private List<String> signedInSessions() {
        return jdbc.sql("select session_primary_id from spring_session_attributes where attribute_name = :name")
                .param("name", OperatorSessions.CONTEXT_ATTRIBUTE).query(String.class).list();
    }

    @Test
    void signsInWithEmailAndPasswordAndReturnsToThePageFirstAskedFor() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/profile");
        browser.get("/console/sign-in");
        var answer = browser.post("/console/sign-in", "email", operator.email().toUpperCase(), "password", operator.password());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).startsWith("/console/profile");

        var profile = browser.get("/console/profile");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.text("header.topbar .who a")).isEqualTo(operator.name());
        assertThat(profile.body()).contains(operator.email());
    }

    @Test
    void servesPagesLoadedAtOnceRightAfterSignIn() throws Exception {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/sign-in");
        assertThat(browser.post("/console/sign-in", "email", operator.email(), "password", operator.password()).status())
                .isEqualTo(302);

        // A tab and the queue's poll, say: the first pages of the new session, at the same moment.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                String path = i % 2 == 0 ? "/console/tickets" : "/console/profile";
                answers.add(pool.submit(() -> {
                    start.await();
                    return browser.get(path).status();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownAddressAlike() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/sign-in");
        var wrongPassword = browser.post("/console/sign-in", "email", operator.email(), "password", "not-the-password");
        var unknown = browser.post("/console/sign-in", "email", "nobody" + System.nanoTime() + "@example.com", "password", "whatever1");
        assertThat(wrongPassword.redirectPath()).isEqualTo("/console/sign-in?error");
        assertThat(unknown.redirectPath()).isEqualTo("/console/sign-in?error");
        var page = browser.get("/console/sign-in?error");
        assertThat(page.text("p.error[role=alert]")).isEqualTo("Wrong e-mail or password.");
        assertThat(browser.acceptLanguage(null).get("/console/sign-in?error").text("p.error[role=alert]")).isEqualTo("E-mail ou senha incorretos.");
        assertThat(browser.get("/console").status()).isEqualTo(302);
    }

    @Test
    void answersAnUnknownAddressWithExactlyThePageOfAWrongPassword() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        String stranger = "nobody" + System.nanoTime() + "@example.com";

        var known = refusedPage(new BrowserSession(tenants.port()), operator.email(), "not-the-password");
        var unknown = refusedPage(new BrowserSession(tenants.port()), stranger, "not-the-password");

        assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(200);
        assertThat(comparable(known.body(), operator.email())).isEqualTo(comparable(unknown.body(), stranger));
    }

    @Test
    void keepsTheTypedEmailInTheFormAfterAWrongPassword() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var page = refusedPage(new BrowserSession(tenants.port()), operator.email(), "not-the-password");
        assertThat(page.document().selectFirst("input#email").val()).isEqualTo(operator.email());
        assertThat(page.document().selectFirst("input#password").val()).isEmpty();
        assertThat(page.document().selectFirst("input#password").hasAttr("autofocus")).isTrue();
        // Only the refused attempt's page shows it: it is not kept for later visits.
        assertThat(new BrowserSession(tenants.port()).get("/console/sign-in").document().selectFirst("input#email").val()).isEmpty();
    }

    @Test
    void throttlesAnAttackerWithoutLockingTheOperatorOut() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        // The attacker comes from ::1, the operator from 127.0.0.1: two client addresses.
        String attackerSite = "http://[::1]:" + tenants.port();
        var attacker = new BrowserSession(tenants.port());
        attacker.get(attackerSite + "/console/sign-in");
        for (int attempt = 1; attempt <= SignInThrottle.PAIR_THRESHOLD; attempt++) {
            assertThat(attacker.post(attackerSite + "/console/sign-in", "email", operator.email(), "password", "guess-" + attempt)
                    .redirectPath()).isEqualTo("/console/sign-in?error");
        }
        var refused = attacker.post(attackerSite + "/console/sign-in", "email", operator.email(), "password", operator.password());
        assertThat(refused.redirectPath()).isEqualTo("/console/sign-in?throttled");
        var page = attacker.get(attackerSite + refused.redirectPath());
        assertThat(page.text("p.error[role=alert]")).isEqualTo("Too many attempts. Try again in 1 minute.");
        assertThat(page.document().selectFirst("input#email").val()).isEqualTo(operator.email());
        assertThat(attacker.get(attackerSite + "/console").status()).isEqualTo(302);

        // The operator, elsewhere, is not locked out.
        var operatorsBrowser = new BrowserSession(tenants.port());
        operatorsBrowser.get("/console/sign-in");
        assertThat(operatorsBrowser.post("/console/sign-in", "email", operator.email(), "password", operator.password()).redirectPath())
                .isEqualTo("/console");
        assertThat(operatorsBrowser.get("/console").status()).isEqualTo(200);

        // An address nobody has is throttled the same way, so the answers tell nothing about who exists.
        String stranger = "nobody" + System.nanoTime() + "@example.com";
        for (int attempt = 1; attempt <= SignInThrottle.PAIR_THRESHOLD; attempt++) {
            assertThat(attacker.post(attackerSite + "/console/sign-in", "email", stranger, "password", "guess-" + attempt)
                    .redirectPath()).isEqualTo("/console/sign-in?error");
        }
        assertThat(attacker.post(attackerSite + "/console/sign-in", "email", stranger, "password", "guess").redirectPath())
                .isEqualTo("/console/sign-in?throttled");
    }

    private BrowserSession.Page refusedPage(BrowserSession browser, String email, String password) {
        browser.get("/console/sign-in");
        var answer = browser.post("/console/sign-in", "email", email, "password", password);
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
    void aSuccessfulSignInForgetsEarlierFailures() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/sign-in");
        for (int attempt = 1; attempt < SignInThrottle.PAIR_THRESHOLD; attempt++) {
            browser.post("/console/sign-in", "email", operator.email(), "password", "wrong-" + attempt);
        }
        assertThat(tenants.signIn(operator).get("/console").status()).isEqualTo(200);
        var again = new BrowserSession(tenants.port());
        again.get("/console/sign-in");
        assertThat(again.post("/console/sign-in", "email", operator.email(), "password", "wrong").redirectPath())
                .isEqualTo("/console/sign-in?error");
    }

    @Test
    void refusesChangesThatCarryNoCsrfToken() {
        var tenant = tenants.create();
        var session = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var forged = session.postWithoutCsrf("/console/profile/language", "language", "es");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(session.get("/console").document().select("html").attr("lang")).isEqualTo("pt-BR");
    }

    @Test
    void signingOutEndsTheSession() {
        var tenant = tenants.create();
        var session = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var answer = session.post("/console/sign-out");
        assertThat(answer.redirectPath()).isEqualTo("/console/sign-in?signed-out");
        assertThat(session.get("/console").status()).isEqualTo(302);
    }

    @Test
    void changesThePasswordOnlyWithTheCurrentOneAndTwoEqualNewOnes() {
        var tenant = tenants.create();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        var session = signedIn.session();
        session.get("/console/profile");

        var wrongCurrent = session.post("/console/profile/password", "current_password", "nope-nope", "password", "new-password-1",
                "password_again", "new-password-1");
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.text("#password-error")).isEqualTo("A senha atual não está correta.");
        assertThat(wrongCurrent.document().selectFirst("#current_password").attr("aria-invalid")).isEqualTo("true");

        var different = session.post("/console/profile/password", "current_password", signedIn.operator().password(),
                "password", "new-password-1", "password_again", "new-password-2");
        assertThat(different.status()).isEqualTo(400);
        assertThat(different.text("#password-error")).isEqualTo("As duas novas senhas não são iguais.");

        var tooShort = session.post("/console/profile/password", "current_password", signedIn.operator().password(),
                "password", "short", "password_again", "short");
        assertThat(tooShort.status()).isEqualTo(400);

        var changed = session.post("/console/profile/password", "current_password", signedIn.operator().password(),
                "password", "new-password-1", "password_again", "new-password-1");
        assertThat(changed.redirectPath()).isEqualTo("/console/profile");
        assertThat(session.get("/console/profile").text("[role=status]")).isEqualTo("Sua senha foi alterada.");

        var withOld = new BrowserSession(tenants.port());
        withOld.get("/console/sign-in");
        assertThat(withOld.post("/console/sign-in", "email", signedIn.operator().email(), "password", signedIn.operator().password())
                .redirectPath()).isEqualTo("/console/sign-in?error");
        assertThat(withOld.post("/console/sign-in", "email", signedIn.operator().email(), "password", "new-password-1")
                .redirectPath()).isEqualTo("/console");
    }

    @Test
    void changingThePasswordEndsTheOperatorsOtherSessionsButNotThisOne() {
        var tenant = tenants.create();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        var here = signedIn.session();
        var elsewhere = tenants.signIn(signedIn.operator());
        var colleague = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(elsewhere.get("/console").status()).isEqualTo(200);

        here.get("/console/profile");
        assertThat(here.post("/console/profile/password", "current_password", signedIn.operator().password(),
                "password", "new-password-1", "password_again", "new-password-1").redirectPath()).isEqualTo("/console/profile");

        assertThat(here.get("/console/profile").status()).isEqualTo(200);
        assertThat(here.get("/console").status()).isEqualTo(200);
        var ended = elsewhere.get("/console");
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.redirectPath()).isEqualTo("/console/sign-in");
        assertThat(colleague.get("/console").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorSettingAnOperatorsPasswordEndsTheirSessions() {
        var tenant = tenants.create();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        var unchanged = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        operators.update(tenant.accountId(), new UpdateOperator(unchanged.operator().id(), "Renamed", null, null, null, null));
        assertThat(unchanged.session().get("/console").status()).isEqualTo(200);

        operators.update(tenant.accountId(), new UpdateOperator(signedIn.operator().id(), null, null, "reset-by-admin-1", null, null));
        assertThat(signedIn.session().get("/console").status()).isEqualTo(302);
    }

    @Test
    void speaksBrazilianPortugueseUntilTheOperatorChoosesAnotherLanguage() {
        var tenant = tenants.create();
        var session = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var home = session.get("/console");
        assertThat(home.document().select("html").attr("lang")).isEqualTo("pt-BR");
        assertThat(home.text("h1")).startsWith("Olá,");

        session.get("/console/profile");
        assertThat(session.post("/console/profile/language", "language", "es").redirectPath()).isEqualTo("/console/profile");
        assertThat(session.get("/console").text("h1")).startsWith("Hola,");
        session.post("/console/profile/language", "language", "en");
        assertThat(session.get("/console").text("h1")).startsWith("Hello,");

        assertThat(session.post("/console/profile/language", "language", "fr").status()).isEqualTo(400);
    }

    @Test
    void keepsOperatorsOutOfAdministration() {
        var tenant = tenants.create();
        var session = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var answer = session.get("/console/admin");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text("p.error")).isEqualTo("Esta página é para administradores.");
        assertThat(session.get("/console").document().select("a[href=/console/admin]")).isEmpty();
    }

    @Test
    void appliesRoleChangesAndDeactivationOnTheNextRequest() {
        var tenant = tenants.create();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        var session = signedIn.session();
        operators.update(tenant.accountId(), new UpdateOperator(signedIn.operator().id(), null, null, null, OperatorRole.ADMIN, null));
        assertThat(session.get("/console").document().select("a[href=/console/admin]")).isNotEmpty();

        operators.update(tenant.accountId(), new UpdateOperator(signedIn.operator().id(), null, null, null, null, false));
        var answer = session.get("/console");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/console/sign-in");
    }

    @Test
    void answersHtmxRequestsOfASignedOutBrowserWithARedirectHeader() {
        var answer = new BrowserSession(tenants.port()).htmx().get("/console/profile");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().firstValue("HX-Redirect")).contains("/console/sign-in");
    }

    @Test
    void servesHtmxAndTheStylesheetWithoutSigningIn() {
        var visitor = new BrowserSession(tenants.port());
        assertThat(visitor.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(visitor.get("/console/assets/console.css").status()).isEqualTo(200);
    }

    @Test
    void apiRequestsStillCreateNoSession() {
        var tenant = tenants.create();
        var response = ApiClient.send(HttpRequest.newBuilder(URI.create(tenant.reader().baseUrl() + "/department/list"))
                .header("Authorization", "Bearer " + tenant.reader().token()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Set-Cookie")).isNull();
    }
}
