package io.atende.console.live;

import io.atende.console.tickets.DeskFixture;
import io.atende.support.ApiTest;
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
 * Live updates in real browsers: an operator on the queue sees a new ticket announced in a bar and the counts change
 * without reloading, and two operators on the same ticket see each other there.
 */
@ApiTest
class LiveBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void theQueueAnnouncesANewTicketAndItsCountsChangeWhileAColleagueOnATicketIsSeenThere() {
        var desk = new DeskFixture(tenants);
        var colleague = desk.colleague().operator();
        String waiting = desk.ticket("Impressora parada");

        try (var ana = Browser.open(); var bruno = Browser.open()) {
            signIn(ana, desk.operator.email(), desk.operator.password());
            var driver = ana.driver();
            driver.get(base() + "/console/tickets?queue=unassigned");
            // The counts in the navigation arrive with the stream.
            ana.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-live-count=chats]"), "0"));
            assertThat(driver.findElement(By.cssSelector("[data-live-count=mine]")).getText()).isEqualTo("0");
            assertThat(driver.findElement(By.id("count-unassigned")).getText()).isEqualTo("1");

            String created = desk.ticket("Sem acesso ao e-mail");
            ana.waiting().until(ExpectedConditions.textToBe(By.id("count-unassigned"), "2"));
            ana.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("live-new")));
            assertThat(driver.findElement(By.id("live-new")).getText()).contains("1");
            // Nothing moved under the operator's cursor: the list is the one they were looking at until they ask.
            assertThat(driver.findElements(By.id("ticket-" + created))).isEmpty();
            ana.screenshot("console-live-new-tickets");
            driver.findElement(By.cssSelector("#live-new button")).click();
            ana.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-" + created)));
            assertThat(driver.findElements(By.id("live-new"))).isEmpty();

            desk.chat("Olá");
            ana.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-live-count=chats]"), "1"));

            signIn(bruno, colleague.email(), colleague.password());
            bruno.driver().get(base() + "/console/tickets/" + waiting);
            driver.get(base() + "/console/tickets/" + waiting);
            ana.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"),
                    colleague.name() + " está vendo este chamado"));
            bruno.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"),
                    desk.operator.name() + " está vendo este chamado"));
            ana.screenshot("console-live-presence");

            var editor = bruno.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply .ql-editor")));
            editor.click();
            editor.sendKeys("Estou verificando");
            ana.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"),
                    colleague.name() + " está respondendo"));

            bruno.driver().get(base() + "/console/tickets");
            ana.waiting().until(ExpectedConditions.textToBe(By.id("presence"), ""));

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(base() + "/console/profile");
            ana.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("live-settings")));
            ana.screenshot("console-live-profile-390");
        }
    }

    private void signIn(Browser browser, String email, String password) {
        WebDriver driver = browser.driver();
        driver.get(base() + "/console/sign-in");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password + "\n");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
