package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class StatusApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void createsStatusesWithRootIdAndListsThemByNameAsIdAndName() {
        var waiting = tenant.writer().post("/status/new", "name", " Aguardando fornecedor ");
        var analysis = tenant.writer().post("/status/new", "name", "Em análise");

        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().get("error").asBoolean()).isFalse();
        assertThat(waiting.id()).matches("[0-9a-f]{32}");
        assertThat(waiting.data().get("id").asString()).isEqualTo(waiting.id());
        assertThat(waiting.data().get("name").asString()).isEqualTo("Aguardando fornecedor");

        var listed = tenant.reader().get("/status/list");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(2);
        assertThat(names(listed.data())).containsExactly("Aguardando fornecedor", "Em análise");
        assertThat(listed.data().get(1).get("id").asString()).isEqualTo(analysis.id());
        assertThat(listed.data().get(0).propertyNames()).containsExactlyInAnyOrder("id", "name", "pauses_sla");
        assertThat(listed.data().get(0).get("pauses_sla").asBoolean()).isFalse();
    }

    @Test
    void aStatusMayPauseTheSlaClocksSetOnCreateAndChangedAloneOrWithTheName() {
        var supplier = tenant.writer().post("/status/new", "name", "Aguardando fornecedor", "pauses_sla", "1");
        String analysis = tenant.writer().post("/status/new", "name", "Em análise", "pauses_sla", "false").id();

        assertThat(supplier.data().get("pauses_sla").asBoolean()).isTrue();
        var flagOnly = tenant.writer().post("/status/update", "status_id", supplier.id(), "pauses_sla", "0");
        var both = tenant.writer().post("/status/update", "status_id", analysis, "name", "Análise", "pauses_sla", "Y");
        var bad = tenant.writer().post("/status/update", "status_id", analysis, "pauses_sla", "maybe");
        var badOnCreate = tenant.writer().post("/status/new", "name", "Outro", "pauses_sla", "2");

        assertThat(flagOnly.status()).isEqualTo(200);
        assertThat(flagOnly.data().get("name").asString()).isEqualTo("Aguardando fornecedor");
        assertThat(flagOnly.data().get("pauses_sla").asBoolean()).isFalse();
        assertThat(both.data().get("pauses_sla").asBoolean()).isTrue();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).contains("pauses_sla");
        assertThat(badOnCreate.status()).isEqualTo(400);
        var listed = tenant.reader().get("/status/list").data();
        assertThat(names(listed)).containsExactly("Aguardando fornecedor", "Análise");
        assertThat(listed.get(0).get("pauses_sla").asBoolean()).isFalse();
        assertThat(listed.get(1).get("pauses_sla").asBoolean()).isTrue();
    }

    @Test
    void aNewAccountHasNoStatuses() {
        var listed = tenant.reader().get("/status/list");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isZero();
        assertThat(listed.data().isArray()).isTrue();
        assertThat(listed.data().size()).isZero();
    }

    @Test
    void refusesADuplicateNameIgnoringCaseOnCreateAndRename() {
        tenant.writer().post("/status/new", "name", "Pendente");
        String other = tenant.writer().post("/status/new", "name", "Resolvido").id();

        var duplicate = tenant.writer().post("/status/new", "name", " PENDENTE ");
        var renamedOnto = tenant.writer().post("/status/update", "status_id", other, "name", "pendente");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.message()).contains("PENDENTE");
        assertThat(renamedOnto.status()).isEqualTo(409);
        assertThat(names(tenant.reader().get("/status/list").data())).containsExactly("Pendente", "Resolvido");
    }

    @Test
    void duplicateMessageIsLocalized() {
        tenant.writer().post("/status/new", "name", "Pendente");

        var duplicate = tenant.writer().withHeader("Accept-Language", "pt-BR").post("/status/new", "name", "pendente");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.message()).isEqualTo("Já existe um status chamado pendente.");
    }

    @Test
    void requiresANameOfAtMost250Characters() {
        var missing = tenant.writer().post("/status/new");
        var blank = tenant.writer().post("/status/new", "name", "   ");
        var tooLong = tenant.writer().post("/status/new", "name", "x".repeat(251));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("\"name\"");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.message()).contains("250");
        assertThat(tenant.writer().post("/status/new", "name", "x".repeat(250)).status()).isEqualTo(200);
        assertThat(tenant.reader().get("/status/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void renamesAStatusEvenToAnotherCaseOfItsOwnName() {
        String status = tenant.writer().post("/status/new", "name", "Pendente").id();

        var renamed = tenant.writer().post("/status/update", "status_id", status, "name", "PENDENTE");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.data().get("name").asString()).isEqualTo("PENDENTE");
        assertThat(names(tenant.reader().get("/status/list").data())).containsExactly("PENDENTE");
    }

    @Test
    void updateNeedsAKnownStatusAndANameAndChangesNothingWhenRefused() {
        String status = tenant.writer().post("/status/new", "name", "Pendente").id();

        var noId = tenant.writer().post("/status/update", "name", "Outro");
        var noName = tenant.writer().post("/status/update", "status_id", status);
        var tooLong = tenant.writer().post("/status/update", "status_id", status, "name", "x".repeat(251));
        var unknown = tenant.writer().post("/status/update", "status_id", "0".repeat(32), "name", "Outro");

        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.message()).contains("status_id");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.message()).contains("\"name\"");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(names(tenant.reader().get("/status/list").data())).containsExactly("Pendente");
    }

    @Test
    void deletesAStatus() {
        String status = tenant.writer().post("/status/new", "name", "Pendente").id();

        var deleted = tenant.writer().post("/status/delete", "status_id", status);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().asBoolean()).isTrue();
        assertThat(tenant.reader().get("/status/list").json().get("size").asInt()).isZero();
        assertThat(tenant.writer().post("/status/delete", "status_id", status).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/status/update", "status_id", status, "name", "X").status()).isEqualTo(404);
    }

    @Test
    void deleteNeedsAKnownStatus() {
        var noId = tenant.writer().post("/status/delete");
        var unknown = tenant.writer().post("/status/delete", "status_id", "f".repeat(32));

        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.message()).contains("status_id");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void refusesToDeleteAStatusThatTicketsUse() {
        String status = tenant.writer().post("/status/new", "name", "Pendente").id();
        var tickets = new TicketFixture(tenant);
        String ticket = tickets.openTicket();
        assertThat(tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", status).status()).isEqualTo(200);
        // Closing it does not free it: the ticket's history still names it.
        assertThat(tenant.writer().post("/ticket/status/close", "ticket_id", ticket).status()).isEqualTo(200);

        var refused = tenant.writer().post("/status/delete", "status_id", status);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("Pendente");
        assertThat(names(tenant.reader().get("/status/list").data())).containsExactly("Pendente");
    }

    @Test
    void changesNeedAWriteTokenAndReadingNeedsAToken() {
        String status = tenant.writer().post("/status/new", "name", "Pendente").id();

        assertThat(tenant.reader().post("/status/new", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/status/update", "status_id", status, "name", "X").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/status/delete", "status_id", status).status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/status/new", "name", "X").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/status/list").status()).isEqualTo(401);
        assertThat(tenant.admin().post("/status/new", "name", "Admin também").status()).isEqualTo(200);
        assertThat(names(tenant.reader().get("/status/list").data())).containsExactly("Admin também", "Pendente");
    }

    @Test
    void anotherAccountSeesNoneOfThemAndGets404ForTheirIds() {
        String status = tenant.writer().post("/status/new", "name", "Pendente").id();
        var other = tenants.create();

        assertThat(other.reader().get("/status/list").json().get("size").asInt()).isZero();
        assertThat(other.writer().post("/status/update", "status_id", status, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.writer().post("/status/delete", "status_id", status).status()).isEqualTo(404);
        assertThat(other.writer().post("/status/new", "name", "Pendente").status()).isEqualTo(200);
        assertThat(names(tenant.reader().get("/status/list").data())).containsExactly("Pendente");
        assertThat(tenant.reader().get("/status/list").data().get(0).get("id").asString()).isEqualTo(status);
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asString()));
        return names;
    }
}
