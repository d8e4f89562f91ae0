package io.atende.console.tickets;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/console.md, Home: the operator's open work by SLA deadline, the tickets at risk, the queues of their
 * departments and the latest changes on their tickets; nothing of another account.
 */
@ApiTest
class HomePageTest {

    @Autowired
    TestTenants tenants;

    @Test
    void showsTheOperatorsWorkWhatIsAtRiskTheirDepartmentsQueuesAndRecentActivity() throws Exception {
        var desk = new DeskFixture(tenants);
        // A policy whose warning comes at once: one minute to resolve, at risk after 1 % of it.
        DeskFixture.ok(desk.tenant.admin().post("/sla/new", "name", "Urgente", "priority", "1", "resolution_minutes", "1",
                "warning_percent", "1"));
        String billing = DeskFixture.ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        String relaxed = desk.myTicket("Senha expirada");
        String urgent = desk.ticket("Servidor fora do ar", "priority", "1", "operator_id", desk.operator.id());
        String unassigned = desk.ticket("Impressora parada");
        String colleagues = desk.ticket("Dúvida do colega", "operator_id", desk.colleague().operator().id());
        DeskFixture.ok(desk.tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", billing,
                "subject", "Boleto", "message", "Segunda via"));
        DeskFixture.ok(desk.tenant.writer().post("/ticket/tag/add", "ticket_id", relaxed, "tag", "vip"));
        var other = new DeskFixture(tenants);
        String theirs = other.myTicket("Deles");
        Thread.sleep(1_500);

        var page = desk.session.get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#home-work tbody tr").eachAttr("id")).containsExactly("work-" + urgent, "work-" + relaxed);
        assertThat(page.text("#work-" + urgent + " .sla")).isEqualTo("Em risco");
        assertThat(page.document().select("#home-risk tbody tr").eachAttr("id")).containsExactly("risk-" + urgent);
        assertThat(page.text("#home-risk a[href*=sla_at_risk]")).isEqualTo("Todos os 1 chamados em risco ou com prazo estourado");
        assertThat(page.document().select("#home-team li").eachText()).containsExactly("Suporte 4");
        assertThat(page.document().selectFirst("#team-" + desk.department + " a").attr("href"))
                .isEqualTo("/console/tickets?queue=open&department_id=" + desk.department);
        var activity = page.document().select("#home-activity li");
        assertThat(activity.eachText()).hasSize(2);
        assertThat(activity.get(0).text()).contains("Senha expirada", "vip");
        assertThat(activity.get(1).text()).contains("Servidor fora do ar");
        assertThat(page.body()).doesNotContain(unassigned, colleagues, theirs, "Boleto");
    }

    @Test
    void aNewOperatorWithoutDepartmentsOrTicketsIsToldSo() {
        var desk = new DeskFixture(tenants);
        var newcomer = desk.outsider();

        var page = newcomer.session().get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#home-work")).contains("Nenhum chamado aberto é seu.");
        assertThat(page.text("#home-risk")).contains("Nenhum chamado aberto está em risco");
        assertThat(page.text("#home-team")).contains("Você não é membro de nenhum departamento.");
        assertThat(page.text("#home-activity")).contains("Nada aconteceu nos seus chamados ainda.");
    }
}
