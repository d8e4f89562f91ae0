package io.atende.console;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** In a real browser: the landing page leads to the console, whose unknown paths and bad ids are pages, not JSON. */
@ApiTest
class ErrorPagesBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void aVisitorLandsFindsTheConsoleAndGetsPagesForUnknownAddresses() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String base = "http://localhost:" + tenants.port();
            driver.get(base + "/");
            assertThat(driver.findElement(By.id("to-help")).getText()).isEqualTo("Help center");
            assertThat(driver.findElement(By.id("to-portal")).getText()).isEqualTo("Customer portal");
            browser.screenshot("landing");

            driver.findElement(By.id("to-console")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/console/sign-in"));
            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get(base + "/console/tickets/no-such-ticket");
            assertThat(driver.findElement(By.cssSelector("main p.error")).getText()).isNotBlank();
            assertThat(driver.findElement(By.cssSelector("main code")).getText()).matches("[0-9a-f]{32}");
            assertThat(driver.findElements(By.cssSelector("header.topbar"))).hasSize(1);
            assertThat(driver.getPageSource()).doesNotContain("\"success\"");

            driver.get(base + "/console/no-such-page");
            assertThat(driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("Erro 404");
            assertThat(driver.findElement(By.cssSelector("main p.error")).getText()).isEqualTo("Esta página não existe.");
            browser.screenshot("console-not-found");

            driver.get(base + "/");
            browser.waiting().until(ExpectedConditions.urlMatches(".*/console$"));
        }
    }
}
