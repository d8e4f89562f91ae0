package io.atende.api.v2;

import io.atende.support.ApiResponse;
import io.atende.support.TestTenants;
import io.atende.support.ApiTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/automations.md, Testing a rule: /trigger/test and /automation/test judge a rule against a ticket and change nothing. */
@ApiTest
class RuleTestApiTest {

    private static final String TAG_VIP = "[{\"type\": \"add_tag\", \"value\": \"vip\"}]";
    private static final String UNKNOWN = "0".repeat(32);

    @Autowired
    TestTenants tenants;

    TicketFixture fixture;
    String ticket;

    @BeforeEach
    void newAccount() {
        fixture = new TicketFixture(tenants.create());
        ticket = fixture.openTicket("priority", "3");
    }

    private static String condition(String field, String operator, String value) {
        return "{\"field\": \"" + field + "\", \"operator\": \"" + operator + "\", \"value\": " + value + "}";
    }

    private String conditions() {
        return "[" + condition("department", "is", "\"" + fixture.department + "\"") + ","
                + condition("priority", "greater_than", "3") + ","
                + condition("subject", "contains", "\"impressora\"") + ","
                + condition("tag", "contains", "\"vip\"") + "]";
    }

    private ApiResponse test(String path, String... params) {
        return fixture.tenant.reader().post(path, params);
    }

    @Test
    void aSavedTriggerIsJudgedConditionByConditionWithTheTicketsValuesAndNothingChanges() {
        String trigger = ok(fixture.tenant.writer().post("/trigger/new", "name", "VIP", "events", "ticket.created",
                "conditions", conditions(), "actions", TAG_VIP)).id();

        var result = ok(test("/trigger/test", "trigger_id", trigger, "ticket_id", ticket)).data();

        assertThat(result.get("ticket_id").asString()).isEqualTo(ticket);
        assertThat(result.get("protocol").asLong()).isPositive();
        assertThat(result.get("match").asString()).isEqualTo("all");
        assertThat(result.get("matches").asBoolean()).isFalse();
        JsonNode conditions = result.get("conditions");
        assertThat(conditions.size()).isEqualTo(4);
        assertThat(conditions.get(0).get("holds").asBoolean()).isTrue();
        assertThat(conditions.get(0).get("actual").asString()).isEqualTo(fixture.department);
        assertThat(conditions.get(1).get("field").asString()).isEqualTo("priority");
        assertThat(conditions.get(1).get("value").asInt()).isEqualTo(3);
        assertThat(conditions.get(1).get("holds").asBoolean()).isFalse();
        assertThat(conditions.get(1).get("actual").asInt()).isEqualTo(3);
        assertThat(conditions.get(2).get("holds").asBoolean()).isTrue();
        assertThat(conditions.get(2).get("actual").asString()).isEqualTo("Impressora");
        assertThat(conditions.get(3).get("holds").asBoolean()).isFalse();
        assertThat(conditions.get(3).get("actual").isNull()).isTrue();
        assertThat(result.get("actions").get(0).get("type").asString()).isEqualTo("add_tag");

        var listed = ok(fixture.tenant.reader().get("/trigger/list")).data().get(0);
        assertThat(listed.get("run_count").asLong()).isZero();
        assertThat(fixture.detail(ticket, "show_tags", "1").data().get("tags").size()).isZero();
    }

