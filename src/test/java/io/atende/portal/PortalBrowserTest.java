package io.atende.portal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal and the chat widget in headless Chromium, with an operator acting through the API. */
@ApiTest
class PortalBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;

    @Test
    void aCustomerSignsInOpensATicketWithAFileSeesTheReplyAndEvaluatesItOnceFinished() throws IOException {
        var tenant = tenants.create();
        var fixtures = new PortalFixtures(tenants, access);
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana Atendente", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        String email = "maria" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Maria Lima", email);
        var link = URI.create(access.invite(tenant.accountId(), customer).url());
        var file = Files.createTempFile("comprovante", ".txt");
        Files.writeString(file, "pago em 10/08");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String base = "http://localhost:" + tenants.port();
            driver.get(base + link.getRawPath() + "?" + link.getRawQuery());
            driver.findElement(By.id("password")).sendKeys("minha senha boa");
            driver.findElement(By.id("password_again")).sendKeys("minha senha boa\n");
            // Setting the password signs the customer in.
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("h1"), "My tickets"));

            driver.findElement(By.cssSelector("main a[href='/portal/tickets/new']")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Open a ticket"));
            new Select(driver.findElement(By.id("department_id"))).selectByVisibleText("Suporte");
            driver.findElement(By.id("subject")).sendKeys("Pagamento não reconhecido");
            driver.findElement(By.id("message")).sendKeys("Paguei o boleto e ainda aparece em aberto.");
            driver.findElement(By.id("attachment")).sendKeys(file.toString());
            browser.screenshot("portal-new-ticket");
            driver.findElement(By.cssSelector("#new-ticket button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.message")));
            String ticket = driver.getCurrentUrl().replaceAll(".*/portal/tickets/([0-9a-f]{32}).*", "$1");
            assertThat(driver.findElement(By.cssSelector("article.message ul.files a")).getText()).isEqualTo(file.getFileName().toString());

            assertThat(tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", operator).status()).isEqualTo(200);
            assertThat(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Já confirmamos, obrigado!")
                    .status()).isEqualTo(200);
            tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "Nota interna que o cliente não vê");
            driver.navigate().refresh();
            browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("article.message"), 2));
            assertThat(driver.findElements(By.cssSelector("article.message .body")).get(1).getText()).isEqualTo("Já confirmamos, obrigado!");
            assertThat(driver.getPageSource()).doesNotContain("Nota interna");
            browser.screenshot("portal-ticket");

            driver.get(base + "/portal/tickets");
            assertThat(driver.findElement(By.cssSelector("table.list tbody a")).getText()).isEqualTo("Pagamento não reconhecido");
            browser.screenshot("portal-tickets");

            assertThat(tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido.").status()).isEqualTo(200);
            driver.get(base + "/portal/tickets/" + ticket);
            driver.findElement(By.id("grade-5")).click();
            driver.findElement(By.id("solved-yes")).click();
            driver.findElement(By.id("comment")).sendKeys("Muito rápido");
            driver.findElement(By.cssSelector("form[action$='/evaluation'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".notice"), "Thank you for your evaluation."));
            var detail = tenant.reader().get("/ticket/detail", "ticket_id", ticket).data().toString();
            assertThat(detail).contains("Muito rápido");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theTicketListFollowsItsFiltersAsTheyChangeWithoutASubmitButton() {
        var tenant = tenants.create();
        var fixtures = new PortalFixtures(tenants, access);
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        String email = "maria" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Maria Lima", email);
        opened(tenant, customer, department, "Boleto atrasado");
        opened(tenant, customer, department, "Senha bloqueada");
        String finished = opened(tenant, customer, department, "Nota fiscal");
        tenant.writer().post("/ticket/operator/link", "ticket_id", finished, "operator_id", operator);
        assertThat(tenant.writer().post("/ticket/finish", "ticket_id", finished, "message", "Enviada.").status()).isEqualTo(200);
        var link = URI.create(access.invite(tenant.accountId(), customer).url());

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String base = "http://localhost:" + tenants.port();
            driver.get(base + link.getRawPath() + "?" + link.getRawQuery());
            driver.findElement(By.id("password")).sendKeys("minha senha boa");
            driver.findElement(By.id("password_again")).sendKeys("minha senha boa\n");
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("h1"), "My tickets"));
            assertThat(driver.findElements(By.cssSelector("form#filters button[type=submit]"))).allMatch(button -> !button.isDisplayed());
            assertThat(driver.findElements(By.cssSelector("table.list tbody a"))).hasSize(2);

            new Select(driver.findElement(By.id("show"))).selectByValue("closed");
            browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.list tbody a"), 1));
            assertThat(driver.findElement(By.cssSelector("table.list tbody a")).getText()).isEqualTo("Nota fiscal");
            assertThat(driver.getCurrentUrl()).contains("show=closed");

            new Select(driver.findElement(By.id("show"))).selectByValue("open");
            browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.list tbody a"), 2));
            driver.findElement(By.id("q")).sendKeys("senha");
            browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.list tbody a"), 1));
            assertThat(driver.findElement(By.cssSelector("table.list tbody a")).getText()).isEqualTo("Senha bloqueada");
            browser.screenshot("portal-tickets-filtered");
        }
    }

    private static String opened(TestTenants.Tenant tenant, String customer, String department, String subject) {
        var opened = tenant.writer().post("/ticket/new", "customer_id", customer, "department_id", department, "subject", subject,
                "message", "Texto de " + subject);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return opened.json().get("ticket_id").asString();
    }

    @Test
    void theWidgetOnAnotherSitesPageRunsAChatWithAnOperatorWithoutCookies() throws Exception {
        var tenant = tenants.create();
        String department = tenant.admin().post("/department/new", "name", "Vendas").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        // Someone has the chat desk open, so the widget offers a chat.
        var desk = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", desk.operator().id());
        assertThat(desk.session().get("/console/chats").status()).isEqualTo(200);

        // The shop's page lives on another origin (and another site: 127.0.0.1, not localhost).
        var shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Loja</title></head><body><h1>Loja de teste</h1>"
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
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(shopOrigin + "/");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("atende-widget-button"))).click();
            driver.findElement(By.id("atende-widget-name")).sendKeys("Visitante");
            driver.findElement(By.id("atende-widget-email")).sendKeys("visitante" + System.nanoTime() + "@example.com");
            driver.findElement(By.id("atende-widget-first")).sendKeys("Vocês entregam em Recife?");
            driver.findElement(By.cssSelector("#atende-widget-start button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("atende-widget-status"), "Please wait: an attendant will be with you shortly."));

            var chats = tenant.reader().get("/chat/list").data();
            assertThat(chats).hasSize(1);
            String chat = chats.get(0).get("id").asString();
            assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(200);
            assertThat(tenant.writer().post("/chat/message", "chat_id", chat, "message", "Entregamos sim!", "sender_type", "A").status())
                    .isEqualTo(200);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-log"), "Entregamos sim!"));
            // The status now leads with the operator's initials as avatar (hidden from screen readers), then the sentence.
            var avatar = driver.findElement(By.cssSelector("#atende-widget-status .atende-avatar"));
            assertThat(avatar.getText()).isEqualTo("A");
            assertThat(avatar.getAttribute("aria-hidden")).isEqualTo("true");
            assertThat(driver.findElement(By.id("atende-widget-status")).getText()).endsWith("You are chatting with Ana.")
                    .isEqualTo("A\nYou are chatting with Ana.");
            driver.findElement(By.id("atende-widget-text")).sendKeys("Ótimo, obrigada!" + Keys.ENTER);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-log"), "Ótimo, obrigada!"));
            browser.screenshot("widget-chat");
            assertThat(tenant.reader().get("/chat/detail", "chat_id", chat).data().toString()).contains("Ótimo, obrigada!");
            assertThat(driver.manage().getCookies()).isEmpty();

            assertThat(tenant.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(200);
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("atende-widget-rate")));
            String transcript = driver.findElement(By.id("atende-widget-transcript")).getAttribute("href");
            assertThat(transcript).contains("/widget/chats/" + chat + "/transcript");
            new Select(driver.findElement(By.id("atende-widget-grade"))).selectByValue("4");
            driver.findElement(By.cssSelector("#atende-widget-rate button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("atende-widget-status"), "Thank you for your rating."));
            assertThat(tenant.reader().get("/chat/detail", "chat_id", chat).data().toString()).contains("\"grade\":4");
        } finally {
            shop.stop(0);
        }
    }

    @Test
    void theWidgetLeavesAMessageWhenNoOneIsAtTheDeskStartsANewChatAfterOneEndsAndSaysWhenTheSiteIsNotAllowed() throws Exception {
        var tenant = tenants.create();
        String department = tenant.admin().post("/department/new", "name", "Vendas").id();
        var desk = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", desk.operator().id());
        var shop = shop(tenant.accountId(), department);
        String shopOrigin = "http://127.0.0.1:" + shop.getAddress().getPort();
        access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of(shopOrigin), null));
        String email = "deixa" + System.nanoTime() + "@example.com";
        try (var browser = Browser.open()) {
            var driver = browser.driver();

            // No one at the chat desk: the widget offers to leave a message, which opens a ticket in the department.
            driver.get(shopOrigin + "/");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("atende-widget-button"))).click();
            assertThat(driver.findElement(By.id("atende-widget-status")).getText())
                    .isEqualTo("No one is available to chat right now. Leave a message and we will answer by e-mail.");
            assertThat(driver.findElement(By.cssSelector("#atende-widget-start button")).getText()).isEqualTo("Send message");
            driver.findElement(By.id("atende-widget-name")).sendKeys("Visitante");
            driver.findElement(By.id("atende-widget-email")).sendKeys(email);
            driver.findElement(By.id("atende-widget-first")).sendKeys("Quero um orçamento de 200 caixas.");
            driver.findElement(By.cssSelector("#atende-widget-start button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("atende-widget-status"),
                    "Thank you! We received your message and will answer by e-mail."));
            browser.screenshot("widget-message-left");
            var tickets = tenant.reader().get("/ticket/list").data();
            assertThat(tickets).hasSize(1);
            var ticket = tenant.reader().get("/ticket/detail", "ticket_id", tickets.get(0).get("id").asString()).data().toString();
            assertThat(ticket).contains("Quero um orçamento de 200 caixas.", "Message left on the chat by Visitante", department, email);
            assertThat(tenant.reader().get("/chat/list").data()).isEmpty();

            // An operator opens the desk: the widget offers a chat; once it ends, the visitor starts another.
            assertThat(desk.session().get("/console/chats").status()).isEqualTo(200);
            driver.navigate().refresh();
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("atende-widget-button"))).click();
            assertThat(driver.findElement(By.cssSelector("#atende-widget-start button")).getText()).isEqualTo("Start chat");
            driver.findElement(By.id("atende-widget-name")).sendKeys("Visitante");
            driver.findElement(By.id("atende-widget-email")).sendKeys(email);
            driver.findElement(By.id("atende-widget-first")).sendKeys("Primeira conversa");
            driver.findElement(By.cssSelector("#atende-widget-start button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("atende-widget-status"), "Please wait: an attendant will be with you shortly."));
            String chat = tenant.reader().get("/chat/list").data().get(0).get("id").asString();
            assertThat(tenant.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(200);
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("atende-widget-new"))).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("atende-widget-first")));
            assertThat(driver.findElements(By.cssSelector("#atende-widget-log li"))).isEmpty();
            driver.findElement(By.id("atende-widget-first")).sendKeys("Segunda conversa");
            driver.findElement(By.cssSelector("#atende-widget-start button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("atende-widget-log"), "Segunda conversa"));
            browser.screenshot("widget-new-chat");
            var chats = tenant.reader().get("/chat/list").data();
            assertThat(chats).hasSize(2);
            assertThat(chats.toString()).contains(chat);

            // A site the account does not allow: the widget says so instead of staying silent.
            access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of("https://other.example.com"), null));
            driver.navigate().refresh();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("atende-widget-unavailable")));
            assertThat(driver.findElement(By.id("atende-widget-unavailable")).getText())
                    .isEqualTo("This site may not run the chat of this help desk.");
            assertThat(driver.findElements(By.id("atende-widget-button"))).isEmpty();
            browser.screenshot("widget-site-not-allowed");
        } finally {
            shop.stop(0);
        }
    }

    /** A shop's page on another origin (and another site: 127.0.0.1, not localhost) that embeds the widget. */
    private HttpServer shop(String accountId, String department) throws IOException {
        var shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Loja</title></head><body><h1>Loja de teste</h1>"
                + "<script src=\"http://localhost:" + tenants.port() + "/widget.js\" data-account=\"" + accountId
                + "\" data-department=\"" + department + "\"></script></body></html>";
        shop.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shop.start();
        return shop;
    }
}
