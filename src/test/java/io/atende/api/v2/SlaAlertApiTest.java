package io.atende.api.v2;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestClockConfiguration;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/sla.md, Alerts: ticket.sla_warning when a target has counted its warning share, ticket.sla_breached when its
 * deadline passes unmet, each once per target and cycle, from whichever node, as a webhook receiver sees them. The
 * clock is the test's; the policies count round the clock. Where an alert must not come, a later alert of another
 * ticket that fell due after it is awaited first, so its absence is seen after a round that would have sent it.
 */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = "atende.sla.alert-interval=100ms")
class SlaAlertApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Autowired
    TestTenants tenants;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    TicketFixture fx;
    WebhookReceiver receiver;
    String webhook;

    @BeforeEach
    void setUp() {
        tenant = tenants.create();
        fx = new TicketFixture(tenant);
        receiver = new WebhookReceiver();
        var subscribed = tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard",
                "events", "ticket.sla_warning,ticket.sla_breached");
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(200);
        webhook = subscribed.id();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    void policy(String... params) {
        String[] all = new String[params.length + 2];
        all[0] = "name";
        all[1] = "Policy " + System.nanoTime();
        System.arraycopy(params, 0, all, 2, params.length);
        ok(tenant.admin().post("/sla/new", all));
    }

    static void advance(int minutes) {
        CLOCK.advance(Duration.ofMinutes(minutes));
    }

    /** The alerts received so far as "event ticket", in the order they came. */
    List<String> alerts() {
        return receiver.received().stream().map(request -> {
            JsonNode body = ApiClient.parse(request.text());
            return body.get("type").asString() + " " + body.get("data").get("id").asString();
        }).toList();
    }

    /**
     * The alerts the outbox holds for the subscription, as "event ticket": what the alert transactions committed. Once
     * an alert has arrived, every alert due before it is here too (the worker takes them earliest first), whereas
     * deliveries of different tickets may arrive in any order.
     */
    List<String> queued() {
        var response = tenant.admin().get("/webhook/delivery/list", "webhook_id", webhook);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var queued = new java.util.ArrayList<String>();
        for (JsonNode delivery : response.data()) {
            JsonNode subject = delivery.has("subject_id") ? delivery.get("subject_id") : delivery.get("subjectId");
            queued.add(delivery.get("event").asString() + " " + subject.asString());
        }
        return queued;
    }

    List<String> awaitAlerts(Predicate<List<String>> condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            var alerts = alerts();
            if (condition.test(alerts)) {
                return alerts;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("alerts not as expected within 20 s: " + alerts());
    }

    @Test
    void aTargetWarnsAtItsShareAndBreachesAtItsDeadlineEachOnce() {
        policy("first_reply_minutes", "60", "warning_percent", "50");
        String ticket = fx.linkedTicket();

        advance(31);
        assertThat(awaitAlerts(alerts -> !alerts.isEmpty())).containsExactly("ticket.sla_warning " + ticket);
        JsonNode warned = ApiClient.parse(receiver.received().get(0).text()).get("data");
        assertThat(warned.get("protocol").asLong()).isPositive();
        // A change of the ticket recomputes its clocks; the warning already sent stays sent.
        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Alguma novidade?"));

        advance(30);
        assertThat(awaitAlerts(alerts -> alerts.size() >= 2))
                .containsExactly("ticket.sla_warning " + ticket, "ticket.sla_breached " + ticket);

        String later = fx.linkedTicket();
        advance(120);
        awaitAlerts(received -> received.contains("ticket.sla_breached " + later));
        assertThat(queued()).filteredOn(alert -> alert.endsWith(ticket)).as("each once")
                .containsExactlyInAnyOrder("ticket.sla_warning " + ticket, "ticket.sla_breached " + ticket);
    }

    @Test
    void aMetTargetAndAPausedOneRaiseNoAlertAndAResumedOneCountsOn() {
        policy("first_reply_minutes", "60", "resolution_minutes", "100", "warning_percent", "50");
        String ticket = fx.linkedTicket();
        advance(10);
        // The reply meets the first reply; the ticket now waits for the customer, which pauses the resolution.
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Já verifico"));

        String barrier = fx.linkedTicket();
        advance(200);
        awaitAlerts(received -> received.contains("ticket.sla_breached " + barrier));
        assertThat(queued()).filteredOn(alert -> alert.endsWith(ticket)).isEmpty();

        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Ainda não imprime"));
        advance(39);
        String second = fx.linkedTicket();
        advance(31);
        awaitAlerts(received -> received.contains("ticket.sla_warning " + second));
        assertThat(queued()).filteredOn(alert -> alert.endsWith(ticket)).as("resolution at 10 + 39 + 31 of 100 minutes")
                .containsExactly("ticket.sla_warning " + ticket);
    }

    @Test
    void theNextReplyTargetWarnsAgainInANewCycle() {
        policy("next_reply_minutes", "20", "warning_percent", "50");
        String ticket = fx.linkedTicket();
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Olá"));
        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Ainda não"));
        advance(11);
        awaitAlerts(alerts -> alerts.contains("ticket.sla_warning " + ticket));
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Verificando"));
        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Nada ainda"));
        advance(11);
        assertThat(awaitAlerts(alerts -> alerts.size() >= 2))
                .containsExactly("ticket.sla_warning " + ticket, "ticket.sla_warning " + ticket);
    }

    @Test
    void aTicketAdoptedWithoutClocksIsNotAlertedForItsPastButForWhatComesAfter() {
        policy("first_reply_minutes", "60", "resolution_minutes", "240", "warning_percent", "50");
        String ticket = fx.linkedTicket();
        SlaClockApiTest.forgetClocks(jdbc, tenant.accountId(), ticket);
        advance(90);
        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Alguém aí?"));

        advance(31);
        awaitAlerts(alerts -> alerts.contains("ticket.sla_warning " + ticket));
        assertThat(queued()).as("the first reply's warning and breach fell before the ticket had clocks; the resolution's warning after")
                .containsExactly("ticket.sla_warning " + ticket);
    }

    @Test
    void twoNodesOnOneDatabasePublishEachAlertOnce() {
        policy("first_reply_minutes", "60", "warning_percent", "50");
        String url = environment.getRequiredProperty("spring.datasource.url");
        try (var secondNode = TestNodes.start(url, List.of("atende.sla.alert-interval=50ms"), MovableClock.class)) {
            var tickets = new java.util.ArrayList<String>();
            for (int i = 0; i < 10; i++) {
                tickets.add(fx.linkedTicket());
            }
            advance(61);
            awaitAlerts(alerts -> alerts.size() >= 20);
            assertThat(queued()).hasSize(20);
            String barrier = fx.linkedTicket();
            advance(61);
            awaitAlerts(received -> received.contains("ticket.sla_breached " + barrier));
            var alerts = queued();
            for (String ticket : tickets) {
                assertThat(alerts).filteredOn(alert -> alert.endsWith(ticket))
                        .containsExactlyInAnyOrder("ticket.sla_warning " + ticket, "ticket.sla_breached " + ticket);
            }
        }
    }

    @Test
    void aTomTicketSubscriptionHearsOfTheAlertsAsUpdatesOfTheTicketAndAnotherAccountHearsNothing() {
        try (var tomticket = new WebhookReceiver(); var elsewhere = new WebhookReceiver()) {
            var subscribed = tenant.admin().post("/webhook/new", "url", tomticket.url(), "format", "tomticket",
                    "events", "ticket.sla_breached");
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(200);
            Tenant other = tenants.create();
            var otherSubscribed = other.admin().post("/webhook/new", "url", elsewhere.url(), "format", "standard",
                    "events", "ticket.sla_warning,ticket.sla_breached");
            assertThat(otherSubscribed.status()).as(otherSubscribed.toString()).isEqualTo(200);
            policy("first_reply_minutes", "60", "warning_percent", "50");
            String ticket = fx.linkedTicket();

            advance(61);
            awaitAlerts(alerts -> alerts.size() >= 2);
            assertThat(queued()).containsExactlyInAnyOrder("ticket.sla_warning " + ticket, "ticket.sla_breached " + ticket);
            assertThat(tomticket.awaitCount(1)).extracting(WebhookReceiver.Received::text).singleElement()
                    .isEqualTo("{\"type\":\"ticket\",\"id\":\"" + ticket + "\",\"action\":\"updated\"}");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    /** Every part of the application, on either node, reads the clock the test moves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock extends TestClockConfiguration {
        MovableClock() {
            super(CLOCK);
        }
    }
}