    @Test
    void anInlineDefinitionIsJudgedWithAnyAndTheChannelTheCallerNames() {
        var any = ok(test("/trigger/test", "ticket_id", ticket, "name", "Draft", "events", "ticket.created", "match", "any",
                "conditions", conditions(), "actions", TAG_VIP)).data();
        assertThat(any.get("match").asString()).isEqualTo("any");
        assertThat(any.get("matches").asBoolean()).isTrue();

        String byEmail = "[" + condition("channel", "is", "\"email\"") + "]";
        var fromApi = ok(test("/trigger/test", "ticket_id", ticket, "name", "Mail", "events", "ticket.created",
                "conditions", byEmail, "actions", TAG_VIP)).data();
        var fromEmail = ok(test("/trigger/test", "ticket_id", ticket, "name", "Mail", "events", "ticket.created",
                "conditions", byEmail, "actions", TAG_VIP, "channel", "email")).data();
        assertThat(fromApi.get("conditions").get(0).get("actual").asString()).isEqualTo("api");
        assertThat(fromApi.get("matches").asBoolean()).isFalse();
        assertThat(fromEmail.get("matches").asBoolean()).isTrue();

        var none = ok(test("/trigger/test", "ticket_id", ticket, "name", "Always", "events", "ticket.created", "actions", TAG_VIP)).data();
        assertThat(none.get("matches").asBoolean()).isTrue();
        assertThat(none.get("conditions").size()).isZero();
        assertThat(ok(fixture.tenant.reader().get("/trigger/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void refusesWhatItCannotJudgeWithTheRightStatus() {
        String trigger = ok(fixture.tenant.writer().post("/trigger/new", "name", "VIP", "events", "ticket.created",
                "actions", TAG_VIP)).id();

        assertThat(test("/trigger/test", "trigger_id", trigger).status()).isEqualTo(400);
        var unknownTrigger = test("/trigger/test", "trigger_id", UNKNOWN, "ticket_id", ticket);
        assertThat(unknownTrigger.status()).isEqualTo(404);
        assertThat(unknownTrigger.message()).isEqualTo("Trigger not found.");
        assertThat(test("/trigger/test", "trigger_id", trigger, "ticket_id", UNKNOWN).status()).isEqualTo(404);
        var badField = test("/trigger/test", "ticket_id", ticket, "name", "Bad", "events", "ticket.created",
                "conditions", "[" + condition("mood", "is", "\"sad\"") + "]", "actions", TAG_VIP);
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.message()).contains("conditions[0]").contains("mood");
        assertThat(test("/trigger/test", "ticket_id", ticket, "events", "ticket.created", "actions", TAG_VIP).status()).isEqualTo(400);
        assertThat(test("/trigger/test", "ticket_id", ticket, "name", "No actions", "events", "ticket.created").status()).isEqualTo(400);
        assertThat(test("/trigger/test", "trigger_id", trigger, "ticket_id", ticket, "channel", "fax").status()).isEqualTo(400);
        assertThat(fixture.tenant.anonymous().post("/trigger/test", "trigger_id", trigger, "ticket_id", ticket).status()).isEqualTo(401);
    }

    @Test
    void anotherAccountsRulesAndTicketsAreNotFound() {
        var other = new TicketFixture(tenants.create());
        String theirTicket = other.openTicket();
        String theirTrigger = ok(other.tenant.writer().post("/trigger/new", "name", "Theirs", "events", "ticket.created",
                "actions", TAG_VIP)).id();
        String theirAutomation = ok(other.tenant.writer().post("/automation/new", "name", "Theirs", "actions", TAG_VIP)).id();
        String ourTrigger = ok(fixture.tenant.writer().post("/trigger/new", "name", "Ours", "events", "ticket.created",
                "actions", TAG_VIP)).id();

        assertThat(test("/trigger/test", "trigger_id", theirTrigger, "ticket_id", ticket).status()).isEqualTo(404);
        assertThat(test("/trigger/test", "trigger_id", ourTrigger, "ticket_id", theirTicket).status()).isEqualTo(404);
        assertThat(test("/automation/test", "automation_id", theirAutomation, "ticket_id", ticket).status()).isEqualTo(404);
        assertThat(test("/automation/test", "ticket_id", theirTicket, "name", "Inline", "actions", TAG_VIP).status()).isEqualTo(404);
        assertThat(ok(other.tenant.reader().post("/trigger/test", "trigger_id", theirTrigger, "ticket_id", theirTicket))
                .data().get("matches").asBoolean()).isTrue();
    }

    @Test
    void anAutomationIsJudgedAsASweepWouldWithItsTimeFields() {
        String automation = ok(fixture.tenant.writer().post("/automation/new", "name", "Young tickets",
                "conditions", "[" + condition("hours_since_created", "less_than", "24") + ","
                        + condition("hours_since_operator_reply", "greater_than", "1") + "]",
                "match", "any", "actions", TAG_VIP)).id();

        var result = ok(test("/automation/test", "automation_id", automation, "ticket_id", ticket)).data();
        assertThat(result.get("matches").asBoolean()).isTrue();
        var young = result.get("conditions").get(0);
        assertThat(young.get("holds").asBoolean()).isTrue();
        assertThat(young.get("value").asDouble()).isEqualTo(24.0);
        assertThat(young.get("actual").asDouble()).isBetween(0.0, 1.0);
        var unanswered = result.get("conditions").get(1);
        assertThat(unanswered.get("holds").asBoolean()).isFalse();
        assertThat(unanswered.get("actual").isNull()).isTrue();

        var inline = ok(test("/automation/test", "ticket_id", ticket, "name", "Old", "actions", TAG_VIP,
                "conditions", "[" + condition("hours_since_created", "greater_than", "24") + "]")).data();
        assertThat(inline.get("matches").asBoolean()).isFalse();

        String trigger = ok(fixture.tenant.writer().post("/trigger/new", "name", "T", "events", "ticket.created", "actions", TAG_VIP)).id();
        assertThat(test("/automation/test", "automation_id", trigger, "ticket_id", ticket).status()).isEqualTo(404);
        assertThat(test("/automation/test", "automation_id", UNKNOWN, "ticket_id", ticket).message()).isEqualTo("Automation not found.");
        assertThat(test("/automation/test", "automation_id", automation, "ticket_id", UNKNOWN).status()).isEqualTo(404);
        assertThat(test("/automation/test", "ticket_id", ticket, "name", "Bad", "actions", "[{\"type\": \"explode\"}]").status())
                .isEqualTo(400);
        assertThat(test("/automation/test", "automation_id", automation).status()).isEqualTo(400);
        assertThat(ok(fixture.tenant.reader().get("/automation/list")).data().get(0).get("run_count").asLong()).isZero();
    }
}
