package io.atende.console;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The console in a real browser: signing in, the layout on a phone and on a wide screen. */
@ApiTest
class ConsoleBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void anOperatorSignsInWithTheKeyboardAndSeesTheConsoleOnAPhoneAndAWideScreen() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + tenants.port() + "/console");
            browser.waiting().until(ExpectedConditions.urlContains("/console/sign-in"));
            browser.screenshot("console-sign-in");

            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            assertThat(driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("Olá, " + operator.name());
            assertThat(driver.findElements(By.cssSelector("nav a[href='/console/admin']"))).hasSize(1);
            // htmx came from the webjar and runs.
            assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return typeof htmx")).isEqualTo("object");
            browser.screenshot("console-home-wide");

            driver.manage().window().setSize(new Dimension(360, 740));
            long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("no horizontal scrolling at 360 px").isLessThanOrEqualTo(0);
            browser.screenshot("console-home-phone");
        }
    }
}
