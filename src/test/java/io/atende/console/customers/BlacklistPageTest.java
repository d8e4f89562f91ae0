package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's blacklist page: list, add, remove, refusals in place, and one account's list only. */
@ApiTest
class BlacklistPageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture fx;
    BrowserSession operator;

    @BeforeEach
    void newDesk() {
        fx = new DeskFixture(tenants);
        operator = fx.session;
    }

    @Test
    void anOperatorBlacklistsAnAddressAndTheCustomerCanNoLongerOpenTickets() {
        operator.get("/console/customers/blacklist");

        var added = operator.post("/console/customers/blacklist", "email", "Carla@Example.com");

        assertThat(added.status()).isEqualTo(302);
        var page = operator.get(added.redirectPath());
        assertThat(page.document().select("#blacklist tbody tr")).hasSize(1);
        assertThat(page.text("#blacklist tbody td")).isEqualTo("carla@example.com");
        assertThat(fx.tenant.reader().get("/customer/blacklist/search", "email", "carla@example.com").data().asBoolean()).isTrue();
        assertThat(fx.tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", fx.department, "subject", "x",
                "message", "x").status()).isEqualTo(409);

        var removed = operator.post("/console/customers/blacklist/remove", "email", "carla@example.com");
        assertThat(removed.status()).isEqualTo(302);
        assertThat(operator.get("/console/customers/blacklist").document().select("#blacklist")).isEmpty();
        assertThat(fx.tenant.reader().get("/customer/blacklist/search", "email", "carla@example.com").data().asBoolean()).isFalse();
    }

    @Test
    void aBadOrRepeatedAddressIsRefusedNextToTheFormAsTyped() {
        ok(fx.tenant.writer().post("/customer/blacklist/add", "email", "spam@example.com"));
        operator.get("/console/customers/blacklist");

        var malformed = operator.post("/console/customers/blacklist", "email", "not-an-address");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.document().selectFirst("#blacklist-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(malformed.document().selectFirst("#blacklist-email").attr("value")).isEqualTo("not-an-address");

        var repeated = operator.post("/console/customers/blacklist", "email", "SPAM@example.com");
        assertThat(repeated.status()).isEqualTo(409);
        assertThat(repeated.text("section.panel p.error")).contains("SPAM@example.com");

        var absent = operator.post("/console/customers/blacklist/remove", "email", "other@example.com");
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.text("p.error")).contains("other@example.com");
        assertThat(operator.get("/console/customers/blacklist").document().select("#blacklist tbody tr")).hasSize(1);
    }

    @Test
    void eachAccountSeesAndChangesOnlyItsOwnList() {
        var other = tenants.create();
        ok(other.writer().post("/customer/blacklist/add", "email", "theirs@example.com"));

        assertThat(operator.get("/console/customers/blacklist").document().select("#blacklist")).isEmpty();
        assertThat(operator.post("/console/customers/blacklist/remove", "email", "theirs@example.com").status()).isEqualTo(404);
        assertThat(operator.postWithoutCsrf("/console/customers/blacklist", "email", "x@example.com").status()).isEqualTo(403);
        assertThat(other.reader().get("/customer/blacklist/search", "email", "theirs@example.com").data().asBoolean()).isTrue();
    }
}
