package io.atende.api.v2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /ticket/bulk} [ext]: one action on many tickets, each changed in its own transaction or refused alone. */
@ApiTest
class TicketBulkApiTest {

    @Autowired
    TestTenants tenants;

    TicketFixture fixture;

    @BeforeEach
    void aTenantWithADepartmentAnOperatorAndACustomer() {
        fixture = new TicketFixture(tenants.create());
    }

    @Test
    void appliesTheActionToEveryTicketAndAnswersEachOutcomeInOrder() {
        String first = fixture.openTicket();
        String second = fixture.openTicket();

        var answer = ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", first + "," + second + "," + first,
                "action", "assign", "operator_id", fixture.operator));

        assertThat(answer.json().get("applied").asInt()).isEqualTo(2);
        assertThat(answer.json().get("refused").asInt()).isZero();
        var data = answer.data();
        assertThat(data).hasSize(2);
        assertThat(data.get(0).get("ticket_id").asString()).isEqualTo(first);
        assertThat(data.get(0).get("success").asBoolean()).isTrue();
        assertThat(data.get(0).get("changed").asBoolean()).isTrue();
        assertThat(data.get(0).get("status").asInt()).isEqualTo(200);
        for (String ticket : List.of(first, second)) {
            assertThat(detail(ticket).get("operator").get("id").asString()).isEqualTo(fixture.operator);
        }

        var again = ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", first, "action", "assign", "operator_id", fixture.operator));
        assertThat(again.data().get(0).get("success").asBoolean()).isTrue();
        assertThat(again.data().get(0).get("changed").asBoolean()).as("already as asked").isFalse();
    }

    @Test
    void transfersTagsSetsPriorityAndStatusAndFinishes() {
        String finance = ok(fixture.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        String status = ok(fixture.tenant.writer().post("/status/new", "name", "Aguardando peça")).id();
        String queued = fixture.openTicket();
        String linked = fixture.openTicket("operator_id", fixture.operator);

        ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", queued + "," + linked, "action", "tag", "tag", "lote"));
        ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", queued + "," + linked, "action", "priority", "priority", "3"));
        ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", queued + "," + linked, "action", "status", "status_id", status));
        assertThat(detail(linked).get("priority").asInt()).isEqualTo(3);
        assertThat(fixture.tenant.reader().get("/ticket/detail", "ticket_id", queued, "show_tags", "1").data().get("tags").toString())
                .contains("lote");
        assertThat(detail(queued).get("status").get(0).get("id").asString()).isEqualTo(status);
        ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", queued, "action", "status", "status_id", ""));
        assertThat(detail(queued).get("status").get(0).get("end").get("date").isNull()).as("closed").isFalse();

        var transfer = ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", queued + "," + linked, "action", "transfer",
                "department_id", finance));
        assertThat(transfer.json().get("applied").asInt()).isEqualTo(2);
        for (String ticket : List.of(queued, linked)) {
            assertThat(detail(ticket).get("department").get("id").asString()).isEqualTo(finance);
            assertThat(detail(ticket).get("operator").get("id").isNull()).isTrue();
        }

        ok(fixture.tenant.admin().post("/department/operator/add", "department_id", finance, "operator_id", fixture.operator));
        ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", linked, "action", "assign", "operator_id", fixture.operator));
        assertThat(detail(linked).get("operator").get("id").asString()).isEqualTo(fixture.operator);
        assertThat(ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", linked, "action", "finish", "message", "Resolvido"))
                .json().get("applied").asInt()).isEqualTo(1);
        assertThat(detail(linked).get("situation").get("id").asInt()).isEqualTo(5);
    }

    @Test
    void refusesSomeTicketsAloneWithTheirStatusAndChangesTheOthers() {
        String open = fixture.openTicket("operator_id", fixture.operator);
        String finished = fixture.openTicket("operator_id", fixture.operator);
        ok(fixture.tenant.writer().post("/ticket/finish", "ticket_id", finished, "message", "Resolvido"));
        String unknown = "0123456789abcdef0123456789abcdef";

        var answer = ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", finished + "," + unknown + "," + open,
                "action", "priority", "priority", "4"));

        assertThat(answer.json().get("applied").asInt()).isEqualTo(1);
        assertThat(answer.json().get("refused").asInt()).isEqualTo(2);
        var data = answer.data();
        assertThat(data.get(0).get("success").asBoolean()).isFalse();
        assertThat(data.get(0).get("status").asInt()).isEqualTo(409);
        assertThat(data.get(0).get("message").asString()).isNotBlank();
        assertThat(data.get(1).get("status").asInt()).isEqualTo(404);
        assertThat(data.get(2).get("success").asBoolean()).isTrue();
        assertThat(detail(open).get("priority").asInt()).isEqualTo(4);
        assertThat(detail(finished).get("priority").asInt()).isEqualTo(2);
    }

    @Test
    void aDepartmentLimitedTokenActsOnlyOnTheTicketsItSees() {
        String billing = ok(fixture.tenant.admin().post("/department/new", "name", "Cobrança")).id();
        String unseen = ok(fixture.tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", billing,
                "subject", "Boleto", "message", "Segunda via")).json().get("ticket_id").asString();
        String seen = fixture.openTicket();
        var limited = new io.atende.support.ApiClient(tenants.port(), ok(fixture.tenant.admin().post("/token/new", "name", "Suporte",
                "scope", "write", "department_ids", fixture.department)).data().get("token").asString());

        var answer = ok(limited.post("/ticket/bulk", "ticket_id", unseen + "," + seen, "action", "tag", "tag", "x"));

        assertThat(answer.data().get(0).get("status").asInt()).isEqualTo(404);
        assertThat(answer.data().get(1).get("success").asBoolean()).isTrue();
        assertThat(fixture.tenant.reader().get("/ticket/detail", "ticket_id", unseen, "show_tags", "1").data().get("tags").toString())
                .doesNotContain("\"x\"");
        var transfer = limited.post("/ticket/bulk", "ticket_id", seen, "action", "transfer", "department_id", billing);
        assertThat(transfer.status()).as("a department the token does not see").isEqualTo(404);
        assertThat(detail(seen).get("department").get("id").asString()).isEqualTo(fixture.department);
    }

    @Test
    void answersAnotherAccountsTicketAsNotFoundAndLeavesItAlone() {
        var other = new TicketFixture(tenants.create());
        String theirs = other.openTicket();
        String mine = fixture.openTicket();

        var answer = ok(fixture.tenant.writer().post("/ticket/bulk", "ticket_id", theirs + "," + mine, "action", "tag", "tag", "x"));

        assertThat(answer.data().get(0).get("status").asInt()).isEqualTo(404);
        assertThat(answer.data().get(1).get("success").asBoolean()).isTrue();
        assertThat(other.tenant.reader().get("/ticket/detail", "ticket_id", theirs, "show_tags", "1").data().get("tags").toString())
                .doesNotContain("\"x\"");
    }

    @Test
    void refusesABadRequestWholeAndChangesNoTicket() {
        String ticket = fixture.openTicket();
        var writer = fixture.tenant.writer();

        assertThat(writer.post("/ticket/bulk", "action", "tag", "tag", "x").status()).isEqualTo(400);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "explode").status()).isEqualTo(400);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "tag").status()).isEqualTo(400);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "priority", "priority", "9").status()).isEqualTo(400);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "finish", "message", " ").status()).isEqualTo(400);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "assign").status()).isEqualTo(400);
        List<String> many = new ArrayList<>(Collections.nCopies(100, ticket));
        for (int i = 0; i < 101; i++) {
            many.add("t" + i);
        }
        var tooMany = writer.post("/ticket/bulk", "ticket_id", String.join(",", many), "action", "tag", "tag", "x");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.message()).contains("100");

        var unknownOperator = writer.post("/ticket/bulk", "ticket_id", ticket, "action", "assign", "operator_id", "nobody");
        assertThat(unknownOperator.status()).isEqualTo(404);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "transfer", "department_id", "nowhere").status())
                .isEqualTo(404);
        assertThat(writer.post("/ticket/bulk", "ticket_id", ticket, "action", "status", "status_id", "none").status()).isEqualTo(404);

        var detail = fixture.tenant.reader().get("/ticket/detail", "ticket_id", ticket, "show_tags", "1").data();
        assertThat(detail.get("tags")).isEmpty();
        assertThat(detail.get("priority").asInt()).isEqualTo(2);
        assertThat(detail.get("operator").get("id").isNull()).isTrue();
    }

    @Test
    void needsAWriteToken() {
        String ticket = fixture.openTicket();

        assertThat(fixture.tenant.anonymous().post("/ticket/bulk", "ticket_id", ticket, "action", "tag", "tag", "x").status())
                .isEqualTo(401);
        assertThat(fixture.tenant.reader().post("/ticket/bulk", "ticket_id", ticket, "action", "tag", "tag", "x").status())
                .isEqualTo(403);
    }

    private tools.jackson.databind.JsonNode detail(String ticket) {
        return ok(fixture.tenant.reader().get("/ticket/detail", "ticket_id", ticket)).data();
    }
}
