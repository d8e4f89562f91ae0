package io.atende.portal;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.ApiTest;
import io.atende.support.AuthenticatorApp;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal customer's two-factor sign-in in a real browser: enrolling from the account page with the key the page
 * shows, then signing in with a code of the app, and once more with a recovery code.
 */
@ApiTest
class PortalTwoFactorBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void aCustomerEnrolsFromTheAccountPageAndSignsInWithACodeAndThenWithARecoveryCode() {
        var fixtures = new PortalFixtures(tenants, access);
        var tenant = tenants.create();
        String email = "lia" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Lia Prado", email);
        PortalFixtures.choosePassword(new io.atende.support.BrowserSession(tenants.port()),
                access.invite(tenant.accountId(), customer).url(), PortalFixtures.PASSWORD);
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String site = "http://localhost:" + tenants.port();
            driver.get(site + "/portal/sign-in?account=" + tenant.accountId());
            password(driver, email);
            browser.waiting().until(ExpectedConditions.urlContains("/portal/tickets"));

            driver.findElement(By.id("account-link")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("start-two-factor")));
            driver.findElement(By.cssSelector("#start-two-factor button")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("two-factor-secret")));
            assertThat(driver.findElement(By.cssSelector("figure.qr svg")).isDisplayed()).isTrue();
            browser.screenshot("portal-two-factor-enrol");
            driver.manage().window().setSize(new Dimension(390, 900));
            browser.screenshot("portal-two-factor-enrol-narrow");
            driver.manage().window().setSize(new Dimension(1366, 900));
            var app = new AuthenticatorApp(driver.findElement(By.id("two-factor-secret")).getText());
            driver.findElement(By.id("code")).sendKeys(app.now() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-codes")));
            var codes = driver.findElements(By.cssSelector("#recovery-codes li"));
            assertThat(codes).hasSize(10);
            String recoveryCode = codes.get(0).getText();
            browser.screenshot("portal-two-factor-recovery-codes");
            driver.findElement(By.id("continue")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("two-factor-state"), "Two-factor sign-in is on"));

            signOut(driver, browser);
            password(driver, email);
            browser.waiting().until(ExpectedConditions.urlContains("/portal/sign-in/code"));
            // The password alone opened nothing.
            assertThat(driver.findElements(By.id("account-link"))).isEmpty();
            browser.screenshot("portal-two-factor-code");
            driver.findElement(By.id("code")).sendKeys(app.next() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("account-link")));
            assertThat(driver.getCurrentUrl()).startsWith(site + "/portal/tickets");

            signOut(driver, browser);
            password(driver, email);
            browser.waiting().until(ExpectedConditions.urlContains("/portal/sign-in/code"));
            driver.findElement(By.id("code")).sendKeys(recoveryCode + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("account-link")));
            driver.findElement(By.id("account-link")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("two-factor-state"), "9 recovery codes left"));
        }
    }

    private static void password(WebDriver driver, String email) {
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PortalFixtures.PASSWORD + "\n");
    }

    private static void signOut(WebDriver driver, Browser browser) {
        driver.findElement(By.cssSelector("form[action='/portal/sign-out'] button")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/portal/sign-in"));
    }
}
