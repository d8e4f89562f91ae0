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

/** docs/data-protection.md: an admin anonymizes a customer from their page, after a confirmation naming the consequences. */
@ApiTest
class CustomerAnonymizePageTest {

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
    void anAdminConfirmsTheConsequencesAndTheCustomerIsAnonymizedOnce() {
        fx.ticket("Aberto");
        var page = admin.get("/console/customers/" + fx.customer);
        assertThat(page.document().select("#anonymize-consequences li")).hasSize(4);
        assertThat(page.document().select("#anonymize-confirm[required]")).hasSize(1);

        var unconfirmed = admin.post("/console/customers/" + fx.customer + "/anonymize");
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.text("p.error")).isEqualTo("Marque a caixa para confirmar que os dados pessoais podem ser apagados.");
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", fx.customer).data().get(0).get("name").asString())
                .isNotEqualTo("Anonymized");

        var done = admin.post("/console/customers/" + fx.customer + "/anonymize", "confirm", "1");
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.redirectPath()).isEqualTo("/console/customers/" + fx.customer);
        var after = admin.get("/console/customers/" + fx.customer);
        assertThat(after.document().select("#anonymized-note")).hasSize(1);
        assertThat(after.document().select("#anonymize-customer")).isEmpty();
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", fx.customer).data().get(0).get("name").asString())
                .isEqualTo("Anonymized");

        var again = admin.post("/console/customers/" + fx.customer + "/anonymize", "confirm", "1");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("p.error")).isEqualTo("Este cliente já foi anonimizado.");
    }

    @Test
    void operatorsCannotAnonymizeNorAnotherAccountsAdmin() {
        assertThat(operator.get("/console/customers/" + fx.customer).document().select("#anonymize-customer")).isEmpty();
        assertThat(operator.post("/console/customers/" + fx.customer + "/anonymize", "confirm", "1").status()).isEqualTo(403);
        var other = tenants.create();
        var otherAdmin = tenants.signedIn(other.accountId(), OperatorRole.ADMIN).session();
        otherAdmin.get("/console/customers");
        assertThat(otherAdmin.post("/console/customers/" + fx.customer + "/anonymize", "confirm", "1").status()).isEqualTo(404);
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", fx.customer).data().get(0).get("name").asString())
                .isNotEqualTo("Anonymized");
    }
}
