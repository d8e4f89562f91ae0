package io.atende.api.v2;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a search the planner expects many matches of is not counted: a full page stands for "at least the
 * cap" and a short one gives the exact size. Here every search is expected to match enough (uncounted from 1), so
 * the answers must be those a count gives (cap 5, as in TicketSearchCountApiTest); H2 always counts.
 */
@ApiTest
@TestPropertySource(properties = {"atende.tickets.search-count-cap=5", "atende.tickets.search-uncounted-from=1"})
class TicketSearchUncountedApiTest {

    @Autowired
    TestTenants tenants;

    @Test
    void answersTheSizesACountWouldWithoutCounting() {
        var fx = new TicketFixture(tenants.create());
        for (int i = 0; i < 7; i++) {
            fx.openTicket("subject", "Impressora " + i);
        }
        fx.openTicket("subject", "Rede", "message", "Sem sinal");
        fx.openTicket("subject", "Rede", "message", "Cabo solto");

        var capped = ok(fx.tenant.reader().get("/ticket/list", "search", "impressora")).json();
        assertThat(capped.get("size").asLong()).isEqualTo(5);
        assertThat(capped.get("pages").asInt()).isEqualTo(1);
        assertThat(capped.get("data")).hasSize(5);
        assertThat(capped.get("data").get(0).get("protocol").asLong()).isEqualTo(7);
        assertThat(capped.get("size_capped").asBoolean()).isTrue();
        assertThat(fx.tenant.reader().get("/ticket/list", "search", "impressora", "page", "2").status()).isEqualTo(404);

        var shortPage = ok(fx.tenant.reader().get("/ticket/list", "search", "rede")).json();
        assertThat(shortPage.get("size").asLong()).isEqualTo(2);
        assertThat(shortPage.get("data")).hasSize(2);
        assertThat(shortPage.has("size_capped")).isFalse();

        // Both words exist in the account, never in one ticket: the page is empty and the count says so.
        var none = ok(fx.tenant.reader().get("/ticket/list", "search", "impressora cabo")).json();
        assertThat(none.get("size").asLong()).isZero();
        assertThat(none.get("data")).isEmpty();
        assertThat(ok(fx.tenant.reader().get("/ticket/list", "search", "impressora cabo", "page", "2")).data()).isEmpty();
    }
}
