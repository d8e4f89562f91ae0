package io.atende.console.chats;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalSettings;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator at the chat desk and a visitor in the widget on a shop's page, each in their own browser: typing shows
 * on the other side, Enter sends and Shift+Enter breaks the line, a canned reply goes into the box, and the widget
 * shows each message's time and the operator's name and initials.
 */
@ApiTest
class ChatDeskBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void anOperatorAndAVisitorChatWithTypingIndicatorsEnterToSendAndACannedReply() throws Exception {
        var tenant = tenants.create();
        String department = tenant.admin().post("/department/new", "name", "Vendas").id();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator.id());
        tenant.admin().post("/macro/new", "name", "Saudação", "reply", "Olá {{customer.name}}, sou {{operator.name}}.");

        var shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Loja</title></head><body><h1>Loja</h1>"
                + "<script src=\"http://localhost:" + tenants.port() + "/widget.js\" data-account=\"" + tenant.accountId()
                + "\" data-department=\"" + department + "\"></script></body></html>";
        shop.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shop.start();
        String shopOrigin = "http://127.0.0.1:" + shop.getAddress().getPort();
        access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of(shopOrigin), null));
        try (var desk = Browser.open(); var visitor = Browser.open()) {
            var operatorPage = desk.driver();
            operatorPage.manage().window().setSize(new Dimension(1366, 900));
            operatorPage.get("http://localhost:" + tenants.port() + "/console/sign-in");
            operatorPage.findElement(By.id("email")).sendKeys(operator.email());
            operatorPage.findElement(By.id("password")).sendKeys(operator.password() + "\n");
            desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            operatorPage.get("http://localhost:" + tenants.port() + "/console/chats");

            // The visitor starts a chat; it waits in the desk's queue with its time and first words.
            var shopPage = visitor.driver();
            shopPage.get(shopOrigin + "/");
            visitor.waiting().until(ExpectedConditions.elementToBeClickable(By.id("atende-widget-button"))).click();
            shopPage.findElement(By.id("atende-widget-name")).sendKeys("Maria Souza");
            shopPage.findElement(By.id("atende-widget-email")).sendKeys("maria" + System.nanoTime() + "@example.com");
            shopPage.findElement(By.id("atende-widget-first")).sendKeys("Vocês entregam em Recife?");
            shopPage.findElement(By.cssSelector("#atende-widget-start button")).click();
            visitor.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-log"), "Vocês entregam em Recife?"));
            var mine = shopPage.findElement(By.cssSelector("#atende-widget-log li.atende-C"));
            assertThat(mine.findElement(By.cssSelector("time")).getAttribute("datetime")).isNotBlank();
            assertThat(mine.findElement(By.cssSelector("time")).getText()).matches(".*\\d\\d.*");

            desk.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chat-queue .chat-preview"),
                    "Vocês entregam em Recife?"));
            String before = operatorPage.findElement(By.cssSelector("#chat-queue time.waiting-timer")).getText();
            assertThat(before).matches("\\d+:\\d\\d");
            desk.waiting().until(driver -> !driver.findElement(By.cssSelector("#chat-queue time.waiting-timer")).getText().equals(before));
            desk.screenshot("chat-desk-queue");
            operatorPage.findElement(By.cssSelector("#chat-queue button.primary")).click();
            desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("chat-message")));
            visitor.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-status"), operator.name()));

            // The visitor types: the operator sees it.
            shopPage.findElement(By.id("atende-widget-text")).sendKeys("Tenho mais uma");
            desk.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-typing")));
            assertThat(operatorPage.findElement(By.id("chat-typing")).getText()).isEqualTo("O cliente está digitando…");

            // Shift+Enter breaks the line, the operator's typing shows in the widget with their name, Enter sends.
            var box = operatorPage.findElement(By.id("chat-message"));
            box.sendKeys("Entregamos sim!");
            box.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            box.sendKeys("Em dois dias.");
            assertThat(box.getAttribute("value")).isEqualTo("Entregamos sim!\nEm dois dias.");
            visitor.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("atende-widget-typing")));
            assertThat(shopPage.findElement(By.id("atende-widget-typing")).getText()).isEqualTo(operator.name() + " is typing…");
            box.sendKeys(Keys.ENTER);
            visitor.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-log"), "Em dois dias."));
            var answer = shopPage.findElement(By.cssSelector("#atende-widget-log li.atende-A"));
            assertThat(answer.getText()).contains("Entregamos sim!\nEm dois dias.");
            assertThat(answer.findElement(By.cssSelector(".atende-who strong")).getText()).isEqualTo(operator.name());
            assertThat(answer.findElement(By.cssSelector(".atende-avatar")).getText()).isEqualTo(initials(operator.name()));
            assertThat(answer.findElement(By.cssSelector("time")).getAttribute("datetime")).isNotBlank();
            visitor.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("atende-widget-typing")));
            desk.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Em dois dias."));
            // The line break survives the live stream.
            assertThat(operatorPage.findElements(By.cssSelector("#conversation article.operator .body")).get(0).getText())
                    .isEqualTo("Entregamos sim!\nEm dois dias.");
            // The reply box is empty and keeps the focus for the next message.
            desk.waiting().until(driver -> "chat-message".equals(driver.switchTo().activeElement().getAttribute("id")));
            assertThat(operatorPage.findElement(By.id("chat-message")).getAttribute("value")).isEmpty();

            // A canned reply, filled in for this chat, goes into the box; Enter sends it.
            new Select(operatorPage.findElement(By.id("canned-choice"))).selectByVisibleText("Saudação");
            operatorPage.findElement(By.id("canned-insert")).click();
            desk.waiting().until(driver -> driver.findElement(By.id("chat-message")).getAttribute("value")
                    .equals("Olá Maria Souza, sou " + operator.name() + "."));
            operatorPage.findElement(By.id("chat-message")).sendKeys(Keys.ENTER);
            visitor.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-log"), "Olá Maria Souza"));
            shopPage.findElement(By.id("atende-widget-text")).sendKeys(", obrigada!" + Keys.ENTER);
            desk.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Tenho mais uma, obrigada!"));
            desk.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("chat-typing")));
            desk.screenshot("chat-desk-conversation");
            visitor.screenshot("widget-conversation");

            operatorPage.manage().window().setSize(new Dimension(390, 844));
            desk.screenshot("chat-desk-conversation-phone");
            long overflow = (Long) ((JavascriptExecutor) operatorPage)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Object wide = ((JavascriptExecutor) operatorPage).executeScript("""
                    var width = document.documentElement.clientWidth;
                    return Array.from(document.querySelectorAll('body *')).filter(function (e) {
                        return e.getBoundingClientRect().right > width + 1;
                    }).map(function (e) { return e.tagName + '#' + e.id + '.' + e.className; }).join(', ');""");
            assertThat(overflow).as("no horizontal scrolling at 390 px: " + wide).isLessThanOrEqualTo(0);

            // Once finished, the chat is in the history, found by a word of the conversation.
            operatorPage.manage().window().setSize(new Dimension(1366, 900));
            operatorPage.findElement(By.id("finish-chat")).click();
            desk.waiting().until(ExpectedConditions.textToBe(By.id("chat-state"), "Finalizado"));
            operatorPage.get("http://localhost:" + tenants.port() + "/console/chats/history?q=recif");
            assertThat(operatorPage.findElements(By.cssSelector("#history tbody tr"))).hasSize(1);
            desk.screenshot("chat-history");
            operatorPage.manage().window().setSize(new Dimension(390, 844));
            assertThat((Long) ((JavascriptExecutor) operatorPage)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(0);
            desk.screenshot("chat-history-phone");
        } finally {
            shop.stop(0);
        }
    }

    private static String initials(String name) {
        var words = name.strip().split("\\s+");
        return (words[0].substring(0, 1) + (words.length > 1 ? words[words.length - 1].substring(0, 1) : "")).toUpperCase();
    }
}
