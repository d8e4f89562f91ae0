package io.atende.api.v2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.support.ApiClient;
import io.atende.support.FreshDatabase;
import io.atende.support.MutableClock;
import io.atende.support.TestClockConfiguration;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;
import io.atende.ticket.TicketEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.micrometer.core.instrument.MeterRegistry;

import static io.atende.api.v2.TicketFixture.ok;
import static io.atende.support.Await.await;
import static io.atende.support.Await.awaitPasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/automations.md, Time-based automations: two server instances on one database sweep with one lease between
 * them. Each automation acts on a matching ticket exactly once while both nodes try to sweep at every moment, and when
 * the node holding the lease stops in the middle of a sweep the other one takes over once the lease has expired on
 * the clock the test moves, not before.
 */
class AutomationSweepNodesTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));
    private static final List<String> SWEEP_OFTEN = List.of("atende.automation.sweep-interval=50ms");

    FreshDatabase database;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        database = FreshDatabase.create();
        Stall.reset();
    }

    @AfterEach
    void stopNodes() {
        Stall.released.countDown();
        nodes.forEach(ConfigurableApplicationContext::close);
        database.close();
    }

    private ConfigurableApplicationContext start(Class<?>... sources) {
        var node = TestNodes.start(database.url(), SWEEP_OFTEN, sources);
        nodes.add(node);
        return node;
    }

    private static String condition(String field, String operator, String value) {
        return "{\"field\": \"" + field + "\", \"operator\": \"" + operator + "\", \"value\": " + value + "}";
    }

    /** An automation that comments once on every ticket open for more than an hour: a second run would add a second comment. */
    private static String remind(ApiClient writer) {
        return ok(writer.post("/automation/new", "name", "Remind", "conditions", "[" + condition("hours_since_created", "greater_than", "1") + "]",
                "actions", "[{\"type\": \"comment\", \"value\": \"Still open: #{{ticket.protocol}}\"}]")).id();
    }

    private static int comments(ApiClient reader, String ticket) {
        return ok(reader.get("/ticket/detail", "ticket_id", ticket)).data().get("comments").size();
    }

    private static long runCount(ApiClient reader, String automation) {
        return ok(reader.get("/automation/list")).data().valueStream()
                .filter(rule -> rule.get("id").asString().equals(automation)).findFirst().orElseThrow().get("run_count").asLong();
    }

    /** Waits for the node's automation worker to start and end this many more sweeps. */
    private static void awaitSweeps(ConfigurableApplicationContext node, int count) {
        awaitPasses(node.getBean(MeterRegistry.class), "automations", count);
    }

    @Test
    void bothNodesSweepingAtEveryMomentActOnEachMatchingTicketExactlyOnce() {
        var first = start(MovableClock.class, TestTenants.class);
        var second = start(MovableClock.class);
        var tenant = first.getBean(TestTenants.class).create();
        var fixture = new TicketFixture(tenant);
        var there = new ApiClient(TestNodes.port(second), tenant.writer().token());
        String automation = remind(tenant.writer());
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            tickets.add(i % 2 == 0 ? fixture.openTicket("subject", "Pedido " + i)
                    : ok(there.post("/ticket/new", "customer_id", "c-1", "department_id", fixture.department, "subject", "Pedido " + i,
                            "message", "Não imprime")).json().get("ticket_id").asString());
        }

        CLOCK.advance(Duration.ofHours(2));
        await("a comment on every ticket", () -> tickets.stream().allMatch(ticket -> comments(tenant.reader(), ticket) >= 1));
        // Both nodes have since swept again (or found the other one sweeping) several times over the same tickets.
        awaitSweeps(first, 5);
        awaitSweeps(second, 5);

        assertThat(tickets).allSatisfy(ticket -> assertThat(comments(tenant.reader(), ticket)).as(ticket).isEqualTo(1));
        assertThat(runCount(tenant.reader(), automation)).isEqualTo(tickets.size());
    }

    @Test
    void whenTheNodeHoldingTheLeaseStopsMidSweepTheOtherTakesOverOnceTheLeaseHasExpired() {
        var stalling = start(MovableClock.class, TestTenants.class, Stall.class);
        var tenant = stalling.getBean(TestTenants.class).create();
        var fixture = new TicketFixture(tenant);
        String automation = remind(tenant.writer());
        List<String> tickets = List.of(fixture.openTicket("subject", "Um"), fixture.openTicket("subject", "Dois"),
                fixture.openTicket("subject", "Três"));

        // The first node's sweep acts on the oldest ticket, then hangs while it holds the sweep's lease.
        Stall.account.set(tenant.accountId());
        CLOCK.advance(Duration.ofHours(2));
        await("the first node to hang in its sweep", () -> Stall.stalled.getCount() == 0);
        var other = start(MovableClock.class);
        var there = new ApiClient(TestNodes.port(other), tenant.reader().token());
        assertThat(comments(there, tickets.get(0))).isEqualTo(1);

        // The lease holds for ten minutes of the clock: the other node keeps finding it taken.
        CLOCK.advance(Duration.ofMinutes(9));
        awaitSweeps(other, 5);
        assertThat(comments(there, tickets.get(1))).isZero();
        assertThat(comments(there, tickets.get(2))).isZero();

        CLOCK.advance(Duration.ofMinutes(2));
        await("the other node to take over", () -> comments(there, tickets.get(1)) == 1 && comments(there, tickets.get(2)) == 1);

        // The stalled node wakes up, finds its sweep's tickets already done, and stops: nothing is done twice.
        Stall.released.countDown();
        stalling.close();
        nodes.remove(stalling);
        awaitSweeps(other, 5);
        assertThat(tickets).allSatisfy(ticket -> assertThat(comments(there, ticket)).as(ticket).isEqualTo(1));
        assertThat(runCount(there, automation)).isEqualTo(3);
    }

    /** Every part of the node reads the clock the test moves. */
    @Configuration(proxyBeanMethods = false)
    static class MovableClock extends TestClockConfiguration {
        MovableClock() {
            super(CLOCK);
        }
    }

    /**
     * Makes the node's sweep hang once, after a rule's change to a ticket of the armed account has committed (so it
     * holds no row lock, only the sweep's lease), until the test releases it or the node stops.
     */
    static class Stall {

        static final AtomicReference<String> account = new AtomicReference<>();
        static volatile CountDownLatch stalled = new CountDownLatch(1);
        static volatile CountDownLatch released = new CountDownLatch(1);

        static void reset() {
            account.set(null);
            stalled = new CountDownLatch(1);
            released = new CountDownLatch(1);
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        void on(TicketEvent event) {
            String armed = account.get();
            // compareAndSet compares references: disarm with the armed string itself, once.
            if (Actors.current().kind() != Actor.Kind.RULE || !event.accountId().equals(armed) || !account.compareAndSet(armed, null)) {
                return;
            }
            stalled.countDown();
            try {
                released.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
