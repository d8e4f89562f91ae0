package io.atende.console.admin;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Administration › Customer portal in headless Chromium: the widget's embed code follows the chosen department and copies. */
@ApiTest
class PortalAdminBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void theEmbedCodeFollowsTheChosenDepartmentAndTheButtonCopiesIt() {
        var tenant = tenants.create();
        tenant.admin().post("/department/new", "name", "Suporte");
        String sales = tenant.admin().post("/department/new", "name", "Vendas").id();
        var admin = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        String base = "http://localhost:" + tenants.port();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get(base + "/console/admin/portal");
            new Select(driver.findElement(By.id("embed-department"))).selectByValue(sales);
            var code = driver.findElement(By.id("widget-snippet"));
            assertThat(code.getAttribute("value")).contains("data-department=\"" + sales + "\"");
            driver.findElement(By.id("copy-widget-snippet")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("widget-snippet-status"), "Copiado."));
            browser.screenshot("console-admin-portal-embed");
        }
    }
}
