package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Ticket history: every change of a ticket made through the API, in order, in the token's name. */
@ApiTest
class TicketHistoryApiTest {

    @Autowired
    TestTenants tenants;

    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        fx = new TicketFixture(tenants.create());
    }

    private JsonNode history(String ticket) {
        return ok(fx.tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
    }

    /** Each entry as "field: old -> new", values as the wire gives them. */
    private static List<String> lines(JsonNode entries) {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : entries) {
            lines.add(entry.get("field").asString() + ": " + shown(entry.get("old_value")) + " -> " + shown(entry.get("new_value")));
        }
        return lines;
    }

    private static String shown(JsonNode value) {
        if (value.get("value").isNull()) {
            return "-";
        }
        String raw = value.get("value").asString();
        return value.get("name").isNull() ? raw : raw + " " + value.get("name").asString();
    }

    @Test
    void recordsEveryKindOfChangeInOrderWithOldAndNewValuesInTheTokensName() {
        String other = ok(fx.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ok(fx.tenant.admin().post("/department/operator/add", "department_id", other, "operator_id", fx.operator));
        String bruno = fx.operator("Bruno", "bruno@example.com");
        String status = ok(fx.tenant.writer().post("/status/new", "name", "Aguardando fornecedor")).id();
        String field = ok(fx.tenant.admin().post("/custom_field/new", "label", "Causa", "entity", "ticket_finish", "type", "text",
                "department_id", other)).id();
        String ticket = fx.openTicket();
        var api = fx.tenant.writer();

        ok(api.post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fx.operator));
        ok(api.post("/ticket/transfer", "ticket_id", ticket, "operator_id", bruno));
        ok(api.post("/ticket/transfer", "ticket_id", ticket, "department_id", other, "operator_id", fx.operator));
        ok(api.post("/ticket/status/open", "ticket_id", ticket, "status_id", status));
        ok(api.post("/ticket/status/close", "ticket_id", ticket));
        ok(api.post("/ticket/tag/add", "ticket_id", ticket, "tag", "VIP"));
        ok(api.post("/ticket/tag/remove", "ticket_id", ticket, "tag", "vip"));
        ok(api.post("/ticket/reply/operator", "ticket_id", ticket, "message", "Olá"));
        ok(api.post("/ticket/reply/customer", "ticket_id", ticket, "message", "Oi"));
        ok(api.post("/ticket/comment", "ticket_id", ticket, "comment", "Nota interna"));
        ok(api.post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido", "custom_field[" + field + "]", "Cabo"));
        ok(api.post("/ticket/evaluation", "ticket_id", ticket, "grade", "4"));
        ok(api.post("/ticket/reopen", "ticket_id", ticket));
        ok(api.post("/ticket/cancel", "ticket_id", ticket));

        JsonNode entries = history(ticket);
        assertThat(lines(entries)).containsExactly(
                "opened: - -> 0 Sem atendente vinculado",
                "operator: - -> " + fx.operator + " Ana",
                "situation: 0 Sem atendente vinculado -> 1 Não iniciado pelo atendente",
                "operator: " + fx.operator + " Ana -> " + bruno + " Bruno",
                "situation: 1 Não iniciado pelo atendente -> 6 Atendente modificado",
                "department: " + fx.department + " Suporte -> " + other + " Financeiro",
                "operator: " + bruno + " Bruno -> " + fx.operator + " Ana",
                "status: - -> " + status + " Aguardando fornecedor",
                "status: " + status + " Aguardando fornecedor -> -",
                "tag: - -> VIP",
                "tag: vip -> -",
                "situation: 6 Atendente modificado -> 2 Respondido, aguardando resposta do cliente",
                "situation: 2 Respondido, aguardando resposta do cliente -> 3 Respondido pelo cliente, aguardando resposta",
                "situation: 3 Respondido pelo cliente, aguardando resposta -> 5 Finalizado",
                "custom_field: - -> Cabo",
                "evaluation: - -> 4",
                "situation: 5 Finalizado -> 1 Não iniciado pelo atendente",
                "evaluation: 4 -> -",
                "situation: 1 Não iniciado pelo atendente -> 4 Cancelado");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            assertThat(entry.get("id").asInt()).isEqualTo(i + 1);
            assertThat(entry.get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00");
            assertThat(entry.get("actor").get("type").asString()).isEqualTo("api_token");
            assertThat(entry.get("actor").get("id").asString()).isNotBlank();
            assertThat(entry.get("actor").get("name").asString()).startsWith("test ");
            assertThat(entry.get("channel").asString()).isEqualTo("api");
        }
        assertThat(entries.get(14).get("custom_field_id").asString()).isEqualTo(field);
        assertThat(entries.get(0).get("custom_field_id").isNull()).isTrue();
        assertThat(ok(fx.tenant.reader().get("/ticket/history", "ticket_id", ticket)).json().get("size").asInt()).isEqualTo(19);
    }

    @Test
    void recordsAPriorityAndCategoryChangeAndTheCategoryATransferClears() {
        String category = ok(fx.tenant.admin().post("/department/category/new", "department_id", fx.department, "name", "Impressoras"))
                .id();
        String other = ok(fx.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ok(fx.tenant.admin().post("/department/operator/add", "department_id", other, "operator_id", fx.operator));
        String ticket = fx.openTicket("priority", "4", "category_id", category, "operator_id", fx.operator);

        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", other));

        assertThat(lines(history(ticket))).containsExactly(
                "opened: - -> 1 Não iniciado pelo atendente",
                "department: " + fx.department + " Suporte -> " + other + " Financeiro",
                "operator: " + fx.operator + " Ana -> -",
                "category: " + category + " Impressoras -> -",
                "situation: 1 Não iniciado pelo atendente -> 0 Sem atendente vinculado");
    }

    @Test
    void ticketsOpenedAtTheSameMomentEachGetTheirOpeningAsTheirFirstEntry() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> opening = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                opening.add(pool.submit(() -> fx.openTicket()));
            }
            for (var future : opening) {
                JsonNode entries = history(future.get());
                assertThat(lines(entries)).containsExactly("opened: - -> 0 Sem atendente vinculado");
                assertThat(entries.get(0).get("id").asInt()).isEqualTo(1);
                assertThat(entries.get(0).get("actor").get("type").asString()).isEqualTo("api_token");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        String ticket = fx.linkedTicket();
        int before = history(ticket).size();

        assertThat(fx.tenant.writer().post("/ticket/status/close", "ticket_id", ticket).status()).isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/tag/remove", "ticket_id", ticket, "tag", "nope").status()).isEqualTo(409);

        assertThat(history(ticket).size()).isEqualTo(before);
    }

    @Test
    void answers400WithoutATicketAnd404ForAnUnknownOrAnotherAccountsTicket() {
        var missing = fx.tenant.reader().get("/ticket/history");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asBoolean()).isTrue();
        assertThat(fx.tenant.reader().get("/ticket/history", "ticket_id", "").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/ticket/history", "ticket_id", "0123456789abcdef0123456789abcdef").status()).isEqualTo(404);

        String ticket = fx.openTicket();
        var stranger = new TicketFixture(tenants.create());
        var foreign = stranger.tenant.reader().get("/ticket/history", "ticket_id", ticket);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("error").asBoolean()).isTrue();
        assertThat(fx.tenant.anonymous().get("/ticket/history", "ticket_id", ticket).status()).isEqualTo(401);
    }
}
