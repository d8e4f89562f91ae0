package io.atende.api.v2;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
 * docs/automations.md, What rules remember: trigger runs and the tickets automations acted on are removed after
 * {@code atende.automation.retention} (30 days here) on the clock the test moves, but only once they no longer keep
 * a rule from acting twice: a run whose event is still queued stays, and so does an automation's mark on a ticket
 * that is still open, or was finished within the retention.
 */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = {"atende.automation.sweep-interval=100ms", "atende.automation.prune-interval=100ms",
        "atende.automation.retention=30d"})
class RuleHistoryPruningApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-07-01T12:00:00Z"));

    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    TicketFixture fixture;

    @BeforeEach
    void newAccount() {
        fixture = new TicketFixture(tenants.create());
    }

    private String account() {
        return fixture.tenant.accountId();
    }

    private int runs() {
        return jdbc.sql("select count(*) from automation_trigger_run where account_id = :account").param("account", account())
                .query(Integer.class).single();
    }

    private int hits(String ticket) {
        return jdbc.sql("select count(*) from automation_rule_hit where account_id = :account and ticket_id = :ticket")
                .param("account", account()).param("ticket", ticket).query(Integer.class).single();
    }

    private int comments(String ticket) {
        return fixture.detail(ticket).data().get("comments").size();
    }

    @Test
    void triggerRunsGoOnceTheirEventIsJudgedAndOlderThanTheRetentionAndTheRuleKeepsItsCounts() {
        String trigger = ok(fixture.tenant.writer().post("/trigger/new", "name", "Seen", "events", "ticket.created",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"seen\"}]")).id();
        String ticket = fixture.openTicket();
        await("the trigger", () -> fixture.detail(ticket, "show_tags", "1").data().get("tags").size() == 1);
        assertThat(runs()).isEqualTo(1);
        // A run of an event still waiting in the queue (its judging node died after acting): it keeps the trigger from
        // acting twice when the event is judged again, however old it is. Not due for a day, so no runner takes it now.
        String queued = "q" + System.nanoTime();
        jdbc.sql("""
                insert into automation_trigger_event (account_id, id, ticket_id, event, channel, depth, rule_ids, created_at, due_at)
                values (:account, :id, :ticket, 'ticket.created', 'API', 0, '', :now, :due)""")
                .param("account", account()).param("id", queued).param("ticket", ticket)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("due", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)).update();
        jdbc.sql("""
                insert into automation_trigger_run (account_id, event_id, trigger_id, ticket_id, ran_at)
                values (:account, :event, :trigger, :ticket, :at)""")
                .param("account", account()).param("event", queued).param("trigger", trigger).param("ticket", ticket)
                .param("at", CLOCK.instant().atOffset(ZoneOffset.UTC)).update();

        CLOCK.advance(Duration.ofDays(29));
        awaitPasses(meters, "automation-pruning", 2);
        assertThat(runs()).isEqualTo(2);

        CLOCK.advance(Duration.ofDays(2));
        awaitPasses(meters, "automation-pruning", 2);
        assertThat(runs()).as("only the run of the queued event is left").isEqualTo(1);
        jdbc.sql("delete from automation_trigger_event where account_id = :account and id = :id")
                .param("account", account()).param("id", queued).update();
        awaitPasses(meters, "automation-pruning", 2);
        assertThat(runs()).isZero();
        var listed = ok(fixture.tenant.reader().get("/trigger/list")).data().get(0);
        assertThat(listed.get("run_count").asLong()).isEqualTo(1);
        assertThat(listed.get("last_run_date").isNull()).isFalse();
    }

    @Test
    void anAutomationForgetsATicketOnlyOnceItHasBeenFinishedForLongerThanTheRetention() {
        ok(fixture.tenant.writer().post("/automation/new", "name", "Remind",
                "conditions", "[{\"field\": \"hours_since_created\", \"operator\": \"greater_than\", \"value\": 1}]",
                "actions", "[{\"type\": \"comment\", \"value\": \"Still open: #{{ticket.protocol}}\"}]"));
        String open = fixture.linkedTicket();
        String finishedLongAgo = fixture.linkedTicket();
        String finishedLately = fixture.linkedTicket();
        CLOCK.advance(Duration.ofHours(2));
        await("the reminders", () -> comments(open) == 1 && comments(finishedLongAgo) == 1 && comments(finishedLately) == 1);
        ok(fixture.tenant.writer().post("/ticket/finish", "ticket_id", finishedLongAgo, "message", "Resolvido"));

        CLOCK.advance(Duration.ofDays(31));
        ok(fixture.tenant.writer().post("/ticket/finish", "ticket_id", finishedLately, "message", "Resolvido"));
        awaitPasses(meters, "automation-pruning", 2);
        awaitPasses(meters, "automations", 2);

        assertThat(hits(open)).as("an open ticket's mark keeps the automation from acting again").isEqualTo(1);
        assertThat(comments(open)).isEqualTo(1);
        assertThat(hits(finishedLately)).isEqualTo(1);
        assertThat(hits(finishedLongAgo)).isZero();

        // Deleting the automation forgets every ticket it acted on, open or not.
        ok(fixture.tenant.writer().post("/automation/delete", "automation_id",
                ok(fixture.tenant.reader().get("/automation/list")).data().get(0).get("id").asString()));
        assertThat(hits(open)).as("a deleted automation's marks go with it").isZero();
        assertThat(hits(finishedLately)).isZero();
    }

    /** Every part of the application reads the clock the test moves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock extends TestClockConfiguration {
        MovableClock() {
            super(CLOCK);
        }
    }
}
