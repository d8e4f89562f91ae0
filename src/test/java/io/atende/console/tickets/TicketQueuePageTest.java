package io.atende.console.tickets;

import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class TicketQueuePageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void showsTheUnassignedQueueWithEachTicketsProtocolSubjectCustomerDepartmentAndSituation() {
        String waiting = desk.ticket("Impressora parada");
        desk.myTicket("Senha expirada");

        var page = desk.session.get("/console/tickets?queue=unassigned");

        assertThat(page.status()).isEqualTo(200);
        var row = page.document().selectFirst("#ticket-" + waiting);
        assertThat(row).isNotNull();
        assertThat(row.select("td").eachText()).containsSequence("1", "Impressora parada", "Carla Cliente", "Suporte", "Ninguém",
                "Sem atendente vinculado");
        assertThat(page.document().select("tbody tr")).hasSize(1);
        assertThat(page.text("#count-unassigned")).isEqualTo("1");
        assertThat(page.text("#count-mine")).isEqualTo("1");
        assertThat(page.text("#count-open")).isEqualTo("2");
        assertThat(page.document().select(".desk-queues a[aria-current=page]").text()).contains("Sem atendente");
    }

    @Test
    void keepsATicketWithoutOperatorInTheUnassignedQueueAfterTheCustomerReplies() {
        String replied = desk.ticket("Impressora parada");
        desk.ticket("Teclado quebrado");
        desk.myTicket("Senha expirada");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/reply/customer", "ticket_id", replied, "message", "Alguma novidade?"));
        assertThat(desk.detail(replied).data().get("situation").get("id").asInt()).isEqualTo(3);
        DeskFixture.ok(desk.tenant.writer().post("/ticket/cancel", "ticket_id", desk.ticket("Desistiu"), "message", "Fim"));

        var page = desk.session.get("/console/tickets?queue=unassigned");

        assertThat(page.document().select("tbody tr").eachAttr("id")).hasSize(2).contains("ticket-" + replied);
        assertThat(page.text("#ticket-" + replied + " .badge")).isEqualTo("Respondido pelo cliente, aguardando resposta");
        assertThat(page.text("#count-unassigned")).isEqualTo("2");
        assertThat(page.text("#results p[role=status]")).startsWith("2 ");
        assertThat(desk.session.get("/console").text("#home-ticket-counts")).isEqualTo("Sem atendente: 2 · Meus: 1");
    }

    @Test
    void showsTheOperatorsOwnOpenTicketsUnderMine() {
        desk.ticket("De ninguém");
        String mine = desk.myTicket("Meu chamado");

        var page = desk.session.get("/console/tickets?queue=mine");

        assertThat(page.document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + mine);
        assertThat(page.text("#ticket-" + mine + " td[data-label=Atendente]")).isEqualTo(desk.operator.name());
    }

    @Test
    void countsTheOpenTicketsOfEachDepartmentSituationAndStatus() {
        String status = DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando peça")).id();
        String ticket = desk.myTicket("Com status");
        desk.ticket("Sem status");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", status));

        var page = desk.session.get("/console/tickets?queue=open&status_id=" + status);

        assertThat(page.document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + ticket);
        assertThat(page.document().select(".desk-counts li").eachText())
                .contains("Suporte 2", "Sem atendente vinculado 1", "Não iniciado pelo atendente 1", "Aguardando peça 1");
        assertThat(page.text("#ticket-" + ticket + " .badge.status")).isEqualTo("Aguardando peça");
    }

    @Test
    void countsAsManyTicketsAsEachCountedQueueLists() {
        String finance = DeskFixture.ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        DeskFixture.ok(desk.tenant.admin().post("/department/operator/add", "department_id", finance, "operator_id", desk.operator.id()));
        String status = DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando peça")).id();
        desk.ticket("Sem atendente");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", finance,
                "subject", "Boleto", "message", "Segunda via"));
        String mine = desk.myTicket("Meu");
        desk.myTicket("Meu também");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/status/open", "ticket_id", mine, "status_id", status));
        DeskFixture.ok(desk.tenant.writer().post("/ticket/finish", "ticket_id", desk.myTicket("Terminado"), "message", "Resolvido"));
        var colleague = desk.colleague();
        desk.ticket("Do colega", "operator_id", colleague.operator().id());

        var page = desk.session.get("/console/tickets?queue=open");

        assertThat(page.text("#count-unassigned")).isEqualTo("2");
        assertThat(page.text("#count-mine")).isEqualTo("2");
        assertThat(page.text("#count-open")).isEqualTo("5");
        var counted = page.document().select(".desk-queues a:has(.badge), .desk-counts li");
        assertThat(counted).hasSizeGreaterThan(8);
        for (var element : counted) {
            var link = element.selectFirst("a");
            var badge = element.selectFirst(".badge");
            var queue = desk.session.get(link.attr("href"));
            assertThat(queue.document().selectFirst("#results p[role=status]").text())
                    .as(link.attr("href")).startsWith(badge.text() + " ");
        }
    }

    @Test
    void filtersAsTheTicketListDoesAndSearchesTheWordsOfSubjectsAndMessages() {
        desk.ticket("Impressora parada");
        String urgent = desk.ticket("Servidor fora do ar", "priority", "4");
        desk.ticket("Teclado quebrado");

        assertThat(desk.session.get("/console/tickets?queue=all&search=servidor").document().select("tbody tr").eachAttr("id"))
                .containsExactly("ticket-" + urgent);
        assertThat(desk.session.get("/console/tickets?queue=all&priority=4").document().select("tbody tr").eachAttr("id"))
                .containsExactly("ticket-" + urgent);
        assertThat(desk.session.get("/console/tickets?queue=all&customer=carla@example.com&min_protocol=2&max_protocol=2")
                .document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + urgent);
        assertThat(desk.session.get("/console/tickets?queue=all&column=protocol&order=ASC").document().select("tbody tr td:nth-child(2)")
                .eachText()).containsExactly("1", "2", "3");
        assertThat(desk.session.get("/console/tickets?queue=all&customer=nobody@example.com").document().select("#results section p")
                .eachText()).containsExactly("0 chamado(s)", "Nenhum chamado aqui.");
    }

    @Test
    void pagesFiftyTicketsAtATime() {
        for (int i = 1; i <= 51; i++) {
            desk.ticket("Chamado " + i);
        }
        var first = desk.session.get("/console/tickets?queue=all");
        assertThat(first.document().select("tbody tr")).hasSize(50);
        assertThat(first.text(".pager span")).isEqualTo("Página 1 de 2");
        String next = first.document().selectFirst(".pager a[rel=next]").attr("href");
        var second = desk.session.get(next);
        assertThat(second.document().select("tbody tr td:nth-child(2)").eachText()).containsExactly("1");
    }

    @Test
    void namesSituationsInQueueUrlsAndStillReadsTheNumbersOfBookmarkedOnes() {
        String replied = desk.ticket("Impressora parada");
        desk.ticket("Teclado quebrado");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/reply/customer", "ticket_id", replied, "message", "Alguma novidade?"));

        var page = desk.session.get("/console/tickets?queue=open");
        var link = page.document().select(".desk-counts li a").stream()
                .filter(a -> a.text().equals("Respondido pelo cliente, aguardando resposta")).findFirst().orElseThrow();
        assertThat(link.attr("href")).isEqualTo("/console/tickets?queue=open&situation=awaiting_operator");
        assertThat(page.document().select("#situation label:has(input[value=awaiting_customer])").text())
                .isEqualTo("Respondido, aguardando resposta do cliente");

        for (String value : new String[] {"awaiting_operator", "AWAITING_OPERATOR", "3"}) {
            var queue = desk.session.get("/console/tickets?queue=all&situation=" + value);
            assertThat(queue.status()).as(value).isEqualTo(200);
            assertThat(queue.document().select("tbody tr").eachAttr("id")).as(value).containsExactly("ticket-" + replied);
            assertThat(queue.document().select("#situation input[checked]").eachAttr("value")).as(value)
                    .containsExactly("awaiting_operator");
        }

        for (String value : new String[] {"12", "waiting", "-1"}) {
            var bad = desk.session.get("/console/tickets?queue=all&situation=" + value);
            assertThat(bad.status()).as(value).isEqualTo(400);
            assertThat(bad.text("#filter-error[role=alert]")).as(value).startsWith("O parâmetro \"situation\" deve ser um destes: no_operator,");
            assertThat(bad.document().selectFirst("#situation").attr("aria-invalid")).isEqualTo("true");
        }
    }

    @Test
    void showsABadFilterValueAsAnErrorNextToTheFilters() {
        var page = desk.session.get("/console/tickets?queue=all&min_protocol=abc");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#filter-error[role=alert]")).isEqualTo("O parâmetro \"min_protocol\" deve ser um número inteiro.");
        assertThat(page.document().selectFirst("#min_protocol").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#min_protocol").val()).isEqualTo("abc");

        var badDate = desk.session.get("/console/tickets?creation_date_ge=31-12-2026");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.document().selectFirst("#creation_date_ge").attr("aria-invalid")).isEqualTo("true");

        var unknownOrganization = desk.session.get("/console/tickets?queue=all&organization_id=" + "0".repeat(32));
        assertThat(unknownOrganization.status()).isEqualTo(400);
        assertThat(unknownOrganization.document().selectFirst("#organization_id").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void theListFragmentThePageReloadsShowsTicketsOpenedAfterThePageWasLoaded() {
        var page = desk.session.get("/console/tickets?queue=unassigned");
        String refresh = page.document().selectFirst("#results").attr("hx-get");
        assertThat(refresh).isEqualTo("/console/tickets/queue?queue=unassigned");
        assertThat(page.document().selectFirst("#results").attr("hx-trigger")).startsWith("every");

        String later = desk.ticket("Chegou agora");
        var fragment = desk.session.htmx().get(refresh);

        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.document().select("#ticket-" + later)).hasSize(1);
        assertThat(fragment.document().select("header.topbar")).isEmpty();
        assertThat(fragment.text("#count-unassigned")).isEqualTo("1");
    }

    @Test
    void showsNoTicketOfAnotherAccount() {
        var other = new DeskFixture(tenants);
        String theirs = other.ticket("Segredo de outra conta");
        desk.ticket("Nosso");

        var page = desk.session.get("/console/tickets?queue=all&search=segredo");
        assertThat(page.document().select("#ticket-" + theirs)).isEmpty();
        assertThat(desk.session.get("/console/tickets?queue=all&department_id=" + other.department).document().select("tbody tr"))
                .isEmpty();
    }

    @Test
    void sendsVisitorsWhoAreNotSignedInToTheSignInPage() {
        var visitor = new BrowserSession(tenants.port());
        assertThat(visitor.get("/console/tickets").redirectPath()).isEqualTo("/console/sign-in");
        assertThat(visitor.htmx().get("/console/tickets/queue").status()).isEqualTo(401);
    }

    @Test
    void theStartPageShowsTheOperatorsQueueSizes() {
        desk.ticket("Um");
        desk.ticket("Dois");
        desk.myTicket("Três");
        desk.chat("Olá");

        var home = desk.session.get("/console");

        assertThat(home.text("#home-ticket-counts")).isEqualTo("Sem atendente: 2 · Meus: 1");
        assertThat(home.text("#home-chat-counts")).isEqualTo("Aguardando: 1");
    }
}
