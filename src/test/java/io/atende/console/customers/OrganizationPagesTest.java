package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's organization pages: list, create, edit, members, delete. */
@ApiTest
class OrganizationPagesTest {

    @Autowired
    TestTenants tenants;

    DeskFixture fx;
    BrowserSession operator;
    BrowserSession admin;

    @BeforeEach
    void newDesk() {
        fx = new DeskFixture(tenants);
        operator = fx.session;
        admin = tenants.signedIn(fx.tenant.accountId(), OperatorRole.ADMIN).session();
    }

    @Test
    void createsAnOrganizationBelowAnotherAndListsThemByName() {
        String holding = ok(fx.tenant.writer().post("/organization/new", "name", "Holding")).id();
        operator.get("/console/organizations");

        var created = operator.post("/console/organizations", "name", "Filial", "parent_id", holding);

        assertThat(created.status()).isEqualTo(302);
        var page = operator.get(created.redirectPath());
        assertThat(page.text("h1")).isEqualTo("Filial");
        assertThat(page.document().selectFirst("#edit-parent option[selected]").text()).isEqualTo("Holding");
        var list = operator.get("/console/organizations");
        assertThat(list.document().select("#organization-list tbody tr")).hasSize(2);
        assertThat(list.text("#organization-list tbody tr")).startsWith("Filial Holding");
    }

    @Test
    void aRefusedOrganizationComesBackAsTyped() {
        ok(fx.tenant.writer().post("/organization/new", "name", "Acme"));
        operator.get("/console/organizations");

        var taken = operator.post("/console/organizations", "name", "ACME");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("p.error")).contains("ACME");
        assertThat(taken.document().selectFirst("#create-name").attr("value")).isEqualTo("ACME");

        var empty = operator.post("/console/organizations", "name", "  ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.document().selectFirst("#create-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(fx.tenant.reader().get("/organization/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void showsMembersOfTheOrganizationAndOfItsChildrenAndRefusesACycle() {
        String holding = ok(fx.tenant.writer().post("/organization/new", "name", "Holding")).id();
        String branch = ok(fx.tenant.writer().post("/organization/new", "name", "Filial", "parent_id", holding)).id();
        ok(fx.tenant.writer().post("/customer/update", "customer_id", "c-1", "organization_id", branch));
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Direta", "organization_id", holding));

        var page = operator.get("/console/organizations/" + holding);
        assertThat(page.document().select("#organization-members tbody tr")).hasSize(2);
        assertThat(page.text("#organization-members")).contains("Carla Cliente", "Direta", "Filial");

        var cycle = operator.post("/console/organizations/" + holding, "name", "Holding", "parent_id", branch);
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.text("p.error")).isNotBlank();
        var renamed = operator.post("/console/organizations/" + holding, "name", "Holding SA", "parent_id", "");
        assertThat(renamed.status()).isEqualTo(302);
        assertThat(fx.tenant.reader().get("/organization/details", "organization_id", holding).data().get("name").asString())
                .isEqualTo("Holding SA");
    }

    @Test
    void anAdminDeletesAnOrganizationItsCustomersStayAndAParentWithChildrenIsRefused() {
        String holding = ok(fx.tenant.writer().post("/organization/new", "name", "Holding")).id();
        String branch = ok(fx.tenant.writer().post("/organization/new", "name", "Filial", "parent_id", holding)).id();
        ok(fx.tenant.writer().post("/customer/update", "customer_id", "c-1", "organization_id", branch));

        assertThat(operator.get("/console/organizations/" + branch).document().select("#delete-organization")).isEmpty();
        assertThat(operator.post("/console/organizations/" + branch + "/delete").status()).isEqualTo(403);

        admin.get("/console/organizations/" + holding);
        var refused = admin.post("/console/organizations/" + holding + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("p.error")).contains("organizações filhas");

        var deleted = admin.post("/console/organizations/" + branch + "/delete");
        assertThat(deleted.status()).isEqualTo(302);
        var carla = fx.tenant.reader().get("/customer/details", "customer_id", "c-1").data().get(0);
        assertThat(carla.get("organization").get("id").isNull()).isTrue();
    }

    @Test
    void anotherAccountsOrganizationsAreUnknown() {
        var other = tenants.create();
        String theirs = ok(other.writer().post("/organization/new", "name", "Deles")).id();

        assertThat(operator.get("/console/organizations/" + theirs).status()).isEqualTo(404);
        operator.get("/console/organizations");
        assertThat(operator.post("/console/organizations/" + theirs, "name", "Hijack").status()).isEqualTo(404);
        assertThat(operator.post("/console/organizations", "name", "Minha", "parent_id", theirs).status()).isEqualTo(404);
        admin.get("/console/organizations");
        assertThat(admin.post("/console/organizations/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(other.reader().get("/organization/details", "organization_id", theirs).data().get("name").asString()).isEqualTo("Deles");
    }
}
