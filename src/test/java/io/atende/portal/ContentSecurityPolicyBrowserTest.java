package io.atende.portal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console, the portal and the help center in Chromium under their Content-Security-Policy: no page, script or
 * htmx swap trips it (every violation is recorded from the page's first moment), htmx still works, and a script
 * written into a page is refused.
 */
@ApiTest
class ContentSecurityPolicyBrowserTest {

    /** Runs before any script of each page: records what the policy refused. */
    private static final String RECORDER = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + "  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);"
            + "});";

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void theConsolePortalAndHelpCenterRunUnderThePolicyWithoutViolations() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        String category = tenant.writer().post("/kb/category/new", "name", "Billing").id();
        tenant.writer().post("/kb/article/new", "category_id", category, "title", "Paying an invoice", "body", "<p>Pay by card.</p>",
                "published", "1");
        String department = tenant.admin().post("/department/new", "name", "Support").id();
        var fixtures = new PortalFixtures(tenants, access);
        String email = "lia" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Lia", email);
        var link = URI.create(access.invite(tenant.accountId(), customer).url());
        String ticket = tenant.writer().post("/ticket/new", "customer_id", customer, "department_id", department, "subject", "Invoice",
                "message", "Where is my invoice?").json().get("ticket_id").asString();
        String base = "http://localhost:" + tenants.port();

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));

            driver.get(base + "/console/sign-in");
            assertNoViolations(driver, "console sign-in");
            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            assertNoViolations(driver, "console home");
            // The layout's inline colours (with the nonce) apply.
            assertThat(script(driver, "return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")).isNotEqualTo("");

            driver.get(base + "/console/tickets");
            assertNoViolations(driver, "console queue");
            driver.get(base + "/console/tickets/" + ticket);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Where is my invoice?"));
            assertNoViolations(driver, "console ticket");

            // htmx swaps the colour preview in as the operator types.
            driver.get(base + "/console/admin/settings");
            var accent = driver.findElement(By.id("accent_color"));
            accent.clear();
            accent.sendKeys("#123456");
            browser.waiting().until(driver1 -> String.valueOf(script(driver1,
                    "return getComputedStyle(document.querySelector('#accent-preview .accent-sample')).backgroundColor")).equals("rgb(18, 52, 86)"));
            assertNoViolations(driver, "console settings after an htmx swap");

            driver.get(base + "/console/kb/articles/new");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ql-editor")));
            assertNoViolations(driver, "console knowledge-base editor");

            // A script written into a page does not run, and the refusal is what the recorder sees.
            script(driver, "var s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s);");
            assertThat(script(driver, "return window.__injected === true")).isEqualTo(false);
            assertThat((List<?>) script(driver, "return window.__violations")).singleElement().asString().startsWith("script-src");

            driver.get(base + link.getRawPath() + "?" + link.getRawQuery());
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("password_again")));
            assertThat(driver.getCurrentUrl()).as("the link's token left the address").doesNotContain("token");
            assertNoViolations(driver, "portal password");
            driver.findElement(By.id("password")).sendKeys("a good password");
            driver.findElement(By.id("password_again")).sendKeys("a good password\n");
            // Setting the password signs the customer in and lands on their tickets.
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("h1"), "My tickets"));
            assertNoViolations(driver, "portal tickets");

            // htmx asks for articles that may answer the subject as the customer types it.
            driver.get(base + "/portal/tickets/new");
            driver.findElement(By.id("subject")).sendKeys("invoice");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#suggestions li a")));
            assertNoViolations(driver, "portal new ticket after an htmx swap");

            // The chat page runs the widget script, whose style sheet carries the page's nonce.
            driver.get(base + "/portal/chat");
            new Select(driver.findElement(By.id("department_id"))).selectByVisibleText("Support");
            driver.findElement(By.id("chat-message")).sendKeys("Hello?");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("atende-widget")));
            assertThat(script(driver, "return getComputedStyle(document.getElementById('atende-widget')).position")).isEqualTo("fixed");
            assertNoViolations(driver, "portal chat with the widget");

            driver.get(base + "/accounts/" + tenant.accountId() + "/kb");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.site-header")));
            assertThat(script(driver, "return getComputedStyle(document.querySelector('.site-header')).paddingTop")).isEqualTo("16px");
            assertNoViolations(driver, "help center");
            browser.screenshot("csp-help-center");
        }
    }

    private static Object script(org.openqa.selenium.WebDriver driver, String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    private static void assertNoViolations(org.openqa.selenium.WebDriver driver, String page) {
        assertThat((List<?>) script(driver, "return window.__violations")).as(page).isEmpty();
    }
}
