package io.atende.console.tickets;

import java.nio.file.Files;

import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's day in a real browser: taking an unassigned ticket, replying with a file,
 * opening and closing a status and finishing it; then accepting a chat and talking with a
 * customer who writes through the API while the page follows the conversation live.
 */
@ApiTest
class DeskBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void anOperatorWorksATicketFromTheQueueToFinishedAndTalksWithACustomerInALiveChat() throws Exception {
        var desk = new DeskFixture(tenants);
        String status = DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando peça")).id();
        String ticket = desk.ticket("Impressora parada");
        var file = Files.createTempFile("manual", ".txt");
        Files.writeString(file, "Desligue e ligue de novo.");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            signIn(driver, browser, desk);

            driver.get(base() + "/console/tickets?queue=unassigned");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-" + ticket)));
            assertThat(driver.findElement(By.id("count-unassigned")).getText()).isEqualTo("1");
            browser.screenshot("console-queue");
            driver.findElement(By.linkText("Impressora parada")).click();

            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("take"))).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("ticket-operator"), desk.operator.name()));

            // The reply box is a rich-text editor once scripts run.
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply .ql-editor"))).sendKeys("Segue o manual da impressora.");
            driver.findElement(By.id("reply-files")).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("#reply button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#reply [role=status]"), "Resposta enviada."));
            assertThat(driver.findElement(By.cssSelector(".message.operator .attachments a")).getText()).isEqualTo(file.getFileName().toString());

            new Select(driver.findElement(By.id("status_id"))).selectByValue(status);
            driver.findElement(By.id("open-status")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("current-status"), "Aguardando peça"));
            browser.screenshot("console-ticket");
            driver.findElement(By.id("close-status")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#status [role=status]"), "Status fechado."));

            driver.findElement(By.cssSelector("#finish summary")).click();
            driver.findElement(By.id("finish-message")).sendKeys("Resolvido, obrigado!");
            driver.findElement(By.id("finish-button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("situation"), "Finalizado"));

            var detail = desk.detail(ticket).data();
            assertThat(detail.get("situation").get("id").asInt()).isEqualTo(5);
            assertThat(detail.get("replies").get(1).get("attachments").get(0).get("name").asString())
                    .isEqualTo(file.getFileName().toString());
            assertThat(detail.get("status")).hasSize(1);
            assertThat(detail.get("status").get(0).get("end").get("date").isNull()).isFalse();

            String chat = desk.chat("Olá, meu pedido não chegou");
            driver.get(base() + "/console/chats");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("chat-" + chat)));
            browser.screenshot("console-chat-desk");
            driver.findElement(By.cssSelector("#chat-" + chat + " button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/console/chats/" + chat));
            browser.waiting().until(ExpectedConditions.textToBe(By.id("chat-state"), "Em atendimento"));

            DeskFixture.ok(desk.tenant.writer().post("/chat/message", "chat_id", chat, "message", "Pedido 4521", "sender_type", "C"));
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Pedido 4521"));

            driver.findElement(By.id("chat-message")).sendKeys("Vou verificar o pedido 4521.");
            driver.findElement(By.id("send")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Vou verificar o pedido 4521."));
            var messages = DeskFixture.ok(desk.tenant.reader().get("/chat/detail", "chat_id", chat)).data().get("messages");
            assertThat(messages.get(messages.size() - 1).get("message").asString()).isEqualTo("Vou verificar o pedido 4521.");
            browser.screenshot("console-chat");

            driver.findElement(By.id("finish-chat")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("chat-state"), "Finalizado"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aTicketWithoutOperatorStaysInTheUnassignedQueueWhenTheCustomerReplies() {
        var desk = new DeskFixture(tenants);
        String ticket = desk.ticket("Impressora parada");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Alguma novidade?"));

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            signIn(driver, browser, desk);

            driver.get(base() + "/console/tickets?queue=unassigned");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-" + ticket)));
            assertThat(driver.findElement(By.id("count-unassigned")).getText()).isEqualTo("1");
            assertThat(driver.findElement(By.cssSelector("#ticket-" + ticket + " .badge")).getText())
                    .isEqualTo("Respondido pelo cliente, aguardando resposta");

            driver.findElement(By.linkText("Impressora parada")).click();
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("take"))).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("ticket-operator"), desk.operator.name()));
            driver.get(base() + "/console/tickets?queue=unassigned");
            browser.waiting().until(ExpectedConditions.textToBe(By.id("count-unassigned"), "0"));
            assertThat(driver.findElements(By.id("ticket-" + ticket))).isEmpty();
        }
    }

    private void signIn(WebDriver driver, Browser browser, DeskFixture desk) {
        driver.get(base() + "/console/sign-in");
        driver.findElement(By.id("email")).sendKeys(desk.operator.email());
        driver.findElement(By.id("password")).sendKeys(desk.operator.password() + "\n");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
