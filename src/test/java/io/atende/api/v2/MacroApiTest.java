package io.atende.api.v2;

import java.util.List;
import java.util.Map;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/automations.md: macros through /macro/new, /list, /update, /delete and /ticket/macro/apply, with every action type. */
@ApiTest
class MacroApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    TicketEvents events;

    TicketFixture fixture;

    @BeforeEach
    void newAccount() {
        fixture = new TicketFixture(tenants.create());
    }

    private ApiResponse newMacro(String... params) {
        return fixture.tenant.writer().post("/macro/new", params);
    }

    private String macro(String... params) {
        return ok(newMacro(params)).id();
    }

    private ApiResponse apply(String ticket, String macro, String operator) {
        return fixture.tenant.writer().post("/ticket/macro/apply", "ticket_id", ticket, "macro_id", macro, "operator_id", operator);
    }

    private JsonNode detail(String ticket) {
        return fixture.detail(ticket, "show_tags", "1").data();
    }

    @Test
    void createsASharedMacroAndListsItWithItsActionsAsTheApiWritesThem() {
        var created = newMacro("name", "Agradecer", "reply", "Olá {{customer.name}}, obrigado!",
                "actions", "[{\"type\": \"set_priority\", \"value\": 4}, {\"type\": \"add_tag\", \"value\": \"vip\"}, {\"type\": \"close_status\"}]");

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.data().get("name").asString()).isEqualTo("Agradecer");
        assertThat(created.data().get("shared").asBoolean()).isTrue();
        assertThat(created.data().get("operator_id").isNull()).isTrue();
        var listed = ok(fixture.tenant.reader().get("/macro/list"));
        assertThat(listed.json().get("size").asInt()).isEqualTo(1);
        var actions = listed.data().get(0).get("actions");
        assertThat(actions.get(0).get("type").asString()).isEqualTo("set_priority");
        assertThat(actions.get(0).get("value").asInt()).isEqualTo(4);
        assertThat(actions.get(1).get("value").asString()).isEqualTo("vip");
        assertThat(actions.get(2).get("type").asString()).isEqualTo("close_status");
        assertThat(listed.data().get(0).get("reply").asString()).isEqualTo("Olá {{customer.name}}, obrigado!");
    }

    @Test
    void acceptsTheActionsAsAnArrayInAJsonBody() {
        var created = fixture.tenant.writer().postJson("/macro/new", Map.of("name", "Urgente",
                "actions", List.of(Map.of("type", "set_priority", "value", 3), Map.of("type", "add_tag", "value", "vip"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().get("actions").get(0).get("value").asInt()).isEqualTo(3);
        assertThat(created.data().get("actions").size()).isEqualTo(2);
    }

    @Test
    void appliesEveryActionTypeWithTheReplyFirstAndPlaceholdersFilled() {
        var tenant = fixture.tenant;
        String sales = ok(tenant.admin().post("/department/new", "name", "Vendas")).id();
        ok(tenant.admin().post("/department/operator/add", "department_id", sales, "operator_id", fixture.operator));
        String category = ok(tenant.admin().post("/department/category/new", "department_id", sales, "name", "Pedidos")).id();
        String status = ok(tenant.writer().post("/status/new", "name", "Aguardando")).id();
        String field = ok(tenant.admin().post("/custom_field/new", "label", "Pedido", "entity", "ticket", "type", "number")).id();
        String ticket = fixture.linkedTicket();
        ok(tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "antigo"));
        long protocol = detail(ticket).get("protocol").asLong();

        String first = macro("name", "Encaminhar a vendas", "reply", "Olá {{customer.name}} ({{customer.email}}), chamado #{{ticket.protocol}}: {{ticket.subject}}.",
                "actions", "[" + String.join(",",
                        "{\"type\": \"transfer\", \"value\": {\"department_id\": \"" + sales + "\", \"operator_id\": \"" + fixture.operator + "\"}}",
                        "{\"type\": \"set_priority\", \"value\": 4}",
                        "{\"type\": \"set_category\", \"value\": \"" + category + "\"}",
                        "{\"type\": \"open_status\", \"value\": \"" + status + "\"}",
                        "{\"type\": \"add_tag\", \"value\": \"VIP\"}",
                        "{\"type\": \"add_tag\", \"value\": \"vip\"}",
                        "{\"type\": \"remove_tag\", \"value\": \"antigo\"}",
                        "{\"type\": \"remove_tag\", \"value\": \"ausente\"}",
                        "{\"type\": \"set_custom_field\", \"value\": {\"field_id\": \"" + field + "\", \"value\": \"1,5\"}}",
                        "{\"type\": \"comment\", \"value\": \"Por {{operator.name}} em {{department.name}}\"}") + "]");

        var applied = apply(ticket, first, fixture.operator);

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        var after = detail(ticket);
        assertThat(after.get("department").get("id").asString()).isEqualTo(sales);
        assertThat(after.get("priority").asInt()).isEqualTo(4);
        assertThat(after.get("category").get("id").asString()).isEqualTo(category);
        assertThat(after.get("current_status").get("id").asString()).isEqualTo(status);
        assertThat(after.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("VIP");
        assertThat(after.get("custom_fields").get("open").get(0).get("value").asString()).isEqualTo("1.5");
        var replies = after.get("replies");
        assertThat(replies.get(replies.size() - 1).get("message").asString())
                .isEqualTo("Olá Carla (carla@example.com), chamado #" + protocol + ": Impressora.");
        assertThat(replies.get(replies.size() - 1).get("sender_type").asString()).isEqualTo("A");
        assertThat(after.get("comments").get(0).get("comment").asString()).isEqualTo("Por Ana em Vendas");

        String second = macro("name", "Encerrar", "actions", "[" + String.join(",",
                "{\"type\": \"close_status\"}",
                "{\"type\": \"set_category\", \"value\": null}",
                "{\"type\": \"set_priority\", \"value\": \"low\"}",
                "{\"type\": \"set_custom_field\", \"value\": {\"field_id\": \"" + field + "\", \"value\": \"\"}}",
                "{\"type\": \"reply\", \"value\": \"Resolvido, {{customer.name}}.\"}",
                "{\"type\": \"finish\", \"value\": \"Encerrado por {{operator.name}}.\"}") + "]");

        assertThat(apply(ticket, second, fixture.operator).status()).isEqualTo(200);
        var finished = detail(ticket);
        assertThat(finished.get("situation").get("id").asInt()).isEqualTo(5);
        assertThat(finished.get("current_status").isNull()).isTrue();
        assertThat(finished.get("category").get("id").isNull() || finished.get("category").get("id").asString().isEmpty()).isTrue();
        assertThat(finished.get("priority").asInt()).isEqualTo(1);
        assertThat(finished.get("custom_fields").get("open").size()).isZero();
        var all = finished.get("replies");
        assertThat(all.get(all.size() - 2).get("message").asString()).isEqualTo("Resolvido, Carla.");
        assertThat(all.get(all.size() - 1).get("message").asString()).isEqualTo("Encerrado por Ana.");

        // The custom field's changes are in the history like the priority's, by whoever applied the macros.
        var history = ok(fixture.tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
        var fieldChanges = history.valueStream().filter(entry -> entry.get("field").asString().equals("custom_field")).toList();
        assertThat(fieldChanges).extracting(entry -> entry.get("custom_field_id").asString()).containsExactly(field, field);
        assertThat(fieldChanges).extracting(entry -> String.valueOf(entry.get("old_value").get("value").asString(null))
                + " -> " + entry.get("new_value").get("value").asString(null)).containsExactly("null -> 1.5", "1.5 -> null");
        var priorityChange = history.valueStream().filter(entry -> entry.get("field").asString().equals("priority")).findFirst().orElseThrow();
        assertThat(fieldChanges).allSatisfy(entry -> assertThat(entry.get("actor")).isEqualTo(priorityChange.get("actor")));
    }

    @Test
    void transfersWithoutAnOperatorBackToTheQueue() {
        String ticket = fixture.linkedTicket();
        String macro = macro("name", "Devolver", "actions",
                "[{\"type\": \"transfer\", \"value\": {\"department_id\": \"" + fixture.department + "\"}}]");

        assertThat(apply(ticket, macro, fixture.operator).status()).isEqualTo(200);
        assertThat(fixture.situation(ticket)).isZero();
    }

    @Test
    void aMacroWhoseSecondActionFailsChangesNothingAndPublishesNoEvent() {
        String ticket = fixture.linkedTicket();
        var eventsBefore = events.of(ticket);
        var before = detail(ticket);
        // close_status with no status open is refused after the reply and the priority were applied.
        String macro = macro("name", "Quebrada", "reply", "Oi {{customer.name}}",
                "actions", "[{\"type\": \"set_priority\", \"value\": 4}, {\"type\": \"close_status\"}, {\"type\": \"add_tag\", \"value\": \"x\"}]");

        var refused = apply(ticket, macro, fixture.operator);

        assertThat(refused.status()).isEqualTo(409);
        var after = detail(ticket);
        assertThat(after.get("priority").asInt()).isEqualTo(before.get("priority").asInt());
        assertThat(after.get("replies").size()).isEqualTo(before.get("replies").size());
        assertThat(after.get("situation").get("id").asInt()).isEqualTo(before.get("situation").get("id").asInt());
        assertThat(after.get("tags").size()).isZero();
        assertThat(after.get("last_update").asString()).isEqualTo(before.get("last_update").asString());
        assertThat(events.of(ticket)).isEqualTo(eventsBefore);
    }

    @Test
    void aReplyNeedsTheApplyingOperatorToBeTheTicketsOperator() {
        String other = fixture.operator("Bruno", "bruno@example.com");
        String ticket = fixture.linkedTicket();
        String macro = macro("name", "Responder", "reply", "Oi");

        var refused = apply(ticket, macro, other);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("Responder");
        assertThat(detail(ticket).get("replies").size()).isEqualTo(1);
    }

    @Test
    void anOperatorsOwnMacroIsListedForThemAndRefusedToAnotherOperator() {
        String other = fixture.operator("Bruno", "bruno@example.com");
        String ticket = fixture.linkedTicket();
        String own = macro("name", "Minha", "shared", "0", "operator_id", fixture.operator, "actions", "[{\"type\": \"add_tag\", \"value\": \"minha\"}]");
        String shared = macro("name", "De todos", "actions", "[{\"type\": \"add_tag\", \"value\": \"todos\"}]");

        var mine = ok(fixture.tenant.reader().get("/macro/list", "operator_id", fixture.operator));
        var theirs = ok(fixture.tenant.reader().get("/macro/list", "operator_id", other));
        var refused = apply(ticket, own, other);

        assertThat(mine.json().get("size").asInt()).isEqualTo(2);
        assertThat(theirs.json().get("size").asInt()).isEqualTo(1);
        assertThat(theirs.data().get(0).get("id").asString()).isEqualTo(shared);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("Minha");
        assertThat(detail(ticket).get("tags").size()).isZero();
        assertThat(apply(ticket, own, fixture.operator).status()).isEqualTo(200);
        assertThat(apply(ticket, shared, other).status()).isEqualTo(200);
        assertThat(detail(ticket).get("tags").size()).isEqualTo(2);
    }

    @Test
    void refusesBadActionsNamingTheAction() {
        String pendingStatus = "0".repeat(32);
        Map<String, String> cases = Map.of(
                "[{\"type\": \"explode\"}]", "actions[0]",
                "[{\"type\": \"add_tag\", \"value\": \"a\"}, {\"type\": \"set_priority\", \"value\": 9}]", "actions[1]",
                "[{\"type\": \"set_priority\", \"value\": \"soon\"}]", "actions[0]",
                "[{\"type\": \"add_tag\"}]", "actions[0]",
                "[{\"type\": \"transfer\", \"value\": {}}]", "actions[0]",
                "[{\"type\": \"open_status\", \"value\": \"" + pendingStatus + "\"}]", "actions[0]",
                "[{\"type\": \"reply\", \"value\": \"Oi {{customer.nome}}\"}]", "actions[0]",
                "{\"type\": \"add_tag\"}", "actions",
                "[{\"type\": \"add_tag\", \"value\": \"a\", \"extra\": 1}]", "actions[0]",
                "not json", "actions");
        cases.forEach((actions, named) -> {
            var refused = newMacro("name", "M", "actions", actions);
            assertThat(refused.status()).as(actions).isEqualTo(400);
            assertThat(refused.message()).as(actions).contains(named);
        });
        assertThat(ok(fixture.tenant.reader().get("/macro/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void refusesAMacroWithoutNameOrContentOrWithAnUnknownPlaceholder() {
        var noName = newMacro("reply", "Oi");
        var empty = newMacro("name", "Vazia");
        var unknown = newMacro("name", "M", "reply", "Oi {{cliente.nome}}");
        var unknownInPortuguese = fixture.tenant.writer().withHeader("Accept-Language", "pt-BR")
                .post("/macro/new", "name", "M", "reply", "Oi {{cliente.nome}}");
        var both = newMacro("name", "M", "reply", "Oi", "shared", "1", "operator_id", fixture.operator);
        var unknownOwner = newMacro("name", "M", "reply", "Oi", "operator_id", "0".repeat(32));

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.message()).contains("name");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.message()).contains("actions");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).contains("{{cliente.nome}}").contains("{{customer.name}}");
        assertThat(unknownInPortuguese.status()).isEqualTo(400);
        assertThat(unknownInPortuguese.message()).startsWith("Parâmetro \"reply\": marcador desconhecido {{cliente.nome}}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(unknownOwner.status()).isEqualTo(404);
        assertThat(ok(fixture.tenant.reader().get("/macro/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void updatesOnlyWhatIsSentAndDeletes() {
        String macro = macro("name", "Antes", "reply", "Oi", "actions", "[{\"type\": \"add_tag\", \"value\": \"a\"}]");

        var renamed = ok(fixture.tenant.writer().post("/macro/update", "macro_id", macro, "name", "Depois"));
        var own = ok(fixture.tenant.writer().post("/macro/update", "macro_id", macro, "operator_id", fixture.operator));
        var cleared = ok(fixture.tenant.writer().post("/macro/update", "macro_id", macro, "reply", "", "shared", "1"));
        var emptied = fixture.tenant.writer().post("/macro/update", "macro_id", macro, "actions", "");
        var badUpdate = fixture.tenant.writer().post("/macro/update", "macro_id", macro, "reply", "{{nada}}");

        assertThat(renamed.data().get("name").asString()).isEqualTo("Depois");
        assertThat(renamed.data().get("reply").asString()).isEqualTo("Oi");
        assertThat(renamed.data().get("actions").size()).isEqualTo(1);
        assertThat(own.data().get("operator_id").asString()).isEqualTo(fixture.operator);
        assertThat(own.data().get("shared").asBoolean()).isFalse();
        assertThat(cleared.data().get("reply").isNull()).isTrue();
        assertThat(cleared.data().get("shared").asBoolean()).isTrue();
        assertThat(emptied.status()).isEqualTo(400);
        assertThat(badUpdate.status()).isEqualTo(400);
        assertThat(ok(fixture.tenant.reader().get("/macro/list")).data().get(0).get("actions").size()).isEqualTo(1);

        assertThat(ok(fixture.tenant.writer().post("/macro/delete", "macro_id", macro)).data().asBoolean()).isTrue();
        assertThat(fixture.tenant.writer().post("/macro/delete", "macro_id", macro).status()).isEqualTo(404);
        assertThat(fixture.tenant.writer().post("/macro/update", "macro_id", macro, "name", "X").status()).isEqualTo(404);
        assertThat(fixture.tenant.writer().post("/macro/delete").status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsMacroOrTicketIsNotFound() {
        var other = new TicketFixture(tenants.create());
        String theirMacro = ok(other.tenant.writer().post("/macro/new", "name", "Deles", "actions", "[{\"type\": \"add_tag\", \"value\": \"x\"}]")).id();
        String theirTicket = other.linkedTicket();
        String ticket = fixture.linkedTicket();
        String macro = macro("name", "Nossa", "actions", "[{\"type\": \"add_tag\", \"value\": \"x\"}]");

        assertThat(apply(ticket, theirMacro, fixture.operator).status()).isEqualTo(404);
        assertThat(apply(theirTicket, macro, fixture.operator).status()).isEqualTo(404);
        assertThat(apply(ticket, macro, other.operator).status()).isEqualTo(404);
        assertThat(fixture.tenant.writer().post("/macro/update", "macro_id", theirMacro, "name", "X").status()).isEqualTo(404);
        assertThat(fixture.tenant.writer().post("/macro/delete", "macro_id", theirMacro).status()).isEqualTo(404);
        assertThat(ok(fixture.tenant.reader().get("/macro/list")).json().get("size").asInt()).isEqualTo(1);
        assertThat(other.detail(theirTicket, "show_tags", "1").data().get("tags").size()).isZero();
        var missing = fixture.tenant.writer().post("/ticket/macro/apply", "ticket_id", ticket, "macro_id", macro);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("operator_id");
    }

    @Test
    void aReaderMayListButNotWrite() {
        assertThat(fixture.tenant.reader().post("/macro/new", "name", "M", "reply", "Oi").status()).isEqualTo(403);
        assertThat(fixture.tenant.reader().get("/macro/list").status()).isEqualTo(200);
    }

    @Test
    void anOperatorsOwnMacrosAreDeletedWithTheOperator() {
        String bruno = ok(fixture.tenant.admin().post("/operator/new", "name", "Bruno", "email", "bruno@example.com")).id();
        macro("name", "Do Bruno", "shared", "0", "operator_id", bruno, "reply", "Oi");
        macro("name", "De todos", "reply", "Oi");

        ok(fixture.tenant.admin().post("/operator/delete", "operator_id", bruno));

        var listed = ok(fixture.tenant.reader().get("/macro/list"));
        assertThat(listed.json().get("size").asInt()).isEqualTo(1);
        assertThat(listed.data().get(0).get("name").asString()).isEqualTo("De todos");
    }

    @Test
    void aFinishRefusedForAMissingRequiredFieldIs400AndLeavesTheReplyUnsent() {
        ok(fixture.tenant.admin().post("/custom_field/new", "label", "Solução", "entity", "ticket_finish", "type", "text",
                "required", "1"));
        String ticket = fixture.linkedTicket();
        String macro = macro("name", "Encerrar", "reply", "Tchau", "actions", "[{\"type\": \"finish\", \"value\": \"Encerrado\"}]");

        var refused = apply(ticket, macro, fixture.operator);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(detail(ticket).get("replies").size()).isEqualTo(1);
        assertThat(fixture.situation(ticket)).isEqualTo(1);
    }

    @Test
    void theOpenApiAndPostmanDocumentsDescribeTheMacroEndpoints() {
        JsonNode paths = fixture.tenant.anonymous().get("/openapi.json").json().get("paths");
        JsonNode postman = fixture.tenant.anonymous().get("/postman.json").json();

        assertThat(paths.get("/macro/new").get("post").get("tags").get(0).asString()).isEqualTo("Macros");
        assertThat(paths.get("/macro/list").get("get").get("x-atende-extension").asBoolean()).isTrue();
        assertThat(paths.has("/macro/update")).isTrue();
        assertThat(paths.has("/macro/delete")).isTrue();
        assertThat(paths.get("/ticket/macro/apply").get("post").get("tags").get(0).asString()).isEqualTo("Tickets");
        var folders = postman.get("item").valueStream().map(folder -> folder.get("name").asString()).toList();
        assertThat(folders).contains("Macros");
        var macroFolder = postman.get("item").valueStream().filter(folder -> folder.get("name").asString().equals("Macros"))
                .findFirst().orElseThrow();
        assertThat(macroFolder.get("item").size()).isEqualTo(4);
    }
}
