package io.atende.console;

import java.util.List;

import io.atende.audit.AuditEntry;
import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.platform.PageRequest;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's console sessions: the list in the profile, signing out one of them, and an admin ending them all. */
@ApiTest
class ConsoleSessionsTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorSignIn signIn;
    @Autowired
    AuditTrail audit;

    private TestTenants.Operator operator(String accountId, OperatorRole role) {
        var operator = tenants.operator(accountId, role);
        signIn.chooseLanguage(accountId, operator.id(), "en");
        return operator;
    }

    @Test
    void anOperatorSeesTheirSessionsWithBrowserAndAddressAndSignsOutAnother() {
        var tenant = tenants.create();
        var operator = operator(tenant.accountId(), OperatorRole.OPERATOR);
        var laptop = tenants.signIn(operator);
        var phone = tenants.signIn(operator);
        // Another operator's session is not theirs to see.
        tenants.signIn(operator(tenant.accountId(), OperatorRole.OPERATOR));

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String site = "http://127.0.0.1:" + tenants.port();
            driver.get(site + "/console/profile");
            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sessions-link"))).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sessions")));
            var rows = driver.findElements(By.cssSelector("#sessions tbody tr"));
            assertThat(rows).hasSize(3);
            // The browser looking at the list comes first, named from its user agent, with its address.
            assertThat(rows.get(0).getText()).contains("Chrome · Linux").contains("(this browser)").contains("127.0.0.1");
            assertThat(rows.get(1).getText()).contains("Unknown browser").contains("Java-http-client");
            browser.screenshot("console-sessions");

            // Sign out the phone from the list.
            String phoneHandle = handleOf(phone);
            driver.findElement(By.cssSelector("tr[data-session='" + phoneHandle + "'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "The session was signed out."));
            assertThat(driver.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(2);
        }
        assertThat(phone.get("/console").redirectPath()).isEqualTo("/console/sign-in");
        assertThat(laptop.get("/console").status()).isEqualTo(200);
    }

    @Test
    void aSessionIsNamedByAHashNeverItsIdAndAnUnknownOneIsRefused() {
        var tenant = tenants.create();
        var operator = operator(tenant.accountId(), OperatorRole.OPERATOR);
        var session = tenants.signIn(operator);
        var other = tenants.signIn(operator);
        var page = session.get("/console/profile/sessions");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#sessions tbody tr")).hasSize(2);
        assertThat(page.body()).doesNotContain(session.sessionId()).doesNotContain(other.sessionId());
        // The current session has no sign-out button of its own, only "Sign out here".
        String current = ConsoleSessions.handle(session.sessionId());
        assertThat(page.document().select("tr[data-session=" + current + "] form[action$=/end]")).isEmpty();
        assertThat(session.post("/console/profile/sessions/" + current + "/end").status()).isEqualTo(404);

        var unknown = session.post("/console/profile/sessions/000000000000000000000000/end");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("#sessions-error")).isEqualTo("That session is no longer open.");
        // Nor can an operator end another operator's session.
        var stranger = tenants.signIn(operator(tenant.accountId(), OperatorRole.OPERATOR));
        assertThat(stranger.post("/console/profile/sessions/" + handleOf(other) + "/end").status()).isEqualTo(404);
        assertThat(other.get("/console").status()).isEqualTo(200);
    }

    @Test
    void anAdminEndsEverySessionOfAnOperatorAndItIsAudited() {
        var tenant = tenants.create();
        var admin = tenants.signIn(operator(tenant.accountId(), OperatorRole.ADMIN));
        var operator = operator(tenant.accountId(), OperatorRole.OPERATOR);
        var first = tenants.signIn(operator);
        var second = tenants.signIn(operator);

        var page = admin.get("/console/admin/operators/" + operator.id());
        assertThat(page.text("#open-sessions")).isEqualTo("2 open console sessions.");
        var ended = admin.post("/console/admin/operators/" + operator.id() + "/sessions/end");
        assertThat(ended.redirectPath()).isEqualTo("/console/admin/operators/" + operator.id());
        assertThat(admin.get("/console/admin/operators/" + operator.id()).text("#open-sessions")).isEqualTo("No open console sessions.");

        assertThat(first.get("/console").redirectPath()).isEqualTo("/console/sign-in");
        assertThat(second.get("/console").redirectPath()).isEqualTo("/console/sign-in");
        // The password still signs in.
        assertThat(tenants.signIn(operator).get("/console").status()).isEqualTo(200);
        assertThat(admin.get("/console").status()).isEqualTo(200);
        assertThat(audited(tenant.accountId(), "operator.sessions_ended")).singleElement().satisfies(entry -> {
            assertThat(entry.subjectId()).isEqualTo(operator.id());
            assertThat(entry.after()).containsEntry("sessions", 2);
        });

        // Only admins: an operator cannot end another's sessions.
        var agent = tenants.signIn(operator(tenant.accountId(), OperatorRole.OPERATOR));
        assertThat(agent.post("/console/admin/operators/" + operator.id() + "/sessions/end").status()).isEqualTo(403);
        // Another account's operator is not found.
        var otherTenant = tenants.create();
        var otherAdmin = tenants.signIn(operator(otherTenant.accountId(), OperatorRole.ADMIN));
        assertThat(otherAdmin.post("/console/admin/operators/" + operator.id() + "/sessions/end").status()).isEqualTo(404);
    }

    private static String handleOf(BrowserSession session) {
        return ConsoleSessions.handle(session.sessionId());
    }

    private List<AuditEntry> audited(String accountId, String action) {
        return audit.list(accountId, new AuditFilter(null, null, action, null, null), PageRequest.of(1)).items();
    }
}
