package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inviting a customer to the portal from the ticket page in a real browser, on a server without e-mail: the card shows
 * the link to copy and says it must be passed on by hand, since nothing else will reach the customer.
 */
@ApiTest
class CustomerPortalBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void withEmailOffTheTicketPageInvitesTheCustomerAndShowsTheLinkToPassOnByHand() {
        var desk = new DeskFixture(tenants);
        String ticket = desk.ticket("Acesso ao portal");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(desk.operator.email());
            driver.findElement(By.id("password")).sendKeys(desk.operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get(base() + "/console/tickets/" + ticket);
            assertThat(driver.findElement(By.id("portal-mail-off")).getText()).contains("O e-mail está desligado");
            driver.findElement(By.cssSelector("#portal-access button[type=submit]")).click();

            var link = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("portal-link")));
            assertThat(link.getAttribute("value")).contains("/portal/password?account=" + desk.tenant.accountId()).contains("token=");
            assertThat(driver.findElement(By.cssSelector("#portal-access [role=status] p.ok")).getText())
                    .startsWith("Convite criado.").contains("O e-mail está desligado").contains("passe-o ao cliente");
            assertThat(driver.findElements(By.id("portal-mail-off"))).isEmpty();
            browser.screenshot("console-portal-invitation-by-hand");
        }
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
