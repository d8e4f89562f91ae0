package io.atende.console.admin;

import io.atende.operator.OperatorRole;
import io.atende.sla.SlaManagement;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin sets up a calendar and an SLA policy on it in headless Chromium and sees when a ticket opened now would be due. */
@ApiTest
class SlaAdminBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    SlaManagement sla;

    @Test
    void anAdminCreatesACalendarAndAPolicyAndSeesItsPreview() {
        var tenant = tenants.create();
        var admin = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        String base = "http://localhost:" + tenants.port();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get(base + "/console/admin/calendars");
            driver.findElement(By.id("name")).sendKeys("Suporte SP");
            var hours = driver.findElement(By.id("hours"));
            hours.clear();
            hours.sendKeys("mon-fri 08:00-12:00, 13:00-18:00");
            driver.findElement(By.id("holidays")).sendKeys("--12-25\n2026-11-20");
            driver.findElement(By.cssSelector("#create-calendar button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Calendário criado."));
            String calendar = sla.listCalendars(tenant.accountId()).get(0).id();

            driver.get(base + "/console/admin/sla");
            driver.findElement(By.id("name")).sendKeys("Urgentes");
            new Select(driver.findElement(By.id("calendarId"))).selectByValue(calendar);
            driver.findElement(By.cssSelector("input[name=priority][value=URGENT]")).click();
            driver.findElement(By.id("firstReplyMinutes")).sendKeys("60");
            driver.findElement(By.id("resolutionMinutes")).sendKeys("480");
            driver.findElement(By.cssSelector("#create-policy button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Política de SLA criada."));
            String policy = sla.listPolicies(tenant.accountId()).get(0).id();
            assertThat(driver.findElement(By.cssSelector("#policy-" + policy + " .preview")).getText())
                    .contains("primeira resposta").contains("solução");
            browser.screenshot("console-admin-sla");
        }
    }
}
