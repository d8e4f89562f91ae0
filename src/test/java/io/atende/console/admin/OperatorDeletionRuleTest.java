package io.atende.console.admin;

import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who wrote anything stays, so that what they wrote keeps its author: one who only left an internal comment
 * on someone else's ticket cannot be deleted, through the API (TomTicket's envelope) or the console; deactivating them
 * still works.
 */
@ApiTest
class OperatorDeletionRuleTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorManagement operators;

    DeskFixture desk;

    @BeforeEach
    void setUp() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void anOperatorWhoOnlyCommentedCannotBeDeletedThroughTheApiAndKeepsTheirComment() {
        String ticket = desk.myTicket("Impressora parada");
        var commenter = desk.outsider();
        var commented = commenter.session().htmx().post("/console/tickets/" + ticket + "/comment", "comment", "Já vi isso antes");
        assertThat(commented.status()).isEqualTo(200);

        var refused = desk.tenant.admin().post("/operator/delete", "operator_id", commenter.operator().id());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asBoolean()).isTrue();
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.message()).contains("This operator cannot be removed").contains("Deactivate it instead.");
        var comment = desk.detail(ticket).data().get("comments").get(0);
        assertThat(comment.get("sender").asString()).isEqualTo(commenter.operator().name());

        ok(desk.tenant.admin().post("/operator/update", "operator_id", commenter.operator().id(), "active", "0"));
        assertThat(desk.tenant.admin().post("/operator/delete", "operator_id", commenter.operator().id()).status()).isEqualTo(409);
        assertThat(desk.detail(ticket).data().get("comments").get(0).get("sender").asString()).isEqualTo(commenter.operator().name());
    }

    @Test
    void theConsoleRefusesToDeleteAnOperatorWhoOnlyCommentedAndSaysWhy() {
        String ticket = desk.myTicket("Impressora parada");
        var commenter = desk.outsider();
        commenter.session().htmx().post("/console/tickets/" + ticket + "/comment", "comment", "Já vi isso antes");
        var admin = tenants.signedIn(desk.tenant.accountId(), OperatorRole.ADMIN).session();

        admin.get("/console/admin/operators/" + commenter.operator().id());
        var refused = admin.post("/console/admin/operators/" + commenter.operator().id() + "/delete");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("p.error[role=alert]")).startsWith("Este atendente não pode ser removido");
        assertThat(operators.get(desk.tenant.accountId(), commenter.operator().id()).active()).isTrue();
    }

    @Test
    void anOperatorWhoNeverWroteOrWasLinkedCanStillBeDeleted() {
        desk.myTicket("Impressora parada");
        var idle = desk.outsider();
        ok(desk.tenant.admin().post("/operator/delete", "operator_id", idle.operator().id()));
    }
}
