package io.atende.mail;

import java.time.Duration;
import java.time.Instant;

import io.atende.customer.UndeliverableEmails;
import io.atende.operator.OperatorRole;
import io.atende.support.Browser;
import io.atende.support.MailTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: the customer's page shows an undeliverable address and clears it; a rating link from the
 * "finished" e-mail records the rating in one click (the page's script submits its form), which a plain GET never does.
 */
class MailPagesBrowserTest extends MailTest {

    @Autowired
    UndeliverableEmails undeliverable;
    @Autowired
    SignedLinks signedLinks;
    @Value("${atende.public-url}")
    String publicUrl;

    @Test
    void theCustomersPageShowsTheUndeliverableMarkAndTheOperatorClearsIt() {
        var desk = MailFixture.create(tenants, "en");
        undeliverable.mark(desk.accountId(), desk.customerEmail(), "5.1.1 550 5.1.1 <" + desk.customerEmail() + ">: User unknown",
                Instant.now());
        var operator = tenants.signedIn(desk.accountId(), OperatorRole.OPERATOR).operator();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(operator.email());
            driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.get(base() + "/console/customers/" + desk.customerId());
            var panel = driver.findElement(By.id("undeliverable"));
            assertThat(panel.getText()).contains(desk.customerEmail()).contains("User unknown");
            browser.screenshot("console-customer-undeliverable-1366");
            driver.manage().window().setSize(new Dimension(390, 900));
            browser.screenshot("console-customer-undeliverable-390");
            driver.manage().window().setSize(new Dimension(1366, 900));

            panel.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
            driver.manage().timeouts().implicitlyWait(Duration.ZERO);
            assertThat(driver.findElements(By.id("undeliverable"))).isEmpty();
            assertThat(undeliverable.of(desk.accountId(), desk.customerId())).isEmpty();
        }
    }

    @Test
    void aRatingLinkRecordsTheRatingInOneClickInABrowser() {
        var desk = MailFixture.create(tenants, "en");
        String ticketId = desk.openTicket("Printer", "It does not print");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/finish", "ticket_id", ticketId, "message", "New toner");
        String link = signedLinks.url(SignedLinks.Purpose.RATING, desk.accountId(), ticketId, desk.customerId(),
                Instant.now().plus(Duration.ofHours(1))) + "?grade=5";
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.manage().window().setSize(new Dimension(390, 900));
            driver.get(base() + link.substring(publicUrl.length()));
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "5 of 5"));
            assertThat(tickets.get(desk.accountId(), ticketId).evaluationGrade()).isEqualTo(5);
            browser.screenshot("portal-rating-recorded-390");
        }
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
