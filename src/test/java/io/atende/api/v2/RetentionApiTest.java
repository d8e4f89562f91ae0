package io.atende.api.v2;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestClockConfiguration;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import static io.atende.api.v2.TicketFixture.ok;
import static io.atende.support.Await.await;
import static io.atende.support.Await.awaitPasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/data-protection.md, Retention: each account's policy anonymizes or deletes its finished and cancelled tickets
 * once they ended longer ago than its months, and stops keeping the messages read from its mailboxes as they came
 * after its days, on the clock the test moves; a dry run counts without changing anything; another account's data
 * follows only its own policy. Set through {@code /account/retention/update} and the console's Administration.
 */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = "atende.retention.interval=100ms")
class RetentionApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-10T12:00:00Z"));

    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    TicketFixture fixture;
    TicketFixture other;

    @BeforeEach
    void accounts() {
        fixture = new TicketFixture(tenants.create());
        other = new TicketFixture(tenants.create());
    }

    private String finishedTicket(TicketFixture in) {
        String ticket = in.linkedTicket();
        ok(in.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "operator_id", in.operator, "message", "Trocamos o toner"));
        ok(in.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido"));
        return ticket;
    }

    @Test
    void aDryRunCountsWithoutSavingAndTheSweepAnonymizesOnlyTicketsFinishedLongerAgoThanThePolicy() {
        String old = finishedTicket(fixture);
        String stillOpen = fixture.linkedTicket();
        String othersOld = finishedTicket(other);
        CLOCK.advance(Duration.ofDays(200));
        String recent = finishedTicket(fixture);

        var dryRun = ok(fixture.tenant.admin().post("/account/retention/update", "ticket_months", "6", "dry_run", "1")).data();
        assertThat(dryRun.get("tickets").asLong()).isEqualTo(1);
        assertThat(dryRun.get("policy").get("ticket_months").asInt()).isEqualTo(6);
        awaitPasses(meters, "retention", 2);
        assertThat(subject(fixture, old)).as("a dry run changes nothing").isEqualTo("Impressora");
        assertThat(ok(fixture.tenant.admin().get("/account/retention")).data().get("ticket_months").isNull()).isTrue();

        var saved = ok(fixture.tenant.admin().post("/account/retention/update", "ticket_months", "6")).data();
        assertThat(saved.get("policy").get("ticket_action").asString()).isEqualTo("anonymize");
        await("the sweep", () -> "Anonymized".equals(subject(fixture, old)));
        var messages = fixture.detail(old).data().get("replies");
        messages.forEach(reply -> assertThat(reply.get("message").asString()).isEqualTo("Anonymized"));
        assertThat(fixture.situation(old)).as("the ticket stays, finished").isEqualTo(fixture.situation(recent));
        assertThat(subject(fixture, recent)).isEqualTo("Impressora");
        assertThat(subject(fixture, stillOpen)).isEqualTo("Impressora");
        assertThat(subject(other, othersOld)).as("another account follows its own policy").isEqualTo("Impressora");
        assertThat(ok(fixture.tenant.admin().post("/account/retention/update", "dry_run", "1")).data().get("tickets").asLong())
                .as("an anonymized ticket is not due again").isZero();
        assertThat(ok(fixture.tenant.admin().get("/account/retention")).data().get("ticket_months").asInt()).isEqualTo(6);
        assertThat(ok(other.tenant.admin().get("/account/retention")).data().get("ticket_months").isNull()).isTrue();
    }

    @Test
    void deletingTakesTheTicketsAwayWithEverythingThatNamedThemAndTheQueuesCountThem() {
        // What other parts keep about a ticket: its SLA clock, a trigger's run, a follower.
        ok(fixture.tenant.admin().post("/sla/new", "name", "Geral", "resolution_minutes", "1440"));
        ok(fixture.tenant.writer().post("/trigger/new", "name", "Marca", "events", "ticket.created",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"encerrado\"}]"));
        String old = fixture.linkedTicket();
        await("the trigger's run", () -> fixture.detail(old, "show_tags", "1").data().get("tags").toString().contains("encerrado"));
        ok(fixture.tenant.writer().post("/ticket/follower/add", "ticket_id", old, "email", "gerente@cliente.example"));
        ok(fixture.tenant.writer().post("/ticket/reply/operator", "ticket_id", old, "operator_id", fixture.operator, "message", "Trocamos o toner"));
        ok(fixture.tenant.writer().post("/ticket/finish", "ticket_id", old, "message", "Resolvido"));
        String kept = fixture.linkedTicket();
        assertThat(tablesNaming(old)).as("rows about the ticket before").contains("sla_ticket_target", "automation_trigger_run",
                "ticket_follower", "ticket_message");
        CLOCK.advance(Duration.ofDays(40));
        ok(fixture.tenant.admin().post("/account/retention/update", "ticket_months", "1", "ticket_action", "delete"));

        await("the deletion", () -> fixture.tenant.reader().get("/ticket/detail", "ticket_id", old).status() == 404);
        assertThat(fixture.detail(kept).data().get("subject").asString()).isEqualTo("Impressora");
        assertThat(fixture.listedProtocols()).hasSize(1);
        assertThat(tablesNaming(old)).as("only the report's figures name the deleted ticket").containsOnly("report_ticket_fact");
        assertThat(tablesNaming(kept)).as("the other ticket keeps its rows").contains("ticket_message", "sla_ticket_target");
    }

    /** The tables with a row whose {@code ticket_id} is the ticket (every table of the schema is looked at). */
    private java.util.List<String> tablesNaming(String ticket) {
        var tables = jdbc.sql("""
                        select lower(table_name) from information_schema.columns
                         where lower(column_name) = 'ticket_id' and lower(table_schema) = 'public'""")
                .query(String.class).list();
        return tables.stream().distinct().filter(table -> jdbc.sql("select count(*) from " + table + " where ticket_id = :ticket")
                .param("ticket", ticket).query(Long.class).single() > 0).sorted().toList();
    }

    @Test
    void messagesReadFromMailboxesAreKeptAsTheyCameForTheAccountsDays() {
        raw(fixture, "a-old");
        raw(other, "b-old");
        CLOCK.advance(Duration.ofDays(6));
        raw(fixture, "a-new");
        var dryRun = ok(fixture.tenant.admin().post("/account/retention/update", "inbound_raw_days", "5", "dry_run", "1")).data();
        assertThat(dryRun.get("inbound_messages").asLong()).isEqualTo(1);
        ok(fixture.tenant.admin().post("/account/retention/update", "inbound_raw_days", "5"));

        await("the purge", () -> rawKept(fixture).equals(java.util.List.of("a-new")));
        awaitPasses(meters, "retention", 2);
        assertThat(rawKept(other)).as("the installation's 30 days for an account without a period").containsExactly("b-old");
    }

    @Test
    void badValuesAreRefusedAndOnlyAdminsSetThePolicy() {
        assertThat(fixture.tenant.admin().post("/account/retention/update", "ticket_months", "1201").status()).isEqualTo(400);
        assertThat(fixture.tenant.admin().post("/account/retention/update", "ticket_months", "six").status()).isEqualTo(400);
        assertThat(fixture.tenant.admin().post("/account/retention/update", "ticket_action", "burn").status()).isEqualTo(400);
        assertThat(fixture.tenant.admin().post("/account/retention/update", "inbound_raw_days", "3651").status()).isEqualTo(400);
        assertThat(fixture.tenant.writer().post("/account/retention/update", "ticket_months", "6").status()).isEqualTo(403);
        assertThat(fixture.tenant.reader().get("/account/retention").status()).isEqualTo(403);
        assertThat(ok(fixture.tenant.admin().get("/account/retention")).data().get("ticket_months").isNull())
                .as("a refused change saved nothing").isTrue();
    }

    @Test
    void theConsoleShowsTheCountsBeforeItSaves() {
        finishedTicket(fixture);
        CLOCK.advance(Duration.ofDays(100));
        var admin = tenants.signedIn(fixture.tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/admin/retention");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().selectFirst("#retention-save")).as("no save before a preview").isNull();

        var preview = admin.post("/console/admin/retention/preview", "ticket_months", "3", "ticket_action", "ANONYMIZE", "inbound_raw_days", "");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text("#preview-tickets")).startsWith("1 ");
        assertThat(ok(fixture.tenant.admin().get("/account/retention")).data().get("ticket_months").isNull())
                .as("a preview saves nothing").isTrue();

        var refused = admin.post("/console/admin/retention/preview", "ticket_months", "0", "ticket_action", "ANONYMIZE");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("p.error")).isNotBlank();

        var saved = admin.post("/console/admin/retention", "ticket_months", "3", "ticket_action", "ANONYMIZE", "inbound_raw_days", "10");
        assertThat(saved.status()).isEqualTo(302);
        var policy = ok(fixture.tenant.admin().get("/account/retention")).data();
        assertThat(policy.get("ticket_months").asInt()).isEqualTo(3);
        assertThat(policy.get("inbound_raw_days").asInt()).isEqualTo(10);

        var agent = tenants.signedIn(fixture.tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(agent.get("/console/admin/retention").status()).isEqualTo(403);
    }

    private static String subject(TicketFixture in, String ticket) {
        return in.detail(ticket).data().get("subject").asString();
    }

    private void raw(TicketFixture in, String id) {
        jdbc.sql("insert into mail_inbound_raw (account_id, inbound_id, content, received_at) values (:account, :id, :content, :at)")
                .param("account", in.tenant.accountId()).param("id", id).param("content", "Subject: x\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII))
                .param("at", CLOCK.instant().atOffset(ZoneOffset.UTC)).update();
    }

    private java.util.List<String> rawKept(TicketFixture in) {
        return jdbc.sql("select inbound_id from mail_inbound_raw where account_id = :account order by inbound_id")
                .param("account", in.tenant.accountId()).query(String.class).list();
    }

    /** Every part of the application reads the clock the test moves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock extends TestClockConfiguration {
        MovableClock() {
            super(CLOCK);
        }
    }
}
