package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin in a real browser finds a customer from the top bar's Customers, opens their page with their tickets and
 * chats, and tries to delete them: the refusal shows on the page, next to the delete button.
 */
@ApiTest
class CustomersBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void anAdminFindsACustomerSeesTheirWorkAndIsToldWhyTheyCannotBeDeleted() {
        var desk = new DeskFixture(tenants);
        String acme = ok(desk.tenant.writer().post("/organization/new", "name", "Acme Ltda")).id();
        ok(desk.tenant.writer().post("/customer/update", "customer_id", "c-1", "organization_id", acme, "phone", "+55 11 4000-1000"));
        ok(desk.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Bruno Braga", "email", "bruno@example.com"));
        desk.ticket("Não consigo emitir a nota fiscal");
        desk.ticket("Dúvida sobre a fatura de novembro");
        desk.chat("Olá, alguém aí?");
        var admin = tenants.operator(desk.tenant.accountId(), OperatorRole.ADMIN);

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.findElement(By.linkText("Clientes")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("customer-search")));
            driver.findElement(By.id("search")).sendKeys("carla\n");
            browser.waiting().until(ExpectedConditions.textToBe(By.id("customer-count"), "1 cliente"));
            driver.findElement(By.linkText("Carla Cliente")).click();

            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("customer-tickets")));
            assertThat(driver.findElements(By.cssSelector("#customer-tickets tbody tr"))).hasSize(2);
            assertThat(driver.findElements(By.cssSelector("#customer-chats tbody tr"))).hasSize(1);
            driver.findElement(By.cssSelector("#delete-customer button")).click();

            var refusal = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error[role=alert]")));
            assertThat(refusal.getText()).isEqualTo("Este cliente tem chamados ou chats e não pode ser excluído.");
            assertThat(driver.findElement(By.id("edit-organization")).getText()).contains("Acme Ltda");
            browser.screenshot("console-customer-page");
        }
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
