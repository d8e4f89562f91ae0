package io.atende.api.v2;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestClockConfiguration;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static io.atende.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/automations.md, Automations: /automation/new, /list, /update, /delete, and automations judged on a clock the
 * test moves. A sweep is known to have passed over the account's tickets when a "witness" automation has tagged a
 * ticket opened after them (tickets are swept oldest first).
 */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = "atende.automation.sweep-interval=100ms")
class AutomationApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Autowired
    TestTenants tenants;

    TicketFixture fixture;

    @BeforeEach
    void newAccount() {
        fixture = new TicketFixture(tenants.create());
    }

    private ApiResponse newAutomation(String... params) {
        return fixture.tenant.writer().post("/automation/new", params);
    }

    private String automation(String... params) {
        return ok(newAutomation(params)).id();
    }

    private static String condition(String field, String operator, String value) {
        return "{\"field\": \"" + field + "\", \"operator\": \"" + operator + "\", \"value\": " + value + "}";
    }

    private List<String> tags(String ticket) {
        return fixture.detail(ticket, "show_tags", "1").data().get("tags").valueStream().map(JsonNode::asString).toList();
    }

    private int comments(String ticket) {
        return fixture.detail(ticket).data().get("comments").size();
    }

    private void witness() {
        automation("name", "Witness", "position", "1000", "conditions", "[" + condition("tag", "not_contains", "\"swept\"") + "]",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"swept\"}]");
    }

    /** Waits for a whole sweep over the account's tickets that began after this call. */
    private void awaitSweep() {
        String marker = fixture.openTicket("subject", "Marker");
        await("a sweep", () -> tags(marker).contains("swept"));
    }

    @Test
    void closesATicketWhoseCustomerWasSilentForThreeDays() {
        String close = automation("name", "Close silent tickets", "match", "all", "conditions", "["
                        + condition("situation", "is", "2") + "," + condition("hours_since_operator_reply", "greater_than", "72") + "]",
                "actions", "[{\"type\": \"finish\", \"value\": \"Closing #{{ticket.protocol}} after three silent days.\"}]");
        witness();
        String ticket = fixture.linkedTicket();
        ok(fixture.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Could you try again?"));

        CLOCK.advance(Duration.ofHours(71));
        awaitSweep();
        assertThat(fixture.situation(ticket)).isEqualTo(2);

        CLOCK.advance(Duration.ofHours(2));
        await("the closing", () -> fixture.situation(ticket) == 5);
        var history = ok(fixture.tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
        var last = history.get(history.size() - 1);
        assertThat(last.get("actor").get("type").asString()).isEqualTo("rule");
        assertThat(last.get("actor").get("name").asString()).isEqualTo("Close silent tickets");
        var listed = ok(fixture.tenant.reader().get("/automation/list")).data().get(0);
        assertThat(listed.get("id").asString()).isEqualTo(close);
        assertThat(listed.get("run_count").asLong()).isEqualTo(1);
        assertThat(listed.has("events")).isFalse();
    }

    @Test
    void actsOnceWhileItsConditionsHoldAndAgainAfterTheyStoppedHolding() {
        String remind = automation("name", "Remind", "conditions", "[" + condition("hours_since_created", "greater_than", "1") + ","
                        + condition("tag", "not_contains", "\"hold\"") + "]",
                "actions", "[{\"type\": \"comment\", \"value\": \"Still open: #{{ticket.protocol}}\"}]");
        witness();
        String ticket = fixture.openTicket();

        CLOCK.advance(Duration.ofHours(2));
        await("the reminder", () -> comments(ticket) == 1);
        awaitSweep();
        awaitSweep();
        assertThat(comments(ticket)).isEqualTo(1);

        ok(fixture.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "hold"));
        awaitSweep();
        assertThat(comments(ticket)).isEqualTo(1);
        ok(fixture.tenant.writer().post("/ticket/tag/remove", "ticket_id", ticket, "tag", "hold"));
        await("the second reminder", () -> comments(ticket) == 2);
        awaitSweep();
        assertThat(comments(ticket)).isEqualTo(2);
        var listed = ok(fixture.tenant.reader().get("/automation/list")).data().valueStream()
                .filter(rule -> rule.get("id").asString().equals(remind)).findFirst().orElseThrow();
        assertThat(listed.get("run_count").asLong()).isEqualTo(2);
    }

    @Test
    void isManagedLikeATriggerAndAuditedAndAnotherAccountSeesNothing() {
        var created = newAutomation("name", "Nudge", "conditions", "[" + condition("hours_in_situation", "greater_than", "24") + "]",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"stale\"}]", "events", "ticket.created");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().get("conditions").get(0).get("value").asDouble()).isEqualTo(24.0);
        assertThat(created.data().has("events")).isFalse();
        assertThat(created.data().get("position").asInt()).isEqualTo(1);

        assertThat(newAutomation("name", "No actions").status()).isEqualTo(400);
        assertThat(newAutomation("actions", "[{\"type\": \"add_tag\", \"value\": \"x\"}]").status()).isEqualTo(400);
        assertThat(newAutomation("name", "Bad", "actions", "[{\"type\": \"add_tag\", \"value\": \"x\"}]",
                "conditions", "[" + condition("hours_since_created", "is", "3") + "]").status()).isEqualTo(400);
        assertThat(fixture.tenant.reader().post("/automation/new", "name", "R", "actions", "[{\"type\": \"add_tag\", \"value\": \"x\"}]")
                .status()).isEqualTo(403);

        ok(fixture.tenant.writer().post("/automation/update", "automation_id", created.id(), "active", "0", "name", "Nudge later"));
        assertThat(fixture.tenant.writer().post("/automation/update", "automation_id", "0".repeat(32), "name", "X").status())
                .isEqualTo(404);
        var other = new TicketFixture(tenants.create());
        assertThat(ok(other.tenant.reader().get("/automation/list")).json().get("size").asInt()).isZero();
        assertThat(other.tenant.writer().post("/automation/delete", "automation_id", created.id()).status()).isEqualTo(404);
        // A trigger is not an automation, nor the other way round.
        assertThat(fixture.tenant.writer().post("/trigger/delete", "trigger_id", created.id()).status()).isEqualTo(404);
        assertThat(ok(fixture.tenant.reader().get("/trigger/list")).json().get("size").asInt()).isZero();

        var listed = ok(fixture.tenant.reader().get("/automation/list")).data();
        assertThat(listed.get(0).get("name").asString()).isEqualTo("Nudge later");
        assertThat(listed.get(0).get("active").asBoolean()).isFalse();
        ok(fixture.tenant.writer().post("/automation/delete", "automation_id", created.id()));
        assertThat(ok(fixture.tenant.reader().get("/automation/list")).json().get("size").asInt()).isZero();
        var audit = ok(fixture.tenant.admin().get("/audit/list", "subject_id", created.id())).data();
        // The test's clock stands still, so the entries share their moment: their order is not the point here.
        assertThat(audit.valueStream().map(entry -> entry.get("action").asString()).toList())
                .containsExactlyInAnyOrder("automation.deleted", "automation.updated", "automation.created");
    }

    /** Every part of the application reads the clock the test moves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock extends TestClockConfiguration {
        MovableClock() {
            super(CLOCK);
        }
    }
}
