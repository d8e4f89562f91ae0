package io.atende.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atende.audit.AuditEntry;
import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.platform.PageRequest;
import io.atende.platform.SignInThrottle;
import io.atende.support.ApiTest;
import io.atende.support.AuthenticatorApp;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Two-factor sign-in of operators: enrolment in the profile, the code step of a sign-in, recovery codes, the admin's switch and reset. */
@ApiTest
class ConsoleTwoFactorTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OperatorSignIn signIn;

    /** A new operator whose console speaks English (the account's default is Portuguese). */
    private TestTenants.Operator operator(String accountId, OperatorRole role) {
        var operator = tenants.operator(accountId, role);
        signIn.chooseLanguage(accountId, operator.id(), "en");
        return operator;
    }

    private TestTenants.SignedIn signedIn(String accountId, OperatorRole role) {
        var operator = operator(accountId, role);
        return new TestTenants.SignedIn(operator, tenants.signIn(operator));
    }

    /** An operator who turned two-factor sign-in on in their profile, with their app and recovery codes. */
    record Enrolled(TestTenants.Operator operator, AuthenticatorApp app, List<String> recoveryCodes, BrowserSession session) {
    }

    private Enrolled enrol(TestTenants.Operator operator) {
        var session = tenants.signIn(operator);
        var profile = session.get("/console/profile");
        assertThat(profile.text("#two-factor-state")).startsWith("Two-factor sign-in is off");
        var started = session.post("/console/profile/two-factor");
        assertThat(started.redirectPath()).isEqualTo("/console/profile/two-factor");
        var page = session.get("/console/profile/two-factor");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.document().select("figure.qr svg path")).hasSize(1);
        String key = page.text("#two-factor-secret");
        // 160 bits in Base32: 32 characters.
        assertThat(key.replace(" ", "")).matches("[A-Z2-7]{32}");
        // What the QR code carries, also offered as a link for a phone: issuer, account, e-mail and the key.
        var account = accountName(operator.accountId());
        assertThat(page.document().selectFirst("#otpauth-link").attr("href")).isEqualTo("otpauth://totp/"
                + java.net.URLEncoder.encode("Atende:" + operator.email() + " (" + account + ")", java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + "?secret=" + key.replace(" ", "") + "&issuer=Atende&algorithm=SHA1&digits=6&period=30");
        var app = new AuthenticatorApp(key);
        var confirmed = session.post("/console/profile/two-factor/confirm", "code", app.now());
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.headers().firstValue("Cache-Control")).hasValue("no-store");
        var codes = confirmed.document().select("#recovery-codes code").eachText();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}"));
        assertThat(session.get("/console/profile").text("#two-factor-state")).isEqualTo("Two-factor sign-in is on: 10 recovery codes left.");
        return new Enrolled(operator, app, codes, session);
    }

    private String accountName(String accountId) {
        return jdbc.sql("select name from account where id = :id").param("id", accountId).query(String.class).single();
    }

    private static BrowserSession.Page password(BrowserSession browser, TestTenants.Operator operator) {
        browser.get("/console/sign-in");
        return browser.post("/console/sign-in", "email", operator.email(), "password", operator.password());
    }

    private List<AuditEntry> audited(String accountId, String action) {
        return audit.list(accountId, new AuditFilter(null, null, action, null, null), PageRequest.of(1)).items();
    }

    @Test
    void theEnrolmentPageShowsTheKeyAsAQrCodeAndTextAndAWrongFirstCodeChangesNothing() {
        var tenant = tenants.create();
        var signedIn = signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        var session = signedIn.session();
        session.get("/console/profile");
        session.post("/console/profile/two-factor");
        var page = session.get("/console/profile/two-factor");
        var app = new AuthenticatorApp(page.text("#two-factor-secret"));

        var wrong = session.post("/console/profile/two-factor/confirm", "code", app.at(Instant.now().minus(Duration.ofHours(1))));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("#code-error")).isEqualTo("That is not the code the app shows now.");
        assertThat(wrong.text("#two-factor-secret")).isEqualTo(page.text("#two-factor-secret"));
        assertThat(session.get("/console/profile").text("#two-factor-state")).startsWith("Two-factor sign-in is off");

        // The password alone still signs in.
        assertThat(password(new BrowserSession(tenants.port()), signedIn.operator()).redirectPath()).isEqualTo("/console");
        assertThat(session.post("/console/profile/two-factor/confirm", "code", app.now()).status()).isEqualTo(200);
        assertThat(audited(tenant.accountId(), "two_factor.enabled")).singleElement()
                .satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(signedIn.operator().id()));
    }

    @Test
    void aCorrectPasswordOnlyLeadsToTheCodePageAndACurrentCodeSignsInWithAFreshSession() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/profile");
        var afterPassword = password(browser, enrolled.operator());
        assertThat(afterPassword.redirectPath()).isEqualTo("/console/sign-in/code");
        var codePage = browser.get("/console/sign-in/code");
        assertThat(codePage.status()).isEqualTo(200);
        assertThat(codePage.document().select("input#code[autocomplete=one-time-code]")).hasSize(1);
        var sessionsBefore = sessionIds();

        var done = browser.post("/console/sign-in/code", "code", enrolled.app().next());
        assertThat(done.status()).isEqualTo(302);
        // Back to the page first asked for, as a sign-in without a second step.
        assertThat(done.redirectPath()).startsWith("/console/profile");
        var profile = browser.get("/console/profile");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body()).contains(enrolled.operator().email());
        // The session that waited for the code goes on signed in, under a new id.
        var signedIn = jdbc.sql("""
                select s.primary_id, s.session_id from spring_session s
                  join spring_session_attributes a on a.session_primary_id = s.primary_id and a.attribute_name = :context""")
                .param("context", OperatorSessions.CONTEXT_ATTRIBUTE)
                .query((rs, n) -> java.util.Map.entry(rs.getString("primary_id"), rs.getString("session_id"))).list().stream()
                .filter(session -> sessionsBefore.containsKey(session.getKey())).toList();
        assertThat(signedIn).singleElement().satisfies(session ->
                assertThat(sessionsBefore.get(session.getKey())).isNotEqualTo(session.getValue()));
        assertThat(audited(tenant.accountId(), "sign_in.succeeded")).anySatisfy(entry ->
                assertThat(entry.after()).containsEntry("second_factor", "totp"));
    }

    /** The ids of the sessions waiting for a second step, by their primary ids (which stay when the id changes). */
    private java.util.Map<String, String> sessionIds() {
        var ids = new java.util.HashMap<String, String>();
        jdbc.sql("""
                select s.primary_id, s.session_id from spring_session s
                  join spring_session_attributes a on a.session_primary_id = s.primary_id and a.attribute_name = :pending""")
                .param("pending", PendingSignIn.class.getName())
                .query((rs, n) -> ids.put(rs.getString("primary_id"), rs.getString("session_id"))).list();
        return ids;
    }

    @Test
    void nothingOfTheConsoleIsReachableWhileTheCodeIsAwaited() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.ADMIN));
        var browser = new BrowserSession(tenants.port());
        assertThat(password(browser, enrolled.operator()).redirectPath()).isEqualTo("/console/sign-in/code");
        browser.get("/console/sign-in/code");

        for (String page : List.of("/console", "/console/profile", "/console/tickets", "/console/admin", "/console/admin/settings",
                "/console/profile/two-factor", "/console/sign-in/enrol")) {
            var answer = browser.get(page);
            assertThat(answer.status()).as(page).isEqualTo(302);
            assertThat(answer.redirectPath()).as(page).isIn("/console/sign-in", "/console/sign-in/code");
        }
        var htmx = browser.htmx().get("/console/tickets");
        assertThat(htmx.status()).isEqualTo(401);
        var change = browser.post("/console/profile/language", "language", "en");
        assertThat(change.status()).isEqualTo(302);
        assertThat(change.redirectPath()).isEqualTo("/console/sign-in");
        assertThat(browser.post("/console/profile/two-factor/disable", "confirmation", enrolled.operator().password()).redirectPath())
                .isEqualTo("/console/sign-in");
        assertThat(browser.get("/console/sign-in/code").status()).isEqualTo(200);

        // Posting the code without the page's CSRF token is refused like any other console form, and signs nobody in.
        assertThat(browser.postWithoutCsrf("/console/sign-in/code", "code", enrolled.app().next()).status()).isEqualTo(302);
        assertThat(browser.get("/console").status()).isEqualTo(302);
        // Nor does the code page serve anyone who has not typed the password.
        var stranger = new BrowserSession(tenants.port());
        assertThat(stranger.get("/console/sign-in/code").redirectPath()).isEqualTo("/console/sign-in");
        stranger.get("/console/sign-in");
        assertThat(stranger.post("/console/sign-in/code", "code", enrolled.app().next()).redirectPath()).isEqualTo("/console/sign-in");
        // Going back to the sign-in page drops the second step: the password is asked again.
        browser.get("/console/sign-in");
        assertThat(browser.get("/console/sign-in/code").redirectPath()).isEqualTo("/console/sign-in");
    }

    @Test
    void thePasswordStepLastsFiveMinutesAfterWhichTheCodeNoLongerSignsIn() throws Exception {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var before = sessionIds();
        var browser = new BrowserSession(tenants.port());
        Instant typed = Instant.now();
        password(browser, enrolled.operator());
        var mine = new java.util.HashMap<>(sessionIds());
        mine.keySet().removeAll(before.keySet());
        assertThat(mine).hasSize(1);
        String primaryId = mine.keySet().iterator().next();
        byte[] stored = jdbc.sql("select attribute_bytes from spring_session_attributes where session_primary_id = :id and attribute_name = :name")
                .param("id", primaryId).param("name", PendingSignIn.class.getName()).query(byte[].class).single();
        PendingSignIn pending;
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(stored))) {
            pending = (PendingSignIn) in.readObject();
        }
        assertThat(pending.operatorId()).isEqualTo(enrolled.operator().id());
        assertThat(pending.expiresAt()).isBetween(typed.plus(Duration.ofMinutes(5)).minusSeconds(1), Instant.now().plus(Duration.ofMinutes(5)));

        // Five minutes later, as far as the session goes.
        var aged = new PendingSignIn(pending.accountId(), pending.operatorId(), pending.credentialsVersion(), Instant.now().minusSeconds(1),
                pending.enrolment());
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(aged);
        }
        jdbc.sql("update spring_session_attributes set attribute_bytes = :bytes where session_primary_id = :id and attribute_name = :name")
                .param("bytes", bytes.toByteArray()).param("id", primaryId).param("name", PendingSignIn.class.getName()).update();

        var late = browser.get("/console/sign-in/code");
        assertThat(late.redirectPath()).isEqualTo("/console/sign-in?expired");
        assertThat(browser.get(late.redirectPath()).text("p.error[role=alert]")).isEqualTo("Your sign-in took too long. Sign in again.");
        assertThat(browser.post("/console/sign-in/code", "code", enrolled.app().next()).redirectPath()).isEqualTo("/console/sign-in");
        assertThat(browser.get("/console").status()).isEqualTo(302);
    }

    @Test
    void aWrongCodeIsRefusedWithAMessageAndCountsInTheSignInThrottle() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var browser = new BrowserSession(tenants.port());
        password(browser, enrolled.operator());
        browser.get("/console/sign-in/code");
        String stale = enrolled.app().at(Instant.now().minus(Duration.ofHours(2)));
        for (int attempt = 1; attempt <= SignInThrottle.PAIR_THRESHOLD; attempt++) {
            var refused = browser.post("/console/sign-in/code", "code", stale);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text("#code-error")).isEqualTo("That code is not valid. Each code works only once.");
            assertThat(browser.get("/console").status()).isEqualTo(302);
            browser.get("/console/sign-in/code");
        }
        // Even the right code now waits, and so does the password: both count on the same keys.
        var throttled = browser.post("/console/sign-in/code", "code", enrolled.app().next());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("#code-error")).isEqualTo("Too many attempts. Try again in 1 minute.");
        assertThat(password(new BrowserSession(tenants.port()), enrolled.operator()).redirectPath()).isEqualTo("/console/sign-in?throttled");
        assertThat(audited(tenant.accountId(), "sign_in.failed")).hasSize(SignInThrottle.PAIR_THRESHOLD)
                .allSatisfy(entry -> assertThat(entry.after()).containsEntry("second_factor", "wrong_code"));
    }

    @Test
    void aCodeThatSignedInOnceIsRefusedTheSecondTime() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        String code = enrolled.app().next();
        var first = new BrowserSession(tenants.port());
        password(first, enrolled.operator());
        first.get("/console/sign-in/code");
        assertThat(first.post("/console/sign-in/code", "code", code).redirectPath()).isEqualTo("/console");

        var second = new BrowserSession(tenants.port());
        password(second, enrolled.operator());
        second.get("/console/sign-in/code");
        var refused = second.post("/console/sign-in/code", "code", code);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(second.get("/console").status()).isEqualTo(302);
        // The code the enrolment used is older still, and refused too.
        second.get("/console/sign-in/code");
        assertThat(second.post("/console/sign-in/code", "code", enrolled.app().now()).status()).isEqualTo(400);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndItsUseIsAudited() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        String recovery = enrolled.recoveryCodes().get(3);
        var first = new BrowserSession(tenants.port());
        password(first, enrolled.operator());
        first.get("/console/sign-in/code");
        // Typed in lower case and without dashes, as people do.
        assertThat(first.post("/console/sign-in/code", "code", recovery.replace("-", " ").toLowerCase()).redirectPath()).isEqualTo("/console");
        assertThat(first.get("/console/profile").text("#two-factor-state")).isEqualTo("Two-factor sign-in is on: 9 recovery codes left.");

        var second = new BrowserSession(tenants.port());
        password(second, enrolled.operator());
        second.get("/console/sign-in/code");
        assertThat(second.post("/console/sign-in/code", "code", recovery).status()).isEqualTo(400);
        assertThat(second.get("/console").status()).isEqualTo(302);
        second.get("/console/sign-in/code");
        // On to the page it asked for meanwhile.
        assertThat(second.post("/console/sign-in/code", "code", enrolled.recoveryCodes().get(4)).redirectPath()).startsWith("/console");
        assertThat(second.get("/console").status()).isEqualTo(200);

        var used = audited(tenant.accountId(), "two_factor.recovery_code_used");
        assertThat(used).hasSize(2);
        assertThat(used.get(0).after()).isEqualTo(java.util.Map.of("recovery_codes_left", 8));
        // No code, hash or key in any entry of the account.
        String everything = audit.list(tenant.accountId(), AuditFilter.NONE, PageRequest.of(1)).items().toString();
        assertThat(everything).doesNotContain(recovery).doesNotContain(recovery.replace("-", ""));
        // Hashed at rest: the codes themselves are nowhere in the database.
        assertThat(jdbc.sql("select count(*) from operator_recovery_code where code_hash = :code or code_hash = :plain")
                .param("code", recovery).param("plain", recovery.replace("-", "")).query(Integer.class).single()).isZero();
    }

    @Test
    void anOperatorTurnsItOffWithACurrentCodeOrThePasswordButNotWithAnythingElse() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var session = enrolled.session();
        session.get("/console/profile");
        var refused = session.post("/console/profile/two-factor/disable", "confirmation", "not-the-password");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#two-factor-error")).isEqualTo("That is neither a current code nor your password.");
        var off = session.post("/console/profile/two-factor/disable", "confirmation", enrolled.operator().password());
        assertThat(off.redirectPath()).isEqualTo("/console/profile");
        assertThat(session.get("/console/profile").text("#two-factor-state")).startsWith("Two-factor sign-in is off");
        assertThat(audited(tenant.accountId(), "two_factor.disabled")).hasSize(1);
        assertThat(password(new BrowserSession(tenants.port()), enrolled.operator()).redirectPath()).isEqualTo("/console");
        // The old recovery codes went with it.
        assertThat(jdbc.sql("select count(*) from operator_recovery_code where account_id = :account")
                .param("account", tenant.accountId()).query(Integer.class).single()).isZero();
    }

    @Test
    void whenTheAccountRequiresItOperatorsWithoutItEnrolRightAfterTheirPasswordBeforeUsingTheConsole() {
        var tenant = tenants.create();
        var admin = operator(tenant.accountId(), OperatorRole.ADMIN);
        var operator = operator(tenant.accountId(), OperatorRole.OPERATOR);
        var operatorsOldSession = tenants.signIn(operator);

        // An admin without a second factor cannot require one (their own session would end).
        var adminSession = tenants.signIn(admin);
        adminSession.get("/console/admin/settings");
        var refused = adminSession.post("/console/admin/settings/two-factor", "required", "true");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#two-factor-form p.error, p.error")).isEqualTo(
                "Set up two-factor sign-in in your own profile before requiring it of everyone.");

        var enrolledAdmin = enrol(admin);
        enrolledAdmin.session().get("/console/admin/settings");
        assertThat(enrolledAdmin.session().post("/console/admin/settings/two-factor", "required", "true").redirectPath())
                .isEqualTo("/console/admin/settings");
        assertThat(enrolledAdmin.session().get("/console/admin/settings").document().selectFirst("#two_factor_required").hasAttr("checked")).isTrue();
        assertThat(audited(tenant.accountId(), "account.two_factor_requirement_changed")).singleElement()
                .satisfies(entry -> assertThat(entry.after()).containsEntry("two_factor_required", true));
        // The admin, who uses it, stays signed in; the operator without it is signed out at once.
        assertThat(enrolledAdmin.session().get("/console").status()).isEqualTo(200);
        assertThat(operatorsOldSession.get("/console").redirectPath()).isEqualTo("/console/sign-in");

        var browser = new BrowserSession(tenants.port());
        assertThat(password(browser, operator).redirectPath()).isEqualTo("/console/sign-in/enrol");
        assertThat(browser.get("/console/sign-in/code").redirectPath()).isEqualTo("/console/sign-in/enrol");
        assertThat(browser.get("/console/tickets").status()).isEqualTo(302);
        var enrolPage = browser.get("/console/sign-in/enrol");
        assertThat(enrolPage.status()).isEqualTo(200);
        assertThat(enrolPage.text("p.notice")).isEqualTo("Your account requires two-factor sign-in. Set it up to continue.");
        // Reloading shows the same key: the app may already have it.
        assertThat(browser.get("/console/sign-in/enrol").text("#two-factor-secret")).isEqualTo(enrolPage.text("#two-factor-secret"));
        var app = new AuthenticatorApp(enrolPage.text("#two-factor-secret"));
        assertThat(browser.post("/console/sign-in/enrol", "code", "123").status()).isEqualTo(400);
        assertThat(browser.get("/console").status()).isEqualTo(302);
        browser.get("/console/sign-in/enrol");
        var codes = browser.post("/console/sign-in/enrol", "code", app.now());
        assertThat(codes.status()).isEqualTo(200);
        assertThat(codes.document().select("#recovery-codes code")).hasSize(10);
        assertThat(browser.get("/console").status()).isEqualTo(200);

        // The requirement cannot be escaped by turning it off.
        browser.get("/console/profile");
        assertThat(browser.get("/console/profile").document().select("#disable-two-factor")).isEmpty();
        var kept = browser.post("/console/profile/two-factor/disable", "confirmation", operator.password());
        assertThat(kept.status()).isEqualTo(409);
        assertThat(kept.text("#two-factor-error")).isEqualTo("The account requires two-factor sign-in, so it cannot be turned off.");
    }

    @Test
    void anAdminResetsAnOperatorsSecondFactorAndTheAuditLogSaysSoWithoutAnySecret() {
        var tenant = tenants.create();
        var admin = signedIn(tenant.accountId(), OperatorRole.ADMIN);
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        String secret = jdbc.sql("select secret from operator_two_factor where account_id = :account and operator_id = :operator")
                .param("account", tenant.accountId()).param("operator", enrolled.operator().id()).query(String.class).single();

        var page = admin.session().get("/console/admin/operators/" + enrolled.operator().id());
        assertThat(page.text("#two-factor-state")).isEqualTo("On.");
        var reset = admin.session().post("/console/admin/operators/" + enrolled.operator().id() + "/two-factor/reset");
        assertThat(reset.redirectPath()).isEqualTo("/console/admin/operators/" + enrolled.operator().id());
        var after = admin.session().get("/console/admin/operators/" + enrolled.operator().id());
        assertThat(after.text("#two-factor-state")).isEqualTo("Off.");
        assertThat(after.document().select("#reset-two-factor")).isEmpty();

        var entry = audited(tenant.accountId(), "operator.two_factor_reset");
        assertThat(entry).singleElement().satisfies(found -> {
            assertThat(found.actor().id()).isEqualTo(admin.operator().id());
            assertThat(found.subjectId()).isEqualTo(enrolled.operator().id());
            assertThat(found.after()).isEqualTo(java.util.Map.of("two_factor", false));
        });
        assertThat(audit.list(tenant.accountId(), AuditFilter.NONE, PageRequest.of(1)).items().toString()).doesNotContain(secret);
        // Nothing left to reset: refused in place.
        admin.session().get("/console/admin/operators/" + enrolled.operator().id());
        assertThat(admin.session().post("/console/admin/operators/" + enrolled.operator().id() + "/two-factor/reset").status()).isEqualTo(409);
        // The operator signs in with the password alone again.
        assertThat(password(new BrowserSession(tenants.port()), enrolled.operator()).redirectPath()).isEqualTo("/console");
    }

    @Test
    void anotherAccountsAdminCannotResetAnOperatorsSecondFactorNorAnOperatorAnyone() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var stranger = signedIn(tenants.create().accountId(), OperatorRole.ADMIN);
        stranger.session().get("/console/admin");
        assertThat(stranger.session().post("/console/admin/operators/" + enrolled.operator().id() + "/two-factor/reset").status()).isEqualTo(404);
        assertThat(stranger.session().get("/console/admin/operators/" + enrolled.operator().id()).status()).isEqualTo(404);

        var colleague = signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        colleague.session().get("/console");
        assertThat(colleague.session().post("/console/admin/operators/" + enrolled.operator().id() + "/two-factor/reset").status()).isEqualTo(403);

        assertThat(enrolled.session().get("/console/profile").text("#two-factor-state")).startsWith("Two-factor sign-in is on");
        assertThat(audited(tenant.accountId(), "operator.two_factor_reset")).isEmpty();
    }

    @Test
    void theCodePageSpeaksPortugueseAndSpanish() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var browser = new BrowserSession(tenants.port());
        password(browser, enrolled.operator());
        assertThat(browser.acceptLanguage("pt-BR").get("/console/sign-in/code").text("h1")).isEqualTo("Verificação em duas etapas");
        assertThat(browser.acceptLanguage("es").get("/console/sign-in/code").text("h1")).isEqualTo("Verificación en dos pasos");
        var refused = browser.acceptLanguage("es").post("/console/sign-in/code", "code", "000");
        assertThat(refused.text("#code-error")).isEqualTo("Ese código no es válido. Cada código sirve una sola vez.");
    }

    @Test
    void anOperatorGeneratesTenNewRecoveryCodesAndTheOldOnesStopWorking() {
        var tenant = tenants.create();
        var enrolled = enrol(operator(tenant.accountId(), OperatorRole.OPERATOR));
        var session = enrolled.session();
        assertThat(session.get("/console/profile").document().select("#renew-recovery-codes")).hasSize(1);

        var wrong = session.post("/console/profile/two-factor/recovery-codes", "confirmation", "not-my-password");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("#recovery-codes-error")).isEqualTo("That is neither a current code nor your password.");

        var renewed = session.post("/console/profile/two-factor/recovery-codes", "confirmation", enrolled.operator().password());
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.headers().firstValue("Cache-Control")).hasValue("no-store");
        var codes = renewed.document().select("#recovery-codes code").eachText();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(enrolled.recoveryCodes());
        assertThat(session.get("/console/profile").text("#two-factor-state")).isEqualTo("Two-factor sign-in is on: 10 recovery codes left.");

        // An old code no longer signs in; a new one does.
        var browser = new BrowserSession(tenants.port());
        assertThat(password(browser, enrolled.operator()).redirectPath()).isEqualTo("/console/sign-in/code");
        browser.get("/console/sign-in/code");
        assertThat(browser.post("/console/sign-in/code", "code", enrolled.recoveryCodes().get(0)).status()).isEqualTo(400);
        assertThat(browser.post("/console/sign-in/code", "code", codes.get(0)).redirectPath()).isEqualTo("/console");
        assertThat(audited(tenant.accountId(), "two_factor.recovery_codes_renewed")).singleElement().satisfies(entry -> {
            assertThat(entry.subjectId()).isEqualTo(enrolled.operator().id());
            assertThat(entry.after()).containsEntry("recovery_codes", 10);
        });

        // A current code of the app proves it too, and only once.
        String code = enrolled.app().next();
        assertThat(session.post("/console/profile/two-factor/recovery-codes", "confirmation", code).status()).isEqualTo(200);
        assertThat(session.post("/console/profile/two-factor/recovery-codes", "confirmation", code).status()).isEqualTo(400);
    }

    @Test
    void withoutTwoFactorSignInThereAreNoRecoveryCodesToRenew() {
        var tenant = tenants.create();
        var signedIn = signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        var session = signedIn.session();
        assertThat(session.get("/console/profile").document().select("#renew-recovery-codes")).isEmpty();
        var refused = session.post("/console/profile/two-factor/recovery-codes", "confirmation", signedIn.operator().password());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#two-factor-error")).isEqualTo("Two-factor sign-in is not on.");
        assertThat(audited(tenant.accountId(), "two_factor.recovery_codes_renewed")).isEmpty();
    }
}
