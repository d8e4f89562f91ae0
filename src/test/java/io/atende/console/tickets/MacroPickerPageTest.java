package io.atende.console.tickets;

import java.util.List;

import io.atende.api.v2.TicketEvents;
import io.atende.automation.Action;
import io.atende.automation.MacroManagement;
import io.atende.automation.SaveMacro;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;
import io.atende.ticket.Priority;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The macro picker of the ticket workspace: the operator's macros, a preview filled for the ticket, and applying one. */
@ApiTest
class MacroPickerPageTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    MacroManagement macros;

    @Autowired
    TicketEvents events;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    private String macro(String name, String reply, String owner, Action... actions) {
        return macros.create(desk.tenant.accountId(), new SaveMacro(name, reply, List.of(actions), owner)).id();
    }

    @Test
    void listsTheSharedMacrosAndTheOperatorsOwnButNotAColleagues() {
        var colleague = desk.colleague();
        macro("Agradecer", "Obrigado, {{customer.name}}!", null);
        macro("Minha", null, desk.operator.id(), new Action.AddTag("minha"));
        macro("Do colega", null, colleague.operator().id(), new Action.AddTag("colega"));
        String ticket = desk.myTicket("Impressora");

        var page = desk.session.get("/console/tickets/" + ticket);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#macro-choice option").eachText()).containsExactly("Agradecer", "Minha (sua)");
        assertThat(page.document().select("#macro-preview")).isEmpty();
    }

    @Test
    void previewsTheReplyFilledForTheTicketAndTheActionsBeforeApplying() {
        String macro = macro("Encaminhar", "Olá {{customer.name}}, o chamado #{{ticket.protocol}} ({{ticket.subject}}) está com {{operator.name}}.",
                null, new Action.SetPriority(Priority.URGENT), new Action.AddTag("vip"));
        String ticket = desk.myTicket("Impressora");
        long protocol = desk.detail(ticket).data().get("protocol").asLong();

        var page = desk.session.get("/console/tickets/" + ticket + "?macro=" + macro);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#macro-reply")).isEqualTo("Olá Carla Cliente, o chamado #" + protocol + " (Impressora) está com "
                + desk.operator.name() + ".");
        assertThat(page.document().select("#macro-actions li").eachText()).containsExactly("Definir a prioridade: Urgente",
                "Adicionar a etiqueta: vip");
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);

        var applied = desk.session.htmx().post("/console/tickets/" + ticket + "/macro", "macro_id", macro);

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.text("#macros [role=status]")).isEqualTo("Macro aplicada.");
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("priority").asInt()).isEqualTo(4);
        assertThat(detail.get("tags").get(0).asString()).isEqualTo("vip");
        assertThat(detail.get("replies").get(1).get("message").asString()).startsWith("Olá Carla Cliente, o chamado #" + protocol);
    }

    @Test
    void aRefusedMacroShowsWhyAndChangesNothing() {
        // No status is open, so closing one is refused after the priority changed: nothing may stay.
        String macro = macro("Quebrada", null, null, new Action.SetPriority(Priority.URGENT), new Action.CloseStatus());
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);
        var eventsBefore = events.of(ticket);

        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/macro", "macro_id", macro);
        var missing = desk.session.htmx().post("/console/tickets/" + ticket + "/macro");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#macros [role=alert]")).isNotBlank();
        assertThat(desk.detail(ticket).data().get("priority").asInt()).isEqualTo(2);
        assertThat(events.of(ticket)).isEqualTo(eventsBefore);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("#macros [role=alert]")).contains("macro_id");
    }

    @Test
    void aColleaguesOwnMacroIsNeitherPreviewedNorApplied() {
        var colleague = desk.colleague();
        String theirs = macro("Do colega", null, colleague.operator().id(), new Action.AddTag("colega"));
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        assertThat(desk.session.get("/console/tickets/" + ticket + "?macro=" + theirs).status()).isEqualTo(404);
        assertThat(desk.session.get("/console/tickets/" + ticket + "?macro=" + "0".repeat(32)).status()).isEqualTo(404);
        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/macro", "macro_id", theirs);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#macros [role=alert]")).isEqualTo("A macro Do colega é de outro atendente.");
        assertThat(desk.detail(ticket).data().get("tags")).isEmpty();
    }

    @Test
    void anotherAccountsMacroIsNotFound() {
        var other = new DeskFixture(tenants);
        String theirs = macros.create(other.tenant.accountId(), new SaveMacro("Deles", null, List.of(new Action.AddTag("x")), null)).id();
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        assertThat(desk.session.get("/console/tickets/" + ticket + "?macro=" + theirs).status()).isEqualTo(404);
        assertThat(desk.session.post("/console/tickets/" + ticket + "/macro", "macro_id", theirs).status()).isEqualTo(404);
        assertThat(desk.detail(ticket).data().get("tags")).isEmpty();
    }

    @Test
    void anOperatorPicksPreviewsAndAppliesAMacroInABrowser() {
        String macro = macro("Pedir dados", "Olá {{customer.name}}, pode enviar o número de série da impressora?", null,
                new Action.SetPriority(Priority.HIGH), new Action.AddTag("aguardando-dados"));
        macro("Agradecer", "Obrigado, {{customer.name}}!", null);
        String ticket = desk.myTicket("Impressora parada");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + tenants.port() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(desk.operator.email());
            driver.findElement(By.id("password")).sendKeys(desk.operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            driver.get("http://localhost:" + tenants.port() + "/console/tickets/" + ticket);

            new Select(driver.findElement(By.id("macro-choice"))).selectByValue(macro);
            driver.findElement(By.id("preview-macro")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("macro-reply")));
            assertThat(driver.findElement(By.id("macro-reply")).getText())
                    .isEqualTo("Olá Carla Cliente, pode enviar o número de série da impressora?");
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('macros').scrollIntoView()");
            browser.screenshot("console-ticket-macro");
            driver.findElement(By.id("apply-macro")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#macros [role=status]"), "Macro aplicada."));
        }
        assertThat(desk.detail(ticket).data().get("priority").asInt()).isEqualTo(3);
    }
}
