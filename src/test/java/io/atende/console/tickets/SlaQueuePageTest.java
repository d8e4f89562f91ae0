package io.atende.console.tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.MutableClock;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/console.md, Ticket queues: each row's nearest SLA deadline and its state in words, the "SLA at risk" queue and
 * the order by deadline, on a clock the test moves. The policy counts round the clock: 100 minutes, at risk after 80.
 */
@ApiTest
@DirtiesContext
class SlaQueuePageTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Autowired
    TestTenants tenants;

    DeskFixture desk;
    String breached;
    String atRisk;
    String onTime;
    String paused;
    String noPolicy;
    Instant onTimeDue;

    @BeforeEach
    void ticketsInEveryState() {
        desk = new DeskFixture(tenants);
        DeskFixture.ok(desk.tenant.admin().post("/sla/new", "name", "Padrão", "priority", "1,2,3", "resolution_minutes", "100"));
        String supplier = DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando fornecedor",
                "pauses_sla", "1")).id();
        breached = desk.ticket("Servidor fora do ar", "priority", "2");
        CLOCK.advance(Duration.ofMinutes(20));
        atRisk = desk.ticket("Impressora parada", "priority", "2");
        CLOCK.advance(Duration.ofMinutes(30));
        onTime = desk.ticket("Senha expirada", "priority", "2");
        onTimeDue = CLOCK.instant().plus(Duration.ofMinutes(100));
        paused = desk.ticket("Peça encomendada", "priority", "2");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/status/open", "ticket_id", paused, "status_id", supplier));
        noPolicy = desk.ticket("Dúvida sem prazo", "priority", "4");
        CLOCK.advance(Duration.ofMinutes(60));
    }

    @Test
    void eachRowSaysItsSlaStateInWordsWithItsNearestDeadline() {
        var page = desk.session.get("/console/tickets?queue=open");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#ticket-" + breached + " .sla")).isEqualTo("Violado");
        assertThat(page.document().selectFirst("#ticket-" + breached + " .sla").hasClass("sla-breached")).isTrue();
        assertThat(page.text("#ticket-" + atRisk + " .sla")).isEqualTo("Em risco");
        assertThat(page.document().selectFirst("#ticket-" + atRisk + " .sla").hasClass("sla-at_risk")).isTrue();
        assertThat(page.text("#ticket-" + onTime + " .sla")).isEqualTo("No prazo");
        assertThat(page.document().selectFirst("#ticket-" + onTime + " .sla-cell time").attr("datetime"))
                .isEqualTo(onTimeDue.toString());
        assertThat(page.text("#ticket-" + paused + " .sla")).isEqualTo("Pausado");
        assertThat(page.document().select("#ticket-" + paused + " .sla-cell time")).isEmpty();
        assertThat(page.document().select("#ticket-" + noPolicy + " .sla")).isEmpty();
        assertThat(page.document().select("th").eachText()).contains("SLA");
    }

    @Test
    void theSlaAtRiskQueueHoldsTheTicketsAtRiskOrBreachedNearestDeadlineFirst() {
        var page = desk.session.get("/console/tickets?queue=sla_at_risk");

        assertThat(page.document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + breached, "ticket-" + atRisk);
        assertThat(page.document().select(".desk-queues a[aria-current=page]").text()).isEqualTo("SLA em risco");
        assertThat(desk.session.get("/console/tickets").document().select("#queue-sla-at-risk").attr("href"))
                .contains("queue=sla_at_risk");

        CLOCK.advance(Duration.ofMinutes(25));
        assertThat(desk.session.get("/console/tickets?queue=sla_at_risk").document().select("tbody tr").eachAttr("id"))
                .as("time alone puts a ticket at risk").containsExactly("ticket-" + breached, "ticket-" + atRisk, "ticket-" + onTime);
    }

    @Test
    void theOperatorSeesHowManyOfTheirTicketsAreAtRiskOrBreachedFromEveryQueueAndFollowsItToThem() {
        assertThat(desk.session.get("/console/tickets").document().select("#mine-sla-alerts")).as("none of theirs yet").isEmpty();
        var colleague = desk.colleague();
        for (String ticket : new String[] {breached, onTime}) {
            DeskFixture.ok(desk.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", desk.operator.id()));
        }
        DeskFixture.ok(desk.tenant.writer().post("/ticket/operator/link", "ticket_id", atRisk, "operator_id",
                colleague.operator().id()));

        var page = desk.session.get("/console/tickets?queue=all");
        assertThat(page.text("#mine-sla-alerts")).isEqualTo("⚠ 1 seus em risco ou violados");
        String mine = page.document().selectFirst("#mine-sla-alerts").attr("href");
        assertThat(desk.session.get(mine).document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + breached);
        assertThat(colleague.session().get("/console/tickets/queue").text("#mine-sla-alerts"))
                .as("the periodic refresh carries it too").isEqualTo("⚠ 1 seus em risco ou violados");

        CLOCK.advance(Duration.ofMinutes(25));
        assertThat(desk.session.get("/console/tickets/queue").text("#mine-sla-alerts"))
                .as("time alone puts the other at risk").isEqualTo("⚠ 2 seus em risco ou violados");
    }

    @Test
    void sortsAnyQueueByTheNearestDeadlineWithTicketsWithoutOneLast() {
        var page = desk.session.get("/console/tickets?queue=open&column=sla_deadline");

        var ids = page.document().select("tbody tr").eachAttr("id");
        assertThat(ids).hasSize(5).startsWith("ticket-" + breached, "ticket-" + atRisk, "ticket-" + onTime);
        assertThat(ids.subList(3, 5)).containsExactlyInAnyOrder("ticket-" + paused, "ticket-" + noPolicy);
        assertThat(page.document().select("#column option[selected]").val()).isEqualTo("sla_deadline");
        assertThat(page.document().select("#order option[selected]").val()).as("the order the list is in").isEqualTo("ASC");
        assertThat(desk.session.get("/console/tickets?queue=open&column=sla_deadline&order=DESC").document()
                .select("tbody tr").first().id()).isEqualTo("ticket-" + onTime);
        assertThat(desk.session.get("/console/tickets?queue=open&column=deadline").text("#filter-error")).contains("sla_deadline");
    }

    @Test
    void theTicketPageShowsEachTargetsClockAndItsPauses() {
        var late = desk.session.get("/console/tickets/" + breached);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.text("#sla h2")).isEqualTo("Nível de serviço (SLA)");
        assertThat(late.text("#sla dt")).isEqualTo("Resolução");
        assertThat(late.text("#sla-resolution")).startsWith("Violado").endsWith("10 min de atraso");
        assertThat(late.document().select("#sla .sla-pauses")).isEmpty();

        var waiting = desk.session.get("/console/tickets/" + paused);
        assertThat(waiting.text("#sla-resolution")).isEqualTo("Pausado faltam 100 min");
        assertThat(waiting.text("#sla .sla-pauses li")).startsWith("Pausado desde ");

        CLOCK.advance(Duration.ofMinutes(5));
        DeskFixture.ok(desk.tenant.writer().post("/ticket/status/close", "ticket_id", paused));
        var resumed = desk.session.get("/console/tickets/" + paused);
        assertThat(resumed.text("#sla-resolution")).startsWith("Correndo").endsWith("faltam 100 min");
        assertThat(resumed.text("#sla .sla-pauses li")).startsWith("Pausado de ");

        assertThat(desk.session.get("/console/tickets/" + noPolicy).document().select("#sla")).isEmpty();
    }

    @Test
    void anOperatorSeesTheDeadlinesInTheBrowser() {
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String base = "http://localhost:" + tenants.port();
            driver.get(base + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(desk.operator.email());
            driver.findElement(By.id("password")).sendKeys(desk.operator.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get(base + "/console/tickets?queue=open&column=sla_deadline");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-" + breached)));
            assertThat(driver.findElement(By.cssSelector("#ticket-" + atRisk + " .sla")).getText()).contains("Em risco");

            driver.findElement(By.id("queue-sla-at-risk")).click();
            browser.waiting().until(ExpectedConditions.attributeContains(By.id("queue-sla-at-risk"), "aria-current", "page"));
            assertThat(driver.findElements(By.cssSelector("tbody tr"))).hasSize(2);
            browser.screenshot("console-sla-queue");

            driver.get(base + "/console/tickets/" + paused);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sla")));
            browser.screenshot("console-sla-ticket");
        }
    }

    @Test
    void anotherAccountsTicketsAreNotInTheQueue() {
        var other = new DeskFixture(tenants);
        other.ticket("De outra conta", "priority", "2");

        assertThat(other.session.get("/console/tickets?queue=sla_at_risk").document().select("tbody tr")).isEmpty();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }
}
