package io.atende.api.v2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import java.util.List;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/sla.md, Clocks: each ticket's clocks driven by its changes, as /ticket/detail and /ticket/list show them, on a
 * clock the test moves. The policies here count round the clock, so business time is plain elapsed time.
 */
@ApiTest
@DirtiesContext
class SlaClockApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
    static final DateTimeFormatter API_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");

    @Autowired
    TestTenants tenants;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        fx = new TicketFixture(tenant);
    }

    String policy(String... params) {
        String[] all = new String[params.length + 2];
        all[0] = "name";
        all[1] = "Policy " + params.length + System.nanoTime();
        System.arraycopy(params, 0, all, 2, params.length);
        return ok(tenant.admin().post("/sla/new", all)).id();
    }

    JsonNode detail(String ticket) {
        return fx.detail(ticket).data();
    }

    static JsonNode target(JsonNode ticket, String name) {
        for (JsonNode target : ticket.get("sla_targets")) {
            if (target.get("target").asString().equals(name)) {
                return target;
            }
        }
        throw new AssertionError("no " + name + " target in " + ticket.get("sla_targets"));
    }

    static Instant instant(JsonNode date) {
        return OffsetDateTime.parse(date.asString(), API_DATE).toInstant();
    }

    static void advance(int minutes) {
        CLOCK.advance(Duration.ofMinutes(minutes));
    }

    @Test
    void waitingForTheCustomerPausesTheClocksAndTheirReplyResumesThemAndStartsTheNextReplyClock() {
        String policy = policy("first_reply_minutes", "60", "next_reply_minutes", "30", "resolution_minutes", "240");
        String ticket = fx.linkedTicket();
        Instant opened = CLOCK.instant();

        var fresh = detail(ticket);
        assertThat(fresh.get("sla_policy").get("id").asString()).isEqualTo(policy);
        assertThat(fresh.get("sla_targets")).hasSize(3);
        assertThat(instant(target(fresh, "first_reply").get("deadline"))).isEqualTo(opened.plus(Duration.ofMinutes(60)));
        assertThat(instant(fresh.get("sla").get("deadline").get("date"))).isEqualTo(opened.plus(Duration.ofMinutes(240)));
        assertThat(fresh.get("sla").get("deadline").get("accomplished").isNull()).isTrue();
        assertThat(target(fresh, "next_reply").get("deadline").isNull()).as("not started").isTrue();

        advance(10);
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Já verifico"));
        advance(120);
        var waiting = detail(ticket);
        assertThat(instant(target(waiting, "first_reply").get("accomplished_date"))).isEqualTo(opened.plus(Duration.ofMinutes(10)));
        assertThat(target(waiting, "first_reply").get("breached").asBoolean()).isFalse();
        var resolution = target(waiting, "resolution");
        assertThat(resolution.get("paused").asBoolean()).isTrue();
        assertThat(resolution.get("deadline").isNull()).isTrue();
        assertThat(resolution.get("remaining_minutes").asLong()).isEqualTo(230);

        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Ainda não imprime"));
        Instant replied = CLOCK.instant();
        var resumed = detail(ticket);
        assertThat(target(resumed, "resolution").get("paused").asBoolean()).isFalse();
        assertThat(instant(target(resumed, "resolution").get("deadline"))).isEqualTo(replied.plus(Duration.ofMinutes(230)));
        assertThat(instant(resumed.get("sla").get("deadline").get("date"))).isEqualTo(replied.plus(Duration.ofMinutes(230)));
        assertThat(instant(target(resumed, "next_reply").get("deadline"))).isEqualTo(replied.plus(Duration.ofMinutes(30)));

        advance(40);
        var late = target(detail(ticket), "next_reply");
        assertThat(late.get("breached").asBoolean()).isTrue();
        assertThat(late.get("remaining_minutes").asLong()).isEqualTo(-10);
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Trocamos o toner"));
        var answered = target(detail(ticket), "next_reply");
        assertThat(answered.get("breached").asBoolean()).isTrue();
        assertThat(answered.get("accomplished_date").isNull()).isTrue();
        assertThat(answered.get("remaining_minutes").isNull()).isTrue();
    }

    @Test
    void aStatusThatPausesTheSlaStopsTheClocksWhileItIsOpenAndAnotherDoesNot() {
        policy("resolution_minutes", "240");
        String supplier = ok(tenant.writer().post("/status/new", "name", "Aguardando fornecedor", "pauses_sla", "1")).id();
        String analysis = ok(tenant.writer().post("/status/new", "name", "Em análise")).id();
        String ticket = fx.openTicket();

        advance(20);
        ok(tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", supplier));
        advance(60);
        var paused = target(detail(ticket), "resolution");
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(paused.get("remaining_minutes").asLong()).isEqualTo(220);

        ok(tenant.writer().post("/ticket/status/close", "ticket_id", ticket));
        Instant closed = CLOCK.instant();
        ok(tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", analysis));
        advance(5);
        var running = target(detail(ticket), "resolution");
        assertThat(running.get("paused").asBoolean()).isFalse();
        assertThat(instant(running.get("deadline"))).isEqualTo(closed.plus(Duration.ofMinutes(220)));
        assertThat(running.get("remaining_minutes").asLong()).isEqualTo(215);
    }

    @Test
    void finishingMeetsTheResolutionTargetAndReopeningRunsItAgainFromWhatItHadCounted() {
        policy("resolution_minutes", "240");
        String ticket = fx.linkedTicket();

        advance(30);
        ok(tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido"));
        Instant finished = CLOCK.instant();
        advance(60);
        var done = detail(ticket);
        assertThat(instant(target(done, "resolution").get("accomplished_date"))).isEqualTo(finished);
        assertThat(done.get("sla").get("deadline").get("accomplished").asBoolean()).isTrue();

        ok(tenant.writer().post("/ticket/reopen", "ticket_id", ticket, "message", "Voltou a falhar"));
        Instant reopened = CLOCK.instant();
        var again = detail(ticket);
        var resolution = target(again, "resolution");
        assertThat(resolution.get("accomplished_date").isNull()).isTrue();
        assertThat(resolution.get("remaining_minutes").asLong()).isEqualTo(210);
        assertThat(instant(resolution.get("deadline"))).isEqualTo(reopened.plus(Duration.ofMinutes(210)));
        assertThat(again.get("sla").get("deadline").get("accomplished").isNull()).isTrue();
    }

    @Test
    void aTransferReEvaluatesThePolicyAndTheTicketKeepsItsElapsedTime() {
        String sales = ok(tenant.admin().post("/department/new", "name", "Vendas")).id();
        String support = policy("department_id", fx.department, "resolution_minutes", "240");
        String urgent = policy("department_id", sales, "resolution_minutes", "60");
        String ticket = fx.linkedTicket();
        assertThat(detail(ticket).get("sla_policy").get("id").asString()).isEqualTo(support);

        advance(50);
        ok(tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", sales));
        var moved = detail(ticket);
        assertThat(moved.get("sla_policy").get("id").asString()).isEqualTo(urgent);
        assertThat(target(moved, "resolution").get("remaining_minutes").asLong()).isEqualTo(10);

        advance(20);
        var late = detail(ticket);
        assertThat(target(late, "resolution").get("breached").asBoolean()).isTrue();
        assertThat(target(late, "resolution").get("remaining_minutes").asLong()).isEqualTo(-10);
        assertThat(late.get("sla").get("deadline").get("accomplished").asBoolean()).isFalse();
    }

    @Test
    void theListShowsEachTicketsPolicyAndTargetsAndNullForATicketNoPolicyCovers() {
        String policy = policy("priority", "4", "first_reply_minutes", "15", "resolution_minutes", "120");
        var opened = ok(fx.open("priority", "4"));
        String urgent = opened.json().get("ticket_id").asString();
        String normal = fx.openTicket();
        assertThat(instant(opened.data().get("sla").get("deadline").get("date"))).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(120)));
        advance(5);

        JsonNode urgentItem = null;
        JsonNode normalItem = null;
        for (JsonNode item : ok(tenant.reader().get("/ticket/list")).data()) {
            if (item.get("id").asString().equals(urgent)) {
                urgentItem = item;
            } else if (item.get("id").asString().equals(normal)) {
                normalItem = item;
            }
        }
        assertThat(urgentItem.get("sla_policy").get("id").asString()).isEqualTo(policy);
        assertThat(urgentItem.get("sla_policy").get("name").asString()).startsWith("Policy");
        assertThat(urgentItem.get("sla_targets")).hasSize(2);
        assertThat(target(urgentItem, "first_reply").get("remaining_minutes").asLong()).isEqualTo(10);
        assertThat(target(urgentItem, "first_reply").propertyNames()).containsExactlyInAnyOrder("target", "deadline",
                "remaining_minutes", "paused", "breached", "accomplished_date");
        assertThat(urgentItem.get("sla").get("deadline").get("date").isNull()).isFalse();
        assertThat(normalItem.get("sla_policy").isNull()).isTrue();
        assertThat(normalItem.get("sla_targets")).isEmpty();
        assertThat(normalItem.get("sla").get("deadline").get("date").isNull()).isTrue();
        assertThat(detail(normal).get("sla_policy").isNull()).isTrue();
    }

    @Test
    void anotherAccountsPoliciesNeverApplyAndItsClocksAreNotSeen() {
        policy("resolution_minutes", "240");
        String ticket = fx.openTicket();
        var other = tenants.create();
        var otherFx = new TicketFixture(other);
        String theirs = otherFx.openTicket();

        assertThat(otherFx.detail(theirs).data().get("sla_policy").isNull()).isTrue();
        assertThat(other.reader().get("/ticket/detail", "ticket_id", ticket).status()).isEqualTo(404);
        for (JsonNode item : ok(other.reader().get("/ticket/list")).data()) {
            assertThat(item.get("sla_targets")).isEmpty();
        }
        assertThat(detail(ticket).get("sla_targets")).hasSize(1);
    }

    @Test
    void aTicketWithoutClocksGetsThemAtItsFirstChangeCountedFromItsOpeningAndItsFirstReply() {
        policy("first_reply_minutes", "60", "resolution_minutes", "240");
        String ticket = fx.linkedTicket();
        Instant opened = CLOCK.instant();
        advance(10);
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Já verifico"));
        forgetClocks(jdbc, tenant.accountId(), ticket);
        assertThat(detail(ticket).get("sla_targets")).as("as a ticket from before clocks were kept").isEmpty();

        advance(50);
        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Ainda não imprime"));
        var adopted = detail(ticket);
        assertThat(instant(target(adopted, "first_reply").get("accomplished_date"))).isEqualTo(opened.plus(Duration.ofMinutes(10)));
        assertThat(target(adopted, "resolution").get("remaining_minutes").asLong())
                .as("counted from its opening, its pause before the change unknown").isEqualTo(180);
        assertThat(instant(adopted.get("sla").get("deadline").get("date"))).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(180)));
    }

    /** Leaves the ticket as one opened before Atende kept SLA clocks: no transitions, no clocks, no nearest state. */
    static void forgetClocks(JdbcClient jdbc, String accountId, String ticket) {
        for (String table : List.of("sla_ticket_transition", "sla_ticket_target")) {
            jdbc.sql("delete from " + table + " where account_id = :account and ticket_id = :ticket")
                    .param("account", accountId).param("ticket", ticket).update();
        }
        jdbc.sql("update ticket set sla_deadline = null, sla_warning_at = null, sla_paused = false where account_id = :account and id = :ticket")
                .param("account", accountId).param("ticket", ticket).update();
    }

    @Test
    void aPolicyChangedOnOneNodeGovernsTheTicketsAnotherNodeOpensWithinSeconds() {
        String policy = policy("department_id", fx.department, "resolution_minutes", "240");
        String url = environment.getRequiredProperty("spring.datasource.url");
        try (var secondNode = TestNodes.start(url, List.of("atende.cache.sync-interval=100ms"), MovableClock.class)) {
            var there = new ApiClient(TestNodes.port(secondNode), tenant.writer().token());
            assertThat(resolutionMinutesOfATicketOpenedOn(there)).isEqualTo(240);

            ok(tenant.admin().post("/sla/update", "sla_id", policy, "resolution_minutes", "60"));
            awaitResolutionMinutes(there, 60L);

            ok(tenant.admin().post("/sla/delete", "sla_id", policy));
            awaitResolutionMinutes(there, null);
        }
    }

    /** The resolution target of a ticket opened through {@code client}, or null when no policy covers it. */
    Long resolutionMinutesOfATicketOpenedOn(ApiClient client) {
        var opened = ok(client.post("/ticket/new", "customer_id", "c-1", "department_id", fx.department, "subject", "Impressora",
                "message", "Não imprime"));
        JsonNode date = opened.data().get("sla").get("deadline").get("date");
        return date.isNull() ? null : Duration.between(CLOCK.instant(), instant(date)).toMinutes();
    }

    void awaitResolutionMinutes(ApiClient client, Long expected) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Long seen = resolutionMinutesOfATicketOpenedOn(client);
        while (!java.util.Objects.equals(seen, expected) && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = resolutionMinutesOfATicketOpenedOn(client);
        }
        assertThat(seen).as("the resolution target of a ticket the other node opens").isEqualTo(expected);
    }

    /** Every part of the application reads the clock the test moves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }
}
