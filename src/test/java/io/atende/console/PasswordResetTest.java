package io.atende.console;

import java.util.List;
import java.util.regex.Pattern;

import io.atende.audit.AuditEntry;
import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.platform.PageRequest;
import io.atende.support.Browser;
import io.atende.support.BrowserSession;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Forgot your password?" for operators: a single-use, short-lived link by e-mail (GreenMail), the same answer for
 * unknown addresses, the password rules, every session ended, and the request throttled like a sign-in.
 */
class PasswordResetTest extends MailTest {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/console/password-reset\\?token=[A-Za-z0-9._-]+)");

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorSignIn signIn;
    @Autowired
    OperatorManagement operators;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail audit;

    /** An English-speaking operator with an address in a domain of the test's own. */
    private TestTenants.Operator operator(String accountId) {
        String email = "op" + System.nanoTime() + "@r" + System.nanoTime() + ".test";
        String password = "pass-" + System.nanoTime();
        var created = operators.create(accountId, new CreateOperator("Rita Reset", email, password, OperatorRole.OPERATOR, true));
        signIn.chooseLanguage(accountId, created.id(), "en");
        return new TestTenants.Operator(accountId, created.id(), created.name(), email, password);
    }

    private static String domain(TestTenants.Operator operator) {
        return operator.email().substring(operator.email().indexOf('@') + 1);
    }

    @Test
    void anOperatorResetsTheirPasswordInTheBrowserThroughTheLinkTheyReceiveAndEverySessionEnds() throws Exception {
        var tenant = tenants.create();
        var operator = operator(tenant.accountId());
        var otherSession = tenants.signIn(operator);
        assertThat(otherSession.get("/console").status()).isEqualTo(200);
        String newPassword = "violet tractor " + System.nanoTime();

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String site = "http://localhost:" + tenants.port();
            driver.get(site + "/console/sign-in");
            driver.findElement(By.id("forgot-password")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/console/forgot-password"));
            driver.findElement(By.id("email")).sendKeys(operator.email() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("forgot-sent")));
            browser.screenshot("console-forgot-password-sent");

            String path = linkPath(awaitResetMail(operator));
            driver.get(site + path);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
            // The token left the address bar: it lives in the session from the first visit on.
            assertThat(driver.getCurrentUrl()).isEqualTo(site + "/console/password-reset");
            assertThat(driver.findElement(By.id("reset-hint")).getText()).contains(operator.email());
            browser.screenshot("console-password-reset");
            driver.findElement(By.id("password")).sendKeys(newPassword);
            driver.findElement(By.id("confirmation")).sendKeys(newPassword + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("password-changed")));

            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(newPassword + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            assertThat(driver.getCurrentUrl()).isEqualTo(site + "/console");

            // The link worked once.
            driver.get(site + path);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reset-invalid")));
        }
        // The session that was open before the reset is over; the old password no longer signs in.
        assertThat(otherSession.get("/console").redirectPath()).isEqualTo("/console/sign-in");
        var oldPassword = new BrowserSession(tenants.port());
        oldPassword.get("/console/sign-in");
        assertThat(oldPassword.post("/console/sign-in", "email", operator.email(), "password", operator.password()).redirectPath())
                .isEqualTo("/console/sign-in?error");
        assertThat(audited(tenant.accountId(), "password_reset.requested")).singleElement()
                .satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(operator.id()));
        assertThat(audited(tenant.accountId(), "password_reset.completed")).singleElement()
                .satisfies(entry -> assertThat(entry.subjectId()).isEqualTo(operator.id()));
        // What the database keeps of the link is its hash, and the outbox forgot the sent text.
        assertThat(jdbc.sql("select count(*) from operator_password_reset where account_id = :account")
                .param("account", tenant.accountId()).query(Integer.class).single()).isZero();
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String domain = "unknown" + System.nanoTime() + ".test";
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/forgot-password");
        var answer = browser.post("/console/forgot-password", "email", "nobody@" + domain);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("#forgot-sent")).startsWith("If an operator signs in with nobody@" + domain + ", a link");
        MailServers.pause(500);
        assertThat(MailServers.receivedFor(domain)).isEmpty();

        var empty = browser.post("/console/forgot-password", "email", " ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.document().select("#forgot-sent")).isEmpty();
    }

    @Test
    void theNewPasswordFollowsTheRulesAndAWrongOneChangesNothing() throws Exception {
        var tenant = tenants.create();
        var operator = operator(tenant.accountId());
        var browser = requestLink(operator).acceptLanguage("en");
        browser.get(linkPath(awaitResetMail(operator)));

        var common = browser.post("/console/password-reset", "password", "Password123", "confirmation", "Password123");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.text("#reset-error")).startsWith("That password is among the most common ones");
        var tooShort = browser.post("/console/password-reset", "password", "x7#Lq", "confirmation", "x7#Lq");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.text("#reset-error")).contains("at least 8 characters");
        var differs = browser.post("/console/password-reset", "password", "a long passphrase", "confirmation", "a long passphrasf");
        assertThat(differs.status()).isEqualTo(400);
        assertThat(differs.text("#reset-error")).isEqualTo("The two passwords differ. Type the same one twice.");
        // None of these spent the link or changed the password.
        assertThat(tenants.signIn(operator).get("/console").status()).isEqualTo(200);
        assertThat(browser.post("/console/password-reset", "password", "a long passphrase", "confirmation", "a long passphrase")
                .redirectPath()).isEqualTo("/console/sign-in?password-changed");
    }

    @Test
    void aLinkStopsWorkingWhenItExpiresWhenANewOneIsAskedForOrWhenThePasswordChanges() throws Exception {
        var tenant = tenants.create();
        var operator = operator(tenant.accountId());
        requestLink(operator);
        String first = linkPath(awaitResetMail(operator));
        requestLink(operator);
        var both = MailServers.awaitFor(domain(operator), list -> list.size() == 2);
        String second = both.stream().map(PasswordResetTest::pathOf).filter(path -> !path.equals(first)).findFirst().orElseThrow();

        var stale = new BrowserSession(tenants.port()).acceptLanguage("en");
        stale.get(first);
        var refused = stale.get("/console/password-reset");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#reset-invalid")).startsWith("This link does not work any more");
        assertThat(stale.post("/console/password-reset", "password", "a long passphrase", "confirmation", "a long passphrase").status())
                .isEqualTo(400);

        // Thirty minutes later the newest link is over too.
        jdbc.sql("update operator_password_reset set expires_at = created_at where account_id = :account")
                .param("account", tenant.accountId()).update();
        var late = new BrowserSession(tenants.port());
        late.get(second);
        assertThat(late.get("/console/password-reset").status()).isEqualTo(400);
        assertThat(tenants.signIn(operator).get("/console").status()).isEqualTo(200);

        // A link asked for before the operator changed the password in the profile does not undo it.
        requestLink(operator);
        String third = MailServers.awaitFor(domain(operator), list -> list.size() == 3).stream().map(PasswordResetTest::pathOf)
                .filter(path -> !path.equals(first) && !path.equals(second)).findFirst().orElseThrow();
        var session = tenants.signIn(operator);
        session.get("/console/profile");
        assertThat(session.post("/console/profile/password", "current_password", operator.password(), "password", "brand new passphrase",
                "password_again", "brand new passphrase").status()).isEqualTo(302);
        var afterChange = new BrowserSession(tenants.port());
        afterChange.get(third);
        assertThat(afterChange.get("/console/password-reset").status()).isEqualTo(400);
    }

    @Test
    void requestsAreThrottledLikeSignInsWhetherOrNotTheAddressExists() {
        String email = "flood" + System.nanoTime() + "@nowhere.test";
        var browser = new BrowserSession(tenants.port()).acceptLanguage("en");
        browser.get("/console/forgot-password");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.post("/console/forgot-password", "email", email).status()).isEqualTo(200);
        }
        var throttled = browser.post("/console/forgot-password", "email", email);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("#forgot-error")).startsWith("Too many attempts. Try again in");
    }

    private BrowserSession requestLink(TestTenants.Operator operator) {
        var browser = new BrowserSession(tenants.port());
        browser.get("/console/forgot-password");
        assertThat(browser.post("/console/forgot-password", "email", operator.email().toUpperCase()).status()).isEqualTo(200);
        return browser;
    }

    private MimeMessage awaitResetMail(TestTenants.Operator operator) throws Exception {
        var message = MailServers.awaitFor(domain(operator), list -> !list.isEmpty()).get(0);
        assertThat(message.getSubject()).startsWith("Choose a new console password for");
        return message;
    }

    private static String linkPath(MimeMessage message) {
        return pathOf(message);
    }

    private static String pathOf(MimeMessage message) {
        try {
            var found = LINK.matcher(text(message));
            assertThat(found.find()).as("a reset link in the message").isTrue();
            return found.group(1);
        } catch (Exception failure) {
            throw new AssertionError(failure);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        return plain((MimeMultipart) content);
    }

    private static String plain(MimeMultipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof MimeMultipart nested) {
                String found = plain(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private List<AuditEntry> audited(String accountId, String action) {
        return audit.list(accountId, new AuditFilter(null, null, action, null, null), PageRequest.of(1)).items();
    }
}
