package io.atende.api.v2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/sla.md, The ticket list: /ticket/list's sla_status filter and its order by the nearest SLA deadline, on a clock
 * the test moves. The policy counts round the clock, 100 minutes to resolve, at risk after 80.
 */
@ApiTest
@DirtiesContext
class SlaListApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Autowired
    TestTenants tenants;

    static void advance(int minutes) {
        CLOCK.advance(Duration.ofMinutes(minutes));
    }

    /** A fresh account with the policy for priorities 1 to 3 and its tickets 1 to 5, as the test needs them. */
    private TicketFixture accountWithClocks() {
        var fx = new TicketFixture(tenants.create());
        ok(fx.tenant.admin().post("/sla/new", "name", "Padrão", "priority", "1,2,3", "resolution_minutes", "100"));
        String supplier = ok(fx.tenant.writer().post("/status/new", "name", "Aguardando fornecedor", "pauses_sla", "1")).id();
        fx.openTicket("priority", "2");                       // 1: due at +100, breached at +110
        advance(20);
        fx.openTicket("priority", "2");                       // 2: due at +120, at risk from +100
        advance(30);
        fx.openTicket("priority", "2");                       // 3: due at +150, at risk from +130
        String paused = fx.openTicket("priority", "2");       // 4: paused by its status
        ok(fx.tenant.writer().post("/ticket/status/open", "ticket_id", paused, "status_id", supplier));
        fx.openTicket("priority", "4");                       // 5: no policy applies
        advance(60);
        return fx;
    }

    @Test
    void filtersByEachSlaStatusAtTheMomentOfTheQuery() {
        var fx = accountWithClocks();

        assertThat(fx.listedProtocols("sla_status", "breached")).containsExactly(1L);
        assertThat(fx.listedProtocols("sla_status", "at_risk")).containsExactly(2L);
        assertThat(fx.listedProtocols("sla_status", "ok")).containsExactly(3L);
        assertThat(fx.listedProtocols("sla_status", "paused")).containsExactly(4L);
        assertThat(fx.listedProtocols("sla_status", "AT_RISK, breached")).containsExactly(2L, 1L);
        assertThat(fx.listedProtocols("sla_status", "breached", "priority", "4")).isEmpty();
        assertThat(ok(fx.tenant.reader().get("/ticket/list", "sla_status", "at_risk")).json().get("size").asLong()).isEqualTo(1);

        advance(25);
        assertThat(fx.listedProtocols("sla_status", "breached")).as("time alone breaches").containsExactly(2L, 1L);
        assertThat(fx.listedProtocols("sla_status", "at_risk")).containsExactly(3L);
        assertThat(fx.listedProtocols("sla_status", "ok")).isEmpty();
    }

    @Test
    void sortsByTheNearestDeadlineWithTicketsWithoutOneLast() {
        var fx = accountWithClocks();

        List<Long> nearest = fx.listedProtocols("column", "sla_deadline");
        assertThat(nearest).startsWith(1L, 2L, 3L).hasSize(5);
        assertThat(nearest.subList(3, 5)).containsExactlyInAnyOrder(4L, 5L);
        assertThat(fx.listedProtocols("order_field", "sla_deadline")).isEqualTo(nearest);
        List<Long> farthest = fx.listedProtocols("column", "sla_deadline", "order", "DESC");
        assertThat(farthest).startsWith(3L, 2L, 1L);
        assertThat(farthest.subList(3, 5)).containsExactlyInAnyOrder(4L, 5L);
        assertThat(fx.listedProtocols("column", "sla_deadline", "sla_status", "at_risk,breached")).containsExactly(1L, 2L);
    }

    @Test
    void anUnknownStatusOrOrderIs400() {
        var fx = new TicketFixture(tenants.create());
        var late = fx.tenant.reader().get("/ticket/list", "sla_status", "ok,late");
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().toString()).contains("sla_status");
        assertThat(fx.tenant.reader().get("/ticket/list", "order_field", "deadline").status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsClocksAreNotListed() {
        var fx = accountWithClocks();
        var other = new TicketFixture(tenants.create());
        other.openTicket();

        assertThat(other.listedProtocols("sla_status", "ok,at_risk,breached,paused")).isEmpty();
        assertThat(fx.listedProtocols("sla_status", "breached")).containsExactly(1L);
        assertThat(other.listedProtocols("column", "sla_deadline")).containsExactly(1L);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }
}
