package io.atende.console;

import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.support.ApiTest;
import io.atende.support.AuthenticatorApp;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Two-factor sign-in in a real browser: enrolling from the profile with the key the page shows, then signing in with a code. */
@ApiTest
class ConsoleTwoFactorBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorSignIn signIn;

    @Test
    void anOperatorEnrolsWithTheKeyThePageShowsAndThenSignsInWithTheAppsCode() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        signIn.chooseLanguage(tenant.accountId(), operator.id(), "en");
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String site = "http://localhost:" + tenants.port();
            driver.get(site + "/console/profile");
            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("start-two-factor")));

            driver.findElement(By.cssSelector("#start-two-factor button")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("two-factor-secret")));
            assertThat(driver.findElement(By.cssSelector("figure.qr svg")).isDisplayed()).isTrue();
            browser.screenshot("console-two-factor-enrol");
            var app = new AuthenticatorApp(driver.findElement(By.id("two-factor-secret")).getText());
            driver.findElement(By.id("code")).sendKeys(app.now() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-codes")));
            assertThat(driver.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
            browser.screenshot("console-two-factor-recovery-codes");
            driver.findElement(By.id("continue")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("two-factor-state"), "Two-factor sign-in is on"));

            driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/console/sign-in"));
            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.urlContains("/console/sign-in/code"));
            // The password alone opened nothing.
            assertThat(driver.findElements(By.cssSelector("header.topbar"))).isEmpty();
            browser.screenshot("console-two-factor-code");
            driver.findElement(By.id("code")).sendKeys(app.next() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            assertThat(driver.getCurrentUrl()).isEqualTo(site + "/console");
        }
    }
}
