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
import static io.atende.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/automations.md, Triggers: /trigger/new, /list, /update, /delete, and what triggers do to tickets. */
@ApiTest
class TriggerApiTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;

    TicketFixture fixture;

    @BeforeEach
    void newAccount() {
        fixture = new TicketFixture(tenants.create());
    }

    private ApiResponse newTrigger(String... params) {
        return fixture.tenant.writer().post("/trigger/new", params);
    }

    private String trigger(String... params) {
        return ok(newTrigger(params)).id();
    }

    private static String tag(String tag) {
        return "[{\"type\": \"add_tag\", \"value\": \"" + tag + "\"}]";
    }

    private static String condition(String field, String operator, String value) {
        return "{\"field\": \"" + field + "\", \"operator\": \"" + operator + "\", \"value\": " + value + "}";
    }

    private List<String> tags(String ticket) {
        return fixture.detail(ticket, "show_tags", "1").data().get("tags").valueStream().map(JsonNode::asString).toList();
    }

    /** A trigger placed after every other that tags the ticket "done" on the event: once it has, the others were judged. */
    private void witness(String event) {
        trigger("name", "Witness", "events", event, "position", "1000", "actions", tag("done"));
    }

    private void awaitWitness(String ticket) {
        await("the witness trigger on " + ticket, () -> tags(ticket).contains("done"));
    }

    private JsonNode listed(String id) {
        for (JsonNode trigger : ok(fixture.tenant.reader().get("/trigger/list")).data()) {
            if (trigger.get("id").asString().equals(id)) {
                return trigger;
            }
        }
        throw new AssertionError("trigger " + id + " not listed");
    }

    @Test
    void createsListsUpdatesAndDeletesTriggersInPositionOrderAndAuditsThem() {
        var created = newTrigger("name", "Urgent VIPs", "events", "ticket.created, ticket.replied_by_customer", "match", "any",
                "conditions", "[" + condition("priority", "greater_than", "2") + "," + condition("situation", "is", "0") + "]",
                "actions", "[{\"type\": \"set_priority\", \"value\": 4}]");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var data = created.data();
        assertThat(data.get("events").toString()).isEqualTo("[\"ticket.created\",\"ticket.replied_by_customer\"]");
        assertThat(data.get("match").asString()).isEqualTo("any");
        assertThat(data.get("conditions").get(0).get("value").asInt()).isEqualTo(2);
        assertThat(data.get("conditions").get(1).get("value").asInt()).isZero();
        assertThat(data.get("actions").get(0).get("value").asInt()).isEqualTo(4);
        assertThat(data.get("position").asInt()).isEqualTo(1);
        assertThat(data.get("active").asBoolean()).isTrue();
        assertThat(data.get("run_count").asLong()).isZero();
        assertThat(data.get("last_run_date").isNull()).isTrue();

        var second = fixture.tenant.writer().postJson("/trigger/new", Map.of("name", "Tag", "events", List.of("ticket.finished"),
                "actions", List.of(Map.of("type", "add_tag", "value", "closed"))));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.data().get("position").asInt()).isEqualTo(2);
        assertThat(second.data().get("match").asString()).isEqualTo("all");

        var moved = fixture.tenant.writer().post("/trigger/update", "trigger_id", second.id(), "position", "0");
        assertThat(moved.status()).isEqualTo(400);
        ok(fixture.tenant.writer().post("/trigger/update", "trigger_id", created.id(), "position", "5", "active", "0", "name", "Renamed"));
        var list = ok(fixture.tenant.reader().get("/trigger/list"));
        assertThat(list.json().get("size").asInt()).isEqualTo(2);
        assertThat(list.data().get(0).get("id").asString()).isEqualTo(second.id());
        assertThat(list.data().get(1).get("name").asString()).isEqualTo("Renamed");
        assertThat(list.data().get(1).get("active").asBoolean()).isFalse();
        assertThat(list.data().get(1).get("events").size()).isEqualTo(2);

        ok(fixture.tenant.writer().post("/trigger/delete", "trigger_id", created.id()));
        assertThat(ok(fixture.tenant.reader().get("/trigger/list")).json().get("size").asInt()).isEqualTo(1);
        var audit = ok(fixture.tenant.admin().get("/audit/list", "subject_id", created.id())).data();
        assertThat(audit.valueStream().map(entry -> entry.get("action").asString()).toList())
                .containsExactly("trigger.deleted", "trigger.updated", "trigger.created");
        assertThat(audit.get(1).get("before").get("name").asString()).isEqualTo("Urgent VIPs");
        assertThat(audit.get(1).get("after").get("active").asBoolean()).isFalse();
    }

    @Test
    void refusesBadInputWithAMessageAndChangesNothing() {
        String actions = tag("x");
        assertThat(newTrigger("events", "ticket.created", "actions", actions).status()).isEqualTo(400);
        assertThat(newTrigger("name", "A", "actions", actions).status()).isEqualTo(400);
        var unknownEvent = newTrigger("name", "A", "events", "ticket.exploded", "actions", actions);
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.message()).contains("ticket.exploded");
        assertThat(newTrigger("name", "A", "events", "ticket.created").status()).isEqualTo(400);
        assertThat(newTrigger("name", "A", "events", "ticket.created", "actions", "[{\"type\": \"explode\"}]").status()).isEqualTo(400);
        assertThat(newTrigger("name", "A", "events", "ticket.created", "actions", actions, "match", "some").status()).isEqualTo(400);
        assertThat(newTrigger("name", "A", "events", "ticket.created", "actions", actions, "position", "x").status()).isEqualTo(400);
        assertThat(newTrigger("name", "A", "events", "ticket.created", "actions", actions, "conditions", "{").status()).isEqualTo(400);
        var unknownField = newTrigger("name", "A", "events", "ticket.created", "actions", actions,
                "conditions", "[" + condition("colour", "is", "\"red\"") + "]");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.message()).contains("conditions[0]", "colour");
        var badOperator = newTrigger("name", "A", "events", "ticket.created", "actions", actions,
                "conditions", "[" + condition("department", "greater_than", "\"x\"") + "]");
        assertThat(badOperator.status()).isEqualTo(400);
        assertThat(badOperator.message()).contains("greater_than", "is, is_not");
        assertThat(newTrigger("name", "A", "events", "ticket.created", "actions", actions,
                "conditions", "[" + condition("priority", "is", "7") + "]").status()).isEqualTo(400);
        assertThat(newTrigger("name", "A", "events", "ticket.created", "actions", actions,
                "conditions", "[" + condition("hours_since_created", "greater_than", "\"soon\"") + "]").status()).isEqualTo(400);
        var unknownDepartment = newTrigger("name", "A", "events", "ticket.created", "actions", actions,
                "conditions", "[" + condition("department", "is", "\"" + "0".repeat(32) + "\"") + "]");
        assertThat(unknownDepartment.status()).isEqualTo(400);
        assertThat(unknownDepartment.message()).contains("conditions[0]");
        var unknownPlaceholder = newTrigger("name", "A", "events", "ticket.created",
                "actions", "[{\"type\": \"comment\", \"value\": \"{{ticket.colour}}\"}]");
        assertThat(unknownPlaceholder.status()).isEqualTo(400);
        assertThat(fixture.tenant.reader().post("/trigger/new", "name", "A", "events", "ticket.created", "actions", actions).status())
                .isEqualTo(403);
        assertThat(ok(fixture.tenant.reader().get("/trigger/list")).json().get("size").asInt()).isZero();

        String id = trigger("name", "A", "events", "ticket.created", "actions", actions);
        assertThat(fixture.tenant.writer().post("/trigger/update", "trigger_id", id, "events", "").status()).isEqualTo(400);
        assertThat(fixture.tenant.writer().post("/trigger/update", "trigger_id", id, "actions", "[]").status()).isEqualTo(400);
        assertThat(fixture.tenant.writer().post("/trigger/update", "trigger_id", "0".repeat(32), "name", "B").status()).isEqualTo(404);
        assertThat(fixture.tenant.writer().post("/trigger/delete", "trigger_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(fixture.tenant.writer().post("/trigger/delete").status()).isEqualTo(400);
        assertThat(listed(id).get("events").toString()).isEqualTo("[\"ticket.created\"]");
    }

    @Test
    void refusalsSpeakTheRequestsLanguage() {
        var english = fixture.tenant.writer().withHeader("Accept-Language", "en").post("/trigger/new", "name", "A",
                "events", "ticket.created", "actions", tag("x"), "conditions", "[" + condition("colour", "is", "1") + "]");
        var portuguese = fixture.tenant.writer().withHeader("Accept-Language", "pt-BR").post("/trigger/new", "name", "A",
                "events", "ticket.created", "actions", tag("x"), "conditions", "[" + condition("colour", "is", "1") + "]");
        var spanish = fixture.tenant.writer().withHeader("Accept-Language", "es").post("/trigger/new", "name", "A",
                "events", "ticket.created", "actions", tag("x"), "conditions", "[" + condition("colour", "is", "1") + "]");
        assertThat(english.message()).startsWith("Condition conditions[0]: unknown field");
        assertThat(portuguese.message()).startsWith("Condição conditions[0]: campo \"colour\" desconhecido");
        assertThat(spanish.message()).startsWith("Condición conditions[0]: campo \"colour\" desconocido");
    }

    @Test
    void anotherAccountSeesNoTriggerAndItsTriggersNeverTouchOurTickets() {
        String id = trigger("name", "Ours", "events", "ticket.created", "actions", tag("ours"));
        var other = new TicketFixture(tenants.create());
        other.tenant.writer().post("/trigger/new", "name", "Theirs", "events", "ticket.created", "actions", tag("theirs"));

        assertThat(ok(other.tenant.reader().get("/trigger/list")).data().valueStream()
                .map(trigger -> trigger.get("name").asString()).toList()).containsExactly("Theirs");
        assertThat(other.tenant.writer().post("/trigger/update", "trigger_id", id, "name", "Mine").status()).isEqualTo(404);
        assertThat(other.tenant.writer().post("/trigger/delete", "trigger_id", id).status()).isEqualTo(404);
        String ticket = fixture.openTicket();
        await("our trigger", () -> tags(ticket).contains("ours"));
        assertThat(tags(ticket)).containsExactly("ours");
        assertThat(listed(id).get("name").asString()).isEqualTo("Ours");
    }

    @Test
    void judgesEveryConditionOnTheTicketAsItIsAfterTheEvent() {
        var tenant = fixture.tenant;
        String category = ok(tenant.admin().post("/department/category/new", "department_id", fixture.department, "name", "Boletos")).id();
        String field = ok(tenant.admin().post("/custom_field/new", "label", "Pedido", "entity", "ticket", "type", "text")).id();
        String status = ok(tenant.writer().post("/status/new", "name", "Aguardando")).id();
        String always = ok(tenant.admin().post("/calendar/new", "name", "Sempre", "time_zone", "UTC",
                "hours", "mon-sun 00:00-24:00")).id();
        String dep = "\"" + fixture.department + "\"";
        Map<String, String> holding = new java.util.LinkedHashMap<>();
        holding.put("department", condition("department", "is", dep));
        holding.put("category", condition("category", "is", "\"" + category + "\""));
        holding.put("priority", condition("priority", "greater_than", "2"));
        holding.put("situation", condition("situation", "is", "0"));
        holding.put("status", condition("status", "is", "null"));
        holding.put("operator", condition("operator", "is", "null"));
        holding.put("customer", condition("customer", "is", "\"" + fixture.customer + "\""));
        holding.put("organization", condition("organization", "is", "null"));
        holding.put("channel", condition("channel", "is", "\"api\""));
        holding.put("subject", condition("subject", "contains", "\"IMPRESSAO colorida\""));
        holding.put("message", condition("message", "contains", "\"nao\""));
        holding.put("custom_field", "{\"field\": \"custom_field\", \"field_id\": \"" + field + "\", \"operator\": \"is\", \"value\": \"A-17\"}");
        holding.put("business_hours", condition("business_hours", "is", "\"" + always + "\""));
        holding.put("hours_since_created", condition("hours_since_created", "less_than", "1"));
        holding.put("hours_since_customer_reply", condition("hours_since_customer_reply", "less_than", "1"));
        holding.put("hours_in_situation", condition("hours_in_situation", "less_than", "0.5"));
        Map<String, String> failing = new java.util.LinkedHashMap<>();
        failing.put("not-department", condition("department", "is_not", dep));
        failing.put("not-category", condition("category", "is", "null"));
        failing.put("not-priority", condition("priority", "less_than", "3"));
        failing.put("not-situation", condition("situation", "is_not", "0"));
        failing.put("not-status", condition("status", "is", "\"" + status + "\""));
        failing.put("not-operator", condition("operator", "is_not", "null"));
        failing.put("not-channel", condition("channel", "is", "\"email\""));
        failing.put("not-subject", condition("subject", "contains", "\"impressa\""));
        failing.put("not-message", condition("message", "not_contains", "\"NÃO\""));
        failing.put("not-custom_field", "{\"field\": \"custom_field\", \"field_id\": \"" + field + "\", \"operator\": \"contains\", \"value\": \"B\"}");
        failing.put("not-business_hours", condition("business_hours", "is_not", "\"" + always + "\""));
        failing.put("not-hours_since_created", condition("hours_since_created", "greater_than", "1"));
        failing.put("not-hours_since_operator_reply", condition("hours_since_operator_reply", "less_than", "1000"));
        failing.put("not-hours_since_sla_breach", condition("hours_since_sla_breach", "less_than", "1000"));
        failing.put("not-tag", condition("tag", "contains", "\"absent\""));
        Map<String, String> all = new java.util.LinkedHashMap<>(holding);
        all.putAll(failing);
        all.forEach((name, json) -> trigger("name", name, "events", "ticket.created", "conditions", "[" + json + "]",
                "actions", tag(name)));
        trigger("name", "tag", "events", "ticket.created", "conditions", "[" + condition("tag", "not_contains", "\"absent\"") + "]",
                "actions", tag("tag"));
        witness("ticket.created");

        String ticket = fixture.openTicket("category_id", category, "priority", "3", "subject", "Impressão   Colorida falhou",
                "custom_field[" + field + "]", "a-17");
        awaitWitness(ticket);

        var expected = new java.util.ArrayList<>(holding.keySet());
        expected.add("tag");
        expected.add("done");
        assertThat(tags(ticket)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void appliesEveryActionInItsOwnNameAndTheHistorySaysWhichTrigger() {
        var tenant = fixture.tenant;
        String sales = ok(tenant.admin().post("/department/new", "name", "Vendas")).id();
        ok(tenant.admin().post("/department/operator/add", "department_id", sales, "operator_id", fixture.operator));
        String category = ok(tenant.admin().post("/department/category/new", "department_id", sales, "name", "Pedidos")).id();
        String status = ok(tenant.writer().post("/status/new", "name", "Aguardando")).id();
        String field = ok(tenant.admin().post("/custom_field/new", "label", "Pedido", "entity", "ticket", "type", "number")).id();
        String route = trigger("name", "Route to sales", "events", "ticket.created", "actions", "[" + String.join(",",
                "{\"type\": \"transfer\", \"value\": {\"department_id\": \"" + sales + "\", \"operator_id\": \"" + fixture.operator + "\"}}",
                "{\"type\": \"set_priority\", \"value\": 4}",
                "{\"type\": \"set_category\", \"value\": \"" + category + "\"}",
                "{\"type\": \"open_status\", \"value\": \"" + status + "\"}",
                "{\"type\": \"add_tag\", \"value\": \"vip\"}",
                "{\"type\": \"remove_tag\", \"value\": \"vip\"}",
                "{\"type\": \"add_tag\", \"value\": \"sales\"}",
                "{\"type\": \"set_custom_field\", \"value\": {\"field_id\": \"" + field + "\", \"value\": \"42\"}}",
                "{\"type\": \"reply\", \"value\": \"Hello {{customer.name}}, ticket #{{ticket.protocol}} ({{ticket.subject}}) is with {{operator.name}} in {{department.name}}.\"}",
                "{\"type\": \"comment\", \"value\": \"Routed for {{customer.email}}\"}") + "]");
        String close = trigger("name", "Close on thanks", "events", "ticket.replied_by_customer",
                "conditions", "[" + condition("message", "contains", "\"obrigada\"") + "]",
                "actions", "[{\"type\": \"close_status\"}, {\"type\": \"finish\", \"value\": \"Closed by {{operator.name}}.\"}]");

        String ticket = fixture.openTicket();
        long protocol = fixture.detail(ticket).data().get("protocol").asLong();
        await("the routing", () -> listed(route).get("run_count").asLong() == 1);
        assertThat(listed(route).get("failure_count").asLong()).as(listed(route).toString()).isZero();
        var detail = fixture.detail(ticket, "show_tags", "1").data();
        assertThat(detail.get("department").get("id").asString()).isEqualTo(sales);
        assertThat(detail.get("operator").get("id").asString()).isEqualTo(fixture.operator);
        assertThat(detail.get("priority").asInt()).isEqualTo(4);
        assertThat(detail.get("category").get("id").asString()).isEqualTo(category);
        assertThat(detail.get("current_status").get("id").asString()).isEqualTo(status);
        assertThat(detail.get("tags").toString()).isEqualTo("[\"sales\"]");
        assertThat(detail.get("custom_fields").get("open").get(0).get("value").asString()).isEqualTo("42");
        var replies = detail.get("replies");
        assertThat(replies.get(replies.size() - 1).get("message").asString())
                .isEqualTo("Hello Carla, ticket #" + protocol + " (Impressora) is with Ana in Vendas.");
        assertThat(detail.get("comments").get(0).get("comment").asString()).isEqualTo("Routed for carla@example.com");
        var history = ok(tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
        var byRule = history.valueStream().filter(entry -> entry.get("actor").get("type").asString().equals("rule")).toList();
        assertThat(byRule).extracting(entry -> entry.get("field").asString())
                .contains("department", "operator", "priority", "category", "status", "tag", "custom_field");
        var setField = byRule.stream().filter(entry -> entry.get("field").asString().equals("custom_field")).toList();
        assertThat(setField).hasSize(1);
        assertThat(setField.get(0).get("custom_field_id").asString()).isEqualTo(field);
        assertThat(setField.get(0).get("old_value").get("value").isNull()).isTrue();
        assertThat(setField.get(0).get("new_value").get("value").asString()).isEqualTo("42");
        assertThat(byRule).allSatisfy(entry -> {
            assertThat(entry.get("actor").get("name").asString()).isEqualTo("Route to sales");
            assertThat(entry.get("actor").get("id").asString()).isEqualTo(route);
        });
        assertThat(history.get(0).get("actor").get("type").asString()).isEqualTo("api_token");
        var stats = listed(route);
        assertThat(stats.get("last_run_date").asString()).isNotBlank();
        assertThat(stats.get("failure_count").asLong()).isZero();

        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Funcionou, OBRIGADA!"));
        await("the closing", () -> fixture.situation(ticket) == 5);
        var finished = fixture.detail(ticket).data();
        assertThat(finished.get("current_status").isNull()).isTrue();
        var all = finished.get("replies");
        assertThat(all.get(all.size() - 1).get("message").asString()).isEqualTo("Closed by Ana.");
        assertThat(listed(close).get("run_count").asLong()).isEqualTo(1);
    }

    @Test
    void assignsAutomaticallyToTheNextOperatorOnlineOfTheDepartmentEvenWhereItAssignsByHand() {
        String bruno = fixture.operator("Bruno", "bruno@example.com");
        ok(fixture.tenant.writer().post("/operator/availability", "operator_id", fixture.operator, "availability", "online"));
        ok(fixture.tenant.writer().post("/operator/availability", "operator_id", bruno, "availability", "away"));
        trigger("name", "Route", "events", "ticket.created", "actions", "[{\"type\": \"assign_automatically\", \"value\": null}]");
        witness("ticket.created");

        String ticket = fixture.openTicket();
        awaitWitness(ticket);

        assertThat(fixture.detail(ticket).data().get("operator").get("id").asString()).as("Bruno is away").isEqualTo(fixture.operator);
        assertThat(newTrigger("name", "Bad", "events", "ticket.created", "actions",
                "[{\"type\": \"assign_automatically\", \"value\": 3}]").status()).isEqualTo(400);
    }

    @Test
    void runsInPositionOrderEachSeeingTheChangesOfTheOnesBefore() {
        trigger("name", "Second", "events", "ticket.created", "position", "20",
                "conditions", "[" + condition("tag", "contains", "\"first\"") + "]",
                "actions", "[{\"type\": \"set_priority\", \"value\": 1}, {\"type\": \"add_tag\", \"value\": \"second\"}]");
        trigger("name", "First", "events", "ticket.created", "position", "10",
                "actions", "[{\"type\": \"set_priority\", \"value\": 4}, {\"type\": \"add_tag\", \"value\": \"first\"}]");
        witness("ticket.created");

        String ticket = fixture.openTicket();
        awaitWitness(ticket);

        assertThat(tags(ticket)).containsExactlyInAnyOrder("first", "second", "done");
        assertThat(fixture.detail(ticket).data().get("priority").asInt()).isEqualTo(1);
    }

    @Test
    void allNeedsEveryConditionAndAnyOneOfThem() {
        String conditions = "[" + condition("priority", "is", "4") + "," + condition("subject", "contains", "\"impressora\"") + "]";
        trigger("name", "All", "events", "ticket.created", "match", "all", "conditions", conditions, "actions", tag("all"));
        trigger("name", "Any", "events", "ticket.created", "match", "any", "conditions", conditions, "actions", tag("any"));
        trigger("name", "None", "events", "ticket.created", "match", "any", "conditions",
                "[" + condition("priority", "is", "4") + "," + condition("subject", "contains", "\"scanner\"") + "]", "actions", tag("none"));
        trigger("name", "Inactive", "events", "ticket.created", "active", "0", "actions", tag("inactive"));
        trigger("name", "Other event", "events", "ticket.finished", "actions", tag("finished"));
        witness("ticket.created");

        String normal = fixture.openTicket();
        String urgent = fixture.openTicket("priority", "4");
        awaitWitness(normal);
        awaitWitness(urgent);

        assertThat(tags(normal)).containsExactly("any", "done");
        assertThat(tags(urgent)).containsExactlyInAnyOrder("all", "any", "none", "done");
    }

    @Test
    void actsOncePerEventAndNeverAgainOnItsOwnChanges() {
        String echo = trigger("name", "Echo", "events", "ticket.commented, ticket.replied_by_customer",
                "actions", "[{\"type\": \"comment\", \"value\": \"Seen by {{department.name}}\"}]");
        String ticket = fixture.openTicket();

        ok(fixture.tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "Nota"));
        await("the echo", () -> fixture.detail(ticket).data().get("comments").size() == 2);
        ok(fixture.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Alô"));
        await("the second echo", () -> fixture.detail(ticket).data().get("comments").size() == 3);
        witness("ticket.commented");
        ok(fixture.tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "Outra"));
        awaitWitness(ticket);
        // The witness's own tag is no comment; give any repeated echo a moment to show up.
        await("the third echo", () -> fixture.detail(ticket).data().get("comments").size() == 5);
        sleep(500);

        assertThat(fixture.detail(ticket).data().get("comments").size()).isEqualTo(5);
        assertThat(listed(echo).get("run_count").asLong()).isEqualTo(3);
    }

    @Test
    void aChainOfRulesStopsAfterFive() {
        // Step i+1 runs on the change step i made; positions run the later steps first so that each step waits
        // for the event of the one before rather than seeing its change in the same round.
        for (int step = 1; step <= 7; step++) {
            trigger("name", "Step " + step, "events", "ticket.updated", "position", Integer.toString(100 - step),
                    "conditions", "[" + condition("tag", "contains", "\"step" + (step - 1) + "\"") + "]", "actions", tag("step" + step));
        }
        String ticket = fixture.openTicket();

        ok(fixture.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "step0"));
        await("five steps", () -> tags(ticket).contains("step5"));
        sleep(1500);

        assertThat(tags(ticket)).containsExactly("step0", "step1", "step2", "step3", "step4", "step5");
    }

    @Test
    void aFailingActionIsRecordedAndTheOtherRulesStillRun() {
        String failing = trigger("name", "Reply without operator", "events", "ticket.created", "position", "1",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"lost\"}, {\"type\": \"reply\", \"value\": \"Hi\"}]");
        witness("ticket.created");

        String ticket = fixture.openTicket();
        awaitWitness(ticket);

        assertThat(tags(ticket)).containsExactly("done");
        var stats = listed(failing);
        assertThat(stats.get("run_count").asLong()).isEqualTo(1);
        assertThat(stats.get("failure_count").asLong()).isEqualTo(1);
        assertThat(stats.get("last_failure_date").asString()).isNotBlank();
        assertThat(stats.get("last_error").asString()).isNotBlank();
    }

    @Test
    void eventsJudgedTogetherStayApartWhenOneOfThemIsRefused() throws Exception {
        String failing = trigger("name", "Reply without operator", "events", "ticket.created", "position", "1",
                "conditions", "[" + condition("subject", "contains", "\"falha\"") + "]",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"lost\"}, {\"type\": \"reply\", \"value\": \"Hi\"}]");
        String tagger = trigger("name", "Tagger", "events", "ticket.created", "position", "2", "actions", tag("seen"));
        witness("ticket.created");

        // Opened at once, so that the worker finds them queued together.
        List<String> subjects = List.of("Impressora", "Falha geral", "Rede", "Outra falha", "Acesso", "Senha");
        List<String> tickets = new java.util.ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(subjects.size());
        try {
            var opened = subjects.stream().map(subject -> pool.submit(() -> fixture.openTicket("subject", subject))).toList();
            for (var ticket : opened) {
                tickets.add(ticket.get());
            }
        } finally {
            pool.shutdownNow();
        }
        tickets.forEach(this::awaitWitness);

        for (int i = 0; i < tickets.size(); i++) {
            assertThat(tags(tickets.get(i))).as(subjects.get(i)).containsExactlyInAnyOrder("seen", "done");
        }
        assertThat(listed(tagger).get("run_count").asLong()).isEqualTo(6);
        assertThat(listed(failing).get("run_count").asLong()).isEqualTo(2);
        assertThat(listed(failing).get("failure_count").asLong()).isEqualTo(2);
    }

    @Test
    void aFinishedTicketsFieldsStayAsTheyWereWhenARuleTriesToSetThem() {
        String field = ok(fixture.tenant.admin().post("/custom_field/new", "label", "Pedido", "entity", "ticket", "type", "number")).id();
        String late = trigger("name", "Number after finishing", "events", "ticket.finished", "position", "1",
                "actions", "[{\"type\": \"set_custom_field\", \"value\": {\"field_id\": \"" + field + "\", \"value\": \"7\"}}]");
        witness("ticket.finished");
        String ticket = fixture.openTicket();
        ok(fixture.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fixture.operator));
        ok(fixture.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Feito"));
        await("the witness", () -> fixture.detail(ticket, "show_tags", "1").data().get("tags").toString().contains("done"));

        assertThat(fixture.detail(ticket).data().get("custom_fields").get("open")).isEmpty();
        assertThat(listed(late).get("failure_count").asLong()).isEqualTo(1);
        assertThat(listed(late).get("last_error").asString()).contains("finished or cancelled");
    }

    @Test
    void anEventAStoppedNodeHeldIsJudgedAfterItsLeaseAndNoTriggerThatRanOnItRunsAgain() {
        String first = trigger("name", "First", "events", "ticket.created", "position", "1", "active", "0", "actions", tag("first"));
        String second = trigger("name", "Second", "events", "ticket.created", "position", "2", "active", "0", "actions", tag("second"));
        String ticket = fixture.openTicket();
        // A node claimed the ticket's event, ran the first trigger (its tag and its run committed together) and stopped.
        String event = io.atende.platform.Ids.newId();
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        jdbc.sql("""
                insert into automation_trigger_event (account_id, id, ticket_id, event, channel, depth, rule_ids, created_at, due_at, claim_token)
                values (:account, :id, :ticket, 'ticket.created', 'API', 0, '', :created, :due, 'a-stopped-node')""")
                .param("account", fixture.tenant.accountId()).param("id", event).param("ticket", ticket)
                .param("created", now.minusMinutes(3)).param("due", now.plusSeconds(2)).update();
        ok(fixture.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "first"));
        jdbc.sql("insert into automation_trigger_run (account_id, event_id, trigger_id, ticket_id, ran_at) values (:account, :event, :trigger, :ticket, :at)")
                .param("account", fixture.tenant.accountId()).param("event", event).param("trigger", first).param("ticket", ticket)
                .param("at", now.minusMinutes(2)).update();
        ok(fixture.tenant.writer().post("/trigger/update", "trigger_id", first, "active", "1"));
        ok(fixture.tenant.writer().post("/trigger/update", "trigger_id", second, "active", "1"));
        sleep(1000);
        assertThat(tags(ticket)).as("still leased to the stopped node").containsExactly("first");

        await("the lease to run out and the second trigger to run", () -> tags(ticket).contains("second"));
        await("the event to leave the queue", () -> jdbc.sql("select count(*) from automation_trigger_event where account_id = :account")
                .param("account", fixture.tenant.accountId()).query(Long.class).single() == 0);
        assertThat(tags(ticket)).containsExactlyInAnyOrder("first", "second");
        assertThat(listed(first).get("run_count").asLong()).as("the stopped node's run is not repeated (the test recorded it without counting it)").isZero();
        assertThat(listed(second).get("run_count").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from automation_trigger_run where account_id = :account and event_id = :event")
                .param("account", fixture.tenant.accountId()).param("event", event).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anEventAnotherNodeIsJudgingIsLeftToItAndJudgedAtOnceWhenThatNodeDies() throws Exception {
        String tagger = trigger("name", "Tagger", "events", "ticket.created", "active", "0", "actions", tag("seen"));
        String ticket = fixture.openTicket();
        String event = io.atende.platform.Ids.newId();
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        jdbc.sql("""
                insert into automation_trigger_event (account_id, id, ticket_id, event, channel, depth, rule_ids, created_at, due_at)
                values (:account, :id, :ticket, 'ticket.created', 'API', 0, '', :now, :now)""")
                .param("account", fixture.tenant.accountId()).param("id", event).param("ticket", ticket).param("now", now).update();
        // Another node's transaction has locked the event to judge it: the lock is its claim.
        try (var otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (var lock = otherNode.prepareStatement("select id from automation_trigger_event where account_id = ? and id = ? for update")) {
                lock.setString(1, fixture.tenant.accountId());
                lock.setString(2, event);
                assertThat(lock.executeQuery().next()).isTrue();
            }
            ok(fixture.tenant.writer().post("/trigger/update", "trigger_id", tagger, "active", "1"));
            sleep(1500);
            assertThat(tags(ticket)).as("left to the node that locked it").isEmpty();
            // That node dies: its transaction ends without a commit and the event is due again, with no lease to wait for.
            otherNode.rollback();
        }
        await("the event to be judged here", () -> tags(ticket).contains("seen"));
        await("the event to leave the queue", () -> jdbc.sql("select count(*) from automation_trigger_event where account_id = :account")
                .param("account", fixture.tenant.accountId()).query(Long.class).single() == 0);
        assertThat(listed(tagger).get("run_count").asLong()).isEqualTo(1);
    }

    @Test
    void fillsPlaceholdersInTextsOfAnyLanguage() {
        trigger("name", "Idiomas", "events", "ticket.created", "actions", "[" + String.join(",",
                "{\"type\": \"comment\", \"value\": \"Dear {{customer.name}}, we received ticket #{{ticket.protocol}}.\"}",
                "{\"type\": \"comment\", \"value\": \"Olá {{ customer.name }}, recebemos o chamado #{{ticket.protocol}}: {{ticket.subject}}.\"}",
                "{\"type\": \"comment\", \"value\": \"Hola {{customer.name}}, recibimos su solicitud en {{department.name}}.\"}") + "]");
        String ticket = fixture.openTicket();
        long protocol = fixture.detail(ticket).data().get("protocol").asLong();
        await("the comments", () -> fixture.detail(ticket).data().get("comments").size() == 3);

        assertThat(fixture.detail(ticket).data().get("comments").valueStream().map(comment -> comment.get("comment").asString()).toList())
                .containsExactly("Dear Carla, we received ticket #" + protocol + ".",
                        "Olá Carla, recebemos o chamado #" + protocol + ": Impressora.",
                        "Hola Carla, recibimos su solicitud en Suporte.");
    }

    @Test
    void fillsTheResolutionDeadlineOfTheTicketsServiceLevel() {
        ok(fixture.tenant.admin().post("/sla/new", "name", "Padrão", "resolution_minutes", "480"));
        trigger("name", "Deadline", "events", "ticket.created",
                "actions", "[{\"type\": \"comment\", \"value\": \"Due {{sla.resolution.deadline}}.\"}]");
        String ticket = fixture.openTicket();
        await("the comment", () -> fixture.detail(ticket).data().get("comments").size() == 1);

        assertThat(fixture.detail(ticket).data().get("comments").get(0).get("comment").asString())
                .matches("Due \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\.");
    }

    @Test
    void notifiesOneWebhookSubscriptionAndNoOther() {
        try (var chosen = new io.atende.support.WebhookReceiver(); var other = new io.atende.support.WebhookReceiver()) {
            String webhook = ok(fixture.tenant.admin().post("/webhook/new", "url", chosen.url(), "format", "standard",
                    "events", "ticket.finished")).id();
            ok(fixture.tenant.admin().post("/webhook/new", "url", other.url(), "format", "standard"));
            var unknown = newTrigger("name", "Ping", "events", "ticket.created",
                    "actions", "[{\"type\": \"notify_webhook\", \"value\": {\"webhook_id\": \"" + "0".repeat(32) + "\", \"message\": \"x\"}}]");
            assertThat(unknown.status()).isEqualTo(400);
            String ping = trigger("name", "Ping", "events", "ticket.created",
                    "actions", "[{\"type\": \"notify_webhook\", \"value\": {\"webhook_id\": \"" + webhook
                            + "\", \"message\": \"New ticket #{{ticket.protocol}} from {{customer.name}}\"}}]");

            String ticket = fixture.openTicket();
            long protocol = fixture.detail(ticket).data().get("protocol").asLong();

            var received = chosen.awaitCount(1);
            var body = io.atende.support.ApiClient.parse(received.get(0).text());
            assertThat(body.get("type").asString()).isEqualTo("ticket.rule_notification");
            assertThat(body.get("data").get("ticket_id").asString()).isEqualTo(ticket);
            assertThat(body.get("data").get("rule_id").asString()).isEqualTo(ping);
            assertThat(body.get("data").get("rule_name").asString()).isEqualTo("Ping");
            assertThat(body.get("data").get("message").asString()).isEqualTo("New ticket #" + protocol + " from Carla");
            // The other subscription hears of every event, the ticket's opening included, but never of the notification.
            other.awaitCount(1);
            sleep(500);
            assertThat(other.received()).extracting(delivery -> io.atende.support.ApiClient.parse(delivery.text()).get("type").asString())
                    .doesNotContain("ticket.rule_notification");
        }
    }

    @Test
    void theRouteTableAndTheOpenApiDocumentListTheTriggerEndpoints() {
        var openapi = ok(fixture.tenant.anonymous().get("/openapi.json")).json();
        assertThat(openapi.get("paths").get("/trigger/new").get("post").get("tags").get(0).asString()).isEqualTo("Triggers");
        assertThat(openapi.get("paths").has("/trigger/list")).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
