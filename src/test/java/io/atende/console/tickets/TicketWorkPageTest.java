package io.atende.console.tickets;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/console.md, Ticket details, related tickets and merging: the ticket page changes the subject, priority, customer
 * and custom fields, links parent and child tickets, and merges the ticket into another after confirmation.
 */
@ApiTest
class TicketWorkPageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void changesSubjectPriorityCustomerAndFieldsAndShowsEachChangeInTheTimeline() {
        String field = DeskFixture.ok(desk.tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket", "type", "text")).id();
        String dora = DeskFixture.ok(desk.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Dora", "email", "dora@example.com")).id();
        String ticket = desk.ticket("Impressora");
        var page = desk.session.get("/console/tickets/" + ticket);
        assertThat(page.document().selectFirst("#edit-subject").val()).isEqualTo("Impressora");
        assertThat(page.document().selectFirst("#edit-customer").val()).isEqualTo("carla@example.com");

        var saved = desk.session.htmx().post("/console/tickets/" + ticket + "/update", "subject", "Impressora do 2º andar",
                "priority", "3", "customer", "Dora", "customer_id", dora, "custom_field[" + field + "]", "A-1",
                "shown_fields", field);

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.text("#details [role=status]")).isEqualTo("Alterações salvas.");
        assertThat(saved.document().selectFirst("#edit-field-" + field).val()).isEqualTo("A-1");
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("subject").asString()).isEqualTo("Impressora do 2º andar");
        assertThat(detail.get("priority").asInt()).isEqualTo(3);
        assertThat(detail.get("customer").get("id").asString()).isEqualTo(dora);
        assertThat(saved.document().select(".history-line").text())
                .contains("mudou o assunto").contains("passou o chamado para outro cliente");
    }

    @Test
    void aRefusedChangeKeepsWhatWasTypedAndSavesNothing() {
        String ticket = desk.ticket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/update", "subject", "", "priority", "4",
                "customer", "carla@example.com");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().selectFirst("#edit-subject").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.document().selectFirst("#edit-priority option[selected]").val()).isEqualTo("4");

        var unknown = desk.session.htmx().post("/console/tickets/" + ticket + "/update", "subject", "Outro", "priority", "4",
                "customer", "ninguem@example.com");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("#details [role=alert]")).isEqualTo("Nenhum cliente tem o e-mail ou id ninguem@example.com.");
        assertThat(unknown.document().selectFirst("#edit-customer").val()).isEqualTo("ninguem@example.com");
        assertThat(desk.detail(ticket).data().get("priority").asInt()).isEqualTo(2);
        assertThat(desk.detail(ticket).data().get("subject").asString()).isEqualTo("Impressora");
    }

    @Test
    void linksParentAndChildTicketsByNumberAndRefusesLoops() {
        String parent = desk.ticket("Rede fora");
        String child = desk.ticket("Impressora sem rede");
        long parentProtocol = desk.detail(parent).data().get("protocol").asLong();
        long childProtocol = desk.detail(child).data().get("protocol").asLong();
        desk.session.get("/console/tickets/" + child);

        var linked = desk.session.htmx().post("/console/tickets/" + child + "/parent", "parent", "#" + parentProtocol);
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.text("#parent-ticket a")).isEqualTo("#" + parentProtocol + " Rede fora");
        var parentPage = desk.session.get("/console/tickets/" + parent);
        assertThat(parentPage.text("#child-tickets a")).isEqualTo("#" + childProtocol + " Impressora sem rede");

        var loop = desk.session.htmx().post("/console/tickets/" + parent + "/parent", "parent", String.valueOf(childProtocol));
        assertThat(loop.status()).isEqualTo(400);
        assertThat(loop.document().selectFirst("#parent-input").attr("aria-invalid")).isEqualTo("true");
        var unknown = desk.session.htmx().post("/console/tickets/" + parent + "/child", "child", "#999999");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("#links [role=alert]")).isEqualTo("Nenhum chamado tem o número ou id #999999.");

        var removed = desk.session.htmx().post("/console/tickets/" + parent + "/child", "child", child, "remove", "1");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.document().select("#child-tickets")).isEmpty();
        assertThat(desk.detail(child).data().get("parent_ticket_id").isNull()).isTrue();
        assertThat(desk.session.get("/console/tickets/" + child).document().select(".history-parent").text())
                .contains("tornou este chamado filho de #" + parentProtocol).contains("removeu o chamado pai #" + parentProtocol);
    }

    @Test
    void mergesOnlyOnceConfirmedAndShowsTheLinkOnBothPages() {
        String target = desk.ticket("Impressora");
        String merged = desk.ticket("Impressora de novo");
        long targetProtocol = desk.detail(target).data().get("protocol").asLong();
        long mergedProtocol = desk.detail(merged).data().get("protocol").asLong();
        desk.session.get("/console/tickets/" + merged);

        var unconfirmed = desk.session.htmx().post("/console/tickets/" + merged + "/merge", "into", "#" + targetProtocol);
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.document().selectFirst("#merge-confirm").attr("aria-invalid")).isEqualTo("true");
        assertThat(desk.detail(merged).data().get("situation").get("id").asInt()).isZero();

        var done = desk.session.htmx().post("/console/tickets/" + merged + "/merge", "into", "#" + targetProtocol, "confirm", "1");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.text("#merged-into a")).isEqualTo("#" + targetProtocol + " Impressora");
        assertThat(done.document().select("#merge")).isEmpty();
        var targetPage = desk.session.get("/console/tickets/" + target);
        assertThat(targetPage.text("#merged-from a")).isEqualTo("#" + mergedProtocol + " Impressora de novo");
        assertThat(targetPage.document().select(".desk-conversation article.message .body").eachText())
                .contains("Mensagem de abertura de Impressora de novo");
        assertThat(targetPage.document().select(".history-merged_from").text()).contains("mesclou #" + mergedProtocol);
    }

    @Test
    void refusesAMergeIntoAnotherCustomersTicketUnlessAllowedAndAnotherAccountsTicketAltogether() {
        DeskFixture.ok(desk.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Dora"));
        String theirs = DeskFixture.ok(desk.tenant.writer().post("/ticket/new", "customer_id", "c-2", "department_id", desk.department,
                "subject", "De Dora", "message", "m")).json().get("ticket_id").asString();
        String mine = desk.ticket("Impressora");
        var other = new DeskFixture(tenants);
        String elsewhere = other.ticket("De outra conta");
        desk.session.get("/console/tickets/" + mine);

        var otherCustomer = desk.session.htmx().post("/console/tickets/" + mine + "/merge", "into", theirs, "confirm", "1");
        assertThat(otherCustomer.status()).isEqualTo(409);
        var otherAccount = desk.session.htmx().post("/console/tickets/" + mine + "/merge", "into", elsewhere, "confirm", "1");
        assertThat(otherAccount.status()).isEqualTo(400);
        assertThat(desk.session.get("/console/tickets/" + elsewhere).status()).isEqualTo(404);
        assertThat(desk.detail(mine).data().get("situation").get("id").asInt()).isZero();

        var allowed = desk.session.htmx().post("/console/tickets/" + mine + "/merge", "into", theirs, "confirm", "1",
                "allow_other_customer", "1");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(desk.detail(mine).data().get("merged_into_ticket_id").asString()).isEqualTo(theirs);
    }
}
