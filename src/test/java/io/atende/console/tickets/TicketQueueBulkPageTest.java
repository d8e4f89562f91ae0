package io.atende.console.tickets;

import java.util.List;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue as an operator's workbench: a priority column in colour, columns sorted by the server from their headings,
 * saved views of any filter (one's own or shared), and one action on the selected tickets with each ticket's outcome.
 */
@ApiTest
class TicketQueueBulkPageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void showsEachTicketsPriorityInItsColourAndSortsByAnyHeadingBothWays() {
        String low = desk.ticket("Baixa", "priority", "1");
        String urgent = desk.ticket("Urgente", "priority", "4");
        String high = desk.ticket("Alta", "priority", "3");

        var page = desk.session.get("/console/tickets?queue=all");
        assertThat(page.text("#ticket-" + urgent + " .prio.prio-4")).isEqualTo("Urgente");
        assertThat(page.document().selectFirst("th[aria-sort]").text()).isEqualTo("Protocolo");
        String byPriority = page.document().select("th a").stream().filter(a -> a.text().equals("Prioridade")).findFirst()
                .orElseThrow().attr("href");
        assertThat(byPriority).isEqualTo("/console/tickets?queue=all&column=priority&order=DESC");

        var sorted = desk.session.get(byPriority);
        assertThat(sorted.document().select("tbody tr").eachAttr("id"))
                .containsExactly("ticket-" + urgent, "ticket-" + high, "ticket-" + low);
        var heading = sorted.document().selectFirst("th[aria-sort]");
        assertThat(heading.attr("aria-sort")).isEqualTo("descending");
        assertThat(heading.selectFirst("a").attr("href")).isEqualTo("/console/tickets?queue=all&column=priority&order=ASC");
        assertThat(desk.session.get(heading.selectFirst("a").attr("href")).document().select("tbody tr").eachAttr("id"))
                .containsExactly("ticket-" + low, "ticket-" + high, "ticket-" + urgent);
        assertThat(desk.session.get("/console/tickets?queue=all&column=subject").status()).isEqualTo(400);
    }

    @Test
    void offersSituationsAndPrioritiesAsCheckboxesThatCombine() {
        String urgent = desk.ticket("Urgente", "priority", "4");
        String high = desk.ticket("Alta", "priority", "3");
        desk.ticket("Baixa", "priority", "1");

        var page = desk.session.get("/console/tickets?queue=all&priority=4&priority=3");

        assertThat(page.document().select("fieldset.desk-checks input[name=priority][checked]").eachAttr("value"))
                .containsExactlyInAnyOrder("4", "3");
        assertThat(page.document().select("fieldset.desk-checks input[type=checkbox][name=situation]")).hasSizeGreaterThan(5);
        assertThat(page.document().select("select[multiple]")).isEmpty();
        assertThat(page.document().select("tbody tr").eachAttr("id")).containsExactlyInAnyOrder("ticket-" + urgent, "ticket-" + high);
    }

    @Test
    void savesAnyFilterAsAPersonalOrSharedViewThatOnlyItsOwnerOrAnAdminDeletes() {
        String urgent = desk.ticket("Urgente", "priority", "4");
        desk.ticket("Baixa", "priority", "1");
        var colleague = desk.colleague();
        desk.session.get("/console/tickets?queue=all&priority=4&search=urgente");

        var saved = desk.session.post("/console/tickets/views", "name", "Urgentes", "filter", "queue=all&priority=4&search=urgente");
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.redirectPath()).isEqualTo("/console/tickets?queue=all&priority=4&search=urgente");
        desk.session.post("/console/tickets/views", "name", "Da equipe", "filter", "queue=unassigned", "shared", "1");

        var page = desk.session.get("/console/tickets");
        assertThat(page.document().select("#views li a").eachText()).containsExactly("Da equipe", "Urgentes");
        String urgentView = page.document().select("#views li a").stream().filter(a -> a.text().equals("Urgentes")).findFirst()
                .orElseThrow().attr("href");
        assertThat(desk.session.get(urgentView).document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + urgent);

        var theirs = colleague.session().get("/console/tickets");
        assertThat(theirs.document().select("#views li a").eachText()).containsExactly("Da equipe");
        assertThat(theirs.document().select("#views li form")).isEmpty();
        String sharedId = theirs.document().selectFirst("#views li").id().substring("view-".length());
        var refused = colleague.session().post("/console/tickets/views/" + sharedId + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#view-error")).contains("Da equipe");
        String personalId = page.document().select("#views li").stream().filter(li -> li.text().contains("Urgentes")).findFirst()
                .orElseThrow().id().substring("view-".length());
        assertThat(colleague.session().post("/console/tickets/views/" + personalId + "/delete").status()).isEqualTo(404);

        var admin = tenants.signedIn(desk.tenant.accountId(), OperatorRole.ADMIN);
        admin.session().get("/console/tickets");
        assertThat(admin.session().post("/console/tickets/views/" + sharedId + "/delete").status()).isEqualTo(302);
        assertThat(desk.session.get("/console/tickets").document().select("#views li a").eachText()).containsExactly("Urgentes");
    }

    @Test
    void refusesAViewWithoutNameWithTheSameNameOrWithABadFilterAndSavesNothing() {
        desk.session.get("/console/tickets");
        desk.session.post("/console/tickets/views", "name", "Minha fila", "filter", "queue=mine");

        var unnamed = desk.session.post("/console/tickets/views", "name", " ", "filter", "queue=all");
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.text("#view-error")).isNotBlank();
        var twice = desk.session.post("/console/tickets/views", "name", "MINHA FILA", "filter", "queue=all");
        assertThat(twice.status()).isEqualTo(409);
        var badFilter = desk.session.post("/console/tickets/views", "name", "Quebrada", "filter", "queue=all&min_protocol=abc");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.text("#view-error")).contains("min_protocol");

        assertThat(desk.session.get("/console/tickets").document().select("#views li a").eachText()).containsExactly("Minha fila");
    }

    @Test
    void keepsViewsWithinTheAccount() {
        desk.session.get("/console/tickets");
        desk.session.post("/console/tickets/views", "name", "Compartilhada", "filter", "queue=all", "shared", "1");
        String id = desk.session.get("/console/tickets").document().selectFirst("#views li").id().substring("view-".length());

        var stranger = new DeskFixture(tenants);
        var page = stranger.session.get("/console/tickets");
        assertThat(page.document().select("#views li")).isEmpty();
        assertThat(stranger.session.post("/console/tickets/views/" + id + "/delete").status()).isEqualTo(404);
        assertThat(desk.session.get("/console/tickets").document().select("#views li")).hasSize(1);
    }

    @Test
    void appliesOneActionToTheSelectedTicketsAndShowsEachOutcome() {
        String first = desk.ticket("Primeiro");
        String second = desk.ticket("Segundo");
        var colleague = desk.colleague();
        desk.session.get("/console/tickets?queue=all");

        var answer = desk.session.post("/console/tickets/bulk", "ticket_id", first, "ticket_id", second, "action", "assign",
                "operator_id", colleague.operator().id(), "return", "queue=all&column=priority");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/console/tickets?queue=all&column=priority");

        var page = desk.session.get(answer.redirectPath());
        assertThat(page.text("#bulk-results [role=status]")).isEqualTo("2 feito(s), 0 recusado(s)");
        assertThat(page.text("#bulk-" + first)).contains("#1 Primeiro").contains("Alterado.");
        for (String ticket : List.of(first, second)) {
            assertThat(desk.detail(ticket).data().get("operator").get("id").asString()).isEqualTo(colleague.operator().id());
        }
        assertThat(desk.session.get("/console/tickets").document().select("#bulk-results")).as("shown once").isEmpty();
    }

    @Test
    void changesTheTicketsThatAcceptAndLeavesARefusedOneAsItWas() {
        String open = desk.myTicket("Aberto");
        String finished = desk.myTicket("Terminado");
        DeskFixture.ok(desk.tenant.writer().post("/ticket/finish", "ticket_id", finished, "message", "Resolvido"));
        String alsoOpen = desk.myTicket("Também aberto");
        desk.session.get("/console/tickets?queue=all");

        var page = followed(desk.session.post("/console/tickets/bulk", "ticket_id", open, "ticket_id", finished,
                "ticket_id", alsoOpen, "action", "priority", "priority", "4", "return", "queue=all"));

        assertThat(page.text("#bulk-results [role=status]")).isEqualTo("2 feito(s), 1 recusado(s)");
        assertThat(page.document().selectFirst("#bulk-" + finished).className()).isEqualTo("error");
        assertThat(page.text("#bulk-" + finished)).contains("finalizado ou cancelado");
        assertThat(desk.detail(open).data().get("priority").asInt()).isEqualTo(4);
        assertThat(desk.detail(alsoOpen).data().get("priority").asInt()).isEqualTo(4);
        assertThat(desk.detail(finished).data().get("priority").asInt()).isEqualTo(2);
        var history = DeskFixture.ok(desk.tenant.reader().get("/ticket/history", "ticket_id", finished)).json().get("data");
        assertThat(history.toString()).doesNotContain("priority");
    }

    @Test
    void finishesTagsAndSetsTheStatusOfSeveralTicketsAtOnce() {
        String status = DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando peça")).id();
        String first = desk.myTicket("Primeiro");
        String second = desk.myTicket("Segundo");
        desk.session.get("/console/tickets?queue=mine");

        followed(desk.session.post("/console/tickets/bulk", "ticket_id", first, "ticket_id", second, "action", "tag", "tag", "Lote",
                "return", "queue=mine"));
        followed(desk.session.post("/console/tickets/bulk", "ticket_id", first, "ticket_id", second, "action", "status",
                "status_id", status, "return", "queue=mine"));
        assertThat(desk.detail(first).data().get("tags").toString()).contains("Lote");
        assertThat(desk.session.get("/console/tickets?queue=mine&status_id=" + status).document().select("tbody tr")).hasSize(2);

        var page = followed(desk.session.post("/console/tickets/bulk", "ticket_id", first, "ticket_id", second, "action", "finish",
                "message", "Resolvido em lote", "return", "queue=mine"));
        assertThat(page.text("#bulk-results [role=status]")).isEqualTo("2 feito(s), 0 recusado(s)");
        assertThat(desk.detail(second).data().get("situation").get("id").asInt()).isEqualTo(5);
    }

    @Test
    void answersABadBulkRequestWithTheQueueTheSelectionAndAMessageAndChangesNothing() {
        String ticket = desk.myTicket("Chamado");
        desk.session.get("/console/tickets?queue=all");

        var noTickets = desk.session.post("/console/tickets/bulk", "action", "priority", "priority", "4", "return", "queue=all");
        assertThat(noTickets.status()).isEqualTo(400);
        assertThat(noTickets.text("#bulk-error")).contains("ticket_id");

        var noAction = desk.session.post("/console/tickets/bulk", "ticket_id", ticket, "return", "queue=all");
        assertThat(noAction.status()).isEqualTo(400);
        assertThat(noAction.document().select("#ticket-" + ticket + " input[name=ticket_id][checked]")).hasSize(1);

        var badPriority = desk.session.post("/console/tickets/bulk", "ticket_id", ticket, "action", "priority", "priority", "9",
                "return", "queue=all");
        assertThat(badPriority.status()).isEqualTo(400);
        assertThat(badPriority.text("#bulk-error")).contains("priority");

        var noMessage = desk.session.post("/console/tickets/bulk", "ticket_id", ticket, "action", "finish", "message", "",
                "return", "queue=all");
        assertThat(noMessage.status()).isEqualTo(400);

        var unknownOperator = desk.session.post("/console/tickets/bulk", "ticket_id", ticket, "action", "assign",
                "operator_id", "nobody", "return", "queue=all");
        assertThat(unknownOperator.status()).isEqualTo(404);
        assertThat(unknownOperator.text("#bulk-error")).isNotBlank();

        var detail = desk.detail(ticket).data();
        assertThat(detail.get("priority").asInt()).isEqualTo(2);
        assertThat(detail.get("situation").get("id").asInt()).isNotEqualTo(5);
    }

    @Test
    void refusesTicketsOfAnotherAccountOneByOneAndTouchesNone() {
        var other = new DeskFixture(tenants);
        String theirs = other.ticket("Deles");
        String mine = desk.myTicket("Meu");
        desk.session.get("/console/tickets?queue=all");

        var page = followed(desk.session.post("/console/tickets/bulk", "ticket_id", theirs, "ticket_id", mine, "action", "priority",
                "priority", "3", "return", "queue=all"));

        assertThat(page.text("#bulk-results [role=status]")).isEqualTo("1 feito(s), 1 recusado(s)");
        assertThat(page.text("#bulk-" + theirs)).contains(theirs).doesNotContain("Deles");
        assertThat(other.detail(theirs).data().get("priority").asInt()).isEqualTo(2);
        assertThat(desk.detail(mine).data().get("priority").asInt()).isEqualTo(3);
    }

    private io.atende.support.BrowserSession.Page followed(io.atende.support.BrowserSession.Page redirect) {
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        return desk.session.get(redirect.redirectPath());
    }
}
