package io.atende.console.tickets;

import java.time.Duration;

import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/console.md, The ticket workspace: the recorded changes between the messages, and that the console records them in the operator's name. */
@ApiTest
class TicketTimelinePageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void changesMadeInTheConsoleAreTheOperatorsAndShowBetweenTheMessagesInOrder() {
        String other = ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ok(desk.tenant.admin().post("/department/operator/add", "department_id", other, "operator_id", desk.operator.id()));
        String ticket = desk.ticket("Impressora");
        String page = "/console/tickets/" + ticket;

        assertThat(desk.session.post(page + "/take").status()).isEqualTo(302);
        assertThat(desk.session.post(page + "/tags/add", "tag", "urgente").status()).isEqualTo(302);
        assertThat(desk.session.post(page + "/reply", "message", "Pode reiniciar?").status()).isEqualTo(302);
        assertThat(desk.session.post(page + "/transfer", "department_id", other).status()).isEqualTo(302);

        String me = desk.operator.name();
        var workspace = desk.session.get(page);
        assertThat(workspace.status()).isEqualTo(200);
        var items = workspace.document().select(".desk-conversation > .history-line, .desk-conversation > article.message");
        assertThat(items.eachText()).satisfiesExactly(
                opened -> assertThat(opened).matches("Token de API “test WRITE” abriu o ticket pela API · \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}"),
                opening -> assertThat(opening).contains("Mensagem de abertura de Impressora"),
                assigned -> assertThat(assigned).startsWith(me + " atribuiu a " + me + " · "),
                started -> assertThat(started).startsWith(me + " mudou a situação para Não iniciado pelo atendente · "),
                tagged -> assertThat(tagged).startsWith(me + " adicionou a etiqueta urgente · "),
                reply -> assertThat(reply).contains("Pode reiniciar?"),
                moved -> assertThat(moved).startsWith(me + " moveu de Suporte para Financeiro · "),
                changed -> assertThat(changed).startsWith(me + " mudou a situação para Atendente modificado · "));
        assertThat(workspace.document().select(".history-line time").first().attr("datetime")).isNotBlank();

        JsonNode history = ok(desk.tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).get("actor").get("type").asString()).isEqualTo("operator");
            assertThat(history.get(i).get("actor").get("id").asString()).isEqualTo(desk.operator.id());
            assertThat(history.get(i).get("actor").get("name").asString()).isEqualTo(me);
            assertThat(history.get(i).get("channel").asString()).isEqualTo("console");
        }
        assertThat(history.get(0).get("channel").asString()).isEqualTo("api");
    }

    @Test
    void theTimelineReadsWellInChromium() {
        String ticket = desk.myTicket("Boleto não chegou");
        String other = ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ok(desk.tenant.admin().post("/department/operator/add", "department_id", other, "operator_id", desk.operator.id()));
        ok(desk.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "boleto"));
        ok(desk.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Reenviamos o boleto."));
        ok(desk.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", other, "operator_id", desk.operator.id()));

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + tenants.port() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(desk.operator.email());
            driver.findElement(By.id("password")).sendKeys(desk.operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            driver.get("http://localhost:" + tenants.port() + "/console/tickets/" + ticket);
            browser.waiting().withTimeout(Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history-line")));
            var lines = driver.findElements(By.cssSelector(".history-line"));
            assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
            assertThat(lines.get(lines.size() - 2).getText()).contains("moveu de Suporte para Financeiro");
            browser.screenshot("console-ticket-timeline");
        }
    }
}
