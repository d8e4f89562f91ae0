package io.atende.api.v2;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search counts its matches only up to a cap (1,000 by default, 5 here): beyond it {@code size} is the cap,
 * the list says so with {@code size_capped}, and the pages stop there.
 */
@ApiTest
@TestPropertySource(properties = "atende.tickets.search-count-cap=5")
class TicketSearchCountApiTest {

    @Autowired
    TestTenants tenants;

    @Test
    void countsSearchMatchesUpToTheCapAndSaysSo() {
        var fx = new TicketFixture(tenants.create());
        for (int i = 0; i < 7; i++) {
            fx.openTicket("subject", "Impressora " + i);
        }
        fx.openTicket("subject", "Rede");

        var capped = ok(fx.tenant.reader().get("/ticket/list", "search", "impressora")).json();
        assertThat(capped.get("size").asLong()).isEqualTo(5);
        assertThat(capped.get("pages").asInt()).isEqualTo(1);
        assertThat(capped.get("data")).hasSize(5);
        assertThat(capped.get("size_capped").asBoolean()).isTrue();
        assertThat(fx.tenant.reader().get("/ticket/list", "search", "impressora", "page", "2").status()).isEqualTo(404);

        var exact = ok(fx.tenant.reader().get("/ticket/list", "search", "rede")).json();
        assertThat(exact.get("size").asLong()).isEqualTo(1);
        assertThat(exact.has("size_capped")).isFalse();
        // Lists without a search always count exactly.
        var all = ok(fx.tenant.reader().get("/ticket/list")).json();
        assertThat(all.get("size").asLong()).isEqualTo(8);
        assertThat(all.has("size_capped")).isFalse();
    }
}
