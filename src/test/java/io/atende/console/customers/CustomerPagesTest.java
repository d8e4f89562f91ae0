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

/** The console's customer pages: list and search, create, a customer's page with their tickets and chats, edit, delete. */
@ApiTest
class CustomerPagesTest {

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
    void listsCustomersAndFindsThemByNameEmailOrInternalId() {
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "CRM-77", "name", "João Souza", "email", "joao@acme.com.br"));

        var all = operator.get("/console/customers");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.document().select("table.list tbody tr")).hasSize(2);
        assertThat(all.document().select("header nav a[aria-current=page]").text()).isEqualTo("Clientes");

        for (String search : new String[] {"joao", "acme.com", "crm-77"}) {
            var found = operator.get("/console/customers?search=" + search);
            assertThat(found.document().select("table.list tbody tr")).as(search).hasSize(1);
            assertThat(found.text("table.list tbody td a")).isEqualTo("João Souza");
        }
        assertThat(operator.get("/console/customers?search=nobody").document().select("table.list")).isEmpty();
    }

    @Test
    void anOperatorCreatesACustomerWithCustomFieldsAndLandsOnTheirPage() {
        String plan = ok(fx.tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "customer", "type", "select",
                "options", "Ouro\nPrata", "required", "1")).id();
        String acme = ok(fx.tenant.writer().post("/organization/new", "name", "Acme")).id();
        operator.get("/console/customers");

        var created = operator.post("/console/customers", "internal_id", "CRM-9", "name", "Bia Lima", "email", "bia@example.com",
                "phone", "+55 11 5555", "organization_id", acme, "language", "EN_US", "active", "true",
                "allow_create_tickets", "true", "custom_field[" + plan + "]", "Prata");

        assertThat(created.status()).isEqualTo(302);
        var page = operator.get(created.redirectPath());
        assertThat(page.text("h1")).isEqualTo("Bia Lima");
        assertThat(page.document().selectFirst("#edit-name").attr("value")).isEqualTo("Bia Lima");
        assertThat(page.document().selectFirst("#edit-organization option[selected]").text()).isEqualTo("Acme");
        assertThat(page.document().selectFirst("#edit-field-" + plan + " option[selected]").text()).isEqualTo("Prata");
        var stored = fx.tenant.reader().get("/customer/details", "customer_id", "CRM-9").data().get(0);
        assertThat(stored.get("language").asString()).isEqualTo("en-US");
        assertThat(stored.get("phone").asString()).isEqualTo("+55 11 5555");
        assertThat(stored.get("custom_fields").get(0).get("value").asString()).isEqualTo("Prata");
    }

    @Test
    void aRefusedNewCustomerComesBackAsTypedWithTheMessageNextToTheField() {
        String plan = ok(fx.tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "customer", "type", "text",
                "required", "1")).id();
        operator.get("/console/customers");

        var taken = operator.post("/console/customers", "internal_id", "c-1", "name", "Outra Carla", "email", "outra@example.com",
                "language", "PT_BR", "custom_field[" + plan + "]", "Ouro");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("#create-customer")).isNotNull();
        assertThat(taken.text("section.panel p.error")).contains("c-1");
        assertThat(taken.document().selectFirst("#create-name").attr("value")).isEqualTo("Outra Carla");
        assertThat(taken.document().selectFirst("#create-field-" + plan).attr("value")).isEqualTo("Ouro");

        var invalid = operator.post("/console/customers", "internal_id", "c-2", "name", "Dora", "email", "not-an-address",
                "language", "PT_BR", "custom_field[" + plan + "]", "Ouro");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.document().selectFirst("#create-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(invalid.document().selectFirst("#create-email").attr("value")).isEqualTo("not-an-address");

        var missingField = operator.post("/console/customers", "internal_id", "c-2", "name", "Dora", "language", "PT_BR");
        assertThat(missingField.status()).isEqualTo(400);
        assertThat(missingField.document().selectFirst("#create-field-" + plan).attr("aria-invalid")).isEqualTo("true");
        assertThat(fx.tenant.reader().get("/customer/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void aCustomersPageShowsAllTheirTicketsAndChats() {
        fx.ticket("Primeiro");
        fx.ticket("Segundo");
        fx.chat("Olá");
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Outro"));
        ok(fx.tenant.writer().post("/ticket/new", "customer_id", "c-2", "department_id", fx.department, "subject", "Alheio",
                "message", "x"));

        var page = operator.get("/console/customers/" + fx.customer);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#customer-tickets tbody tr")).hasSize(2);
        assertThat(page.text("#customer-tickets")).contains("Primeiro", "Segundo", "Suporte").doesNotContain("Alheio");
        assertThat(page.document().select("#customer-chats tbody tr")).hasSize(1);
        assertThat(page.document().selectFirst("#customer-chats a").attr("href")).startsWith("/console/chats/");
    }

    @Test
    void theTicketPageLeadsToTheCustomersPage() {
        String ticket = fx.ticket("Primeiro");

        var page = operator.get("/console/tickets/" + ticket);

        assertThat(page.document().selectFirst("#customer-page").attr("href")).isEqualTo("/console/customers/" + fx.customer);
    }

    @Test
    void editsACustomerAndARefusalKeepsWhatWasTyped() {
        var page = operator.get("/console/customers/" + fx.customer);
        assertThat(page.document().selectFirst("#edit-internal-id").hasAttr("readonly")).isTrue();

        var saved = operator.post("/console/customers/" + fx.customer, "name", "Carla Nova", "email", "carla@example.com",
                "language", "ES_ES", "allow_create_tickets", "true");
        assertThat(saved.status()).isEqualTo(302);
        var stored = fx.tenant.reader().get("/customer/details", "customer_id", "c-1").data().get(0);
        assertThat(stored.get("name").asString()).isEqualTo("Carla Nova");
        assertThat(stored.get("active").asBoolean()).isFalse();
        assertThat(stored.get("language").asString()).isEqualTo("es_ES");

        operator.get("/console/customers/" + fx.customer);
        var refused = operator.post("/console/customers/" + fx.customer, "name", "", "email", "carla@example.com", "language", "PT_BR");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().selectFirst("#edit-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", "c-1").data().get(0).get("name").asString())
                .isEqualTo("Carla Nova");
    }

    @Test
    void anAdminDeletesACustomerWithoutTicketsAndSeesWhyOneWithTicketsStays() {
        String lone = ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Sozinha")).id();
        fx.ticket("Aberto");

        admin.get("/console/customers/" + fx.customer);
        var refused = admin.post("/console/customers/" + fx.customer + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("p.error")).isEqualTo("Este cliente tem chamados ou chats e não pode ser excluído.");
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", "c-1").status()).isEqualTo(200);

        var deleted = admin.post("/console/customers/" + lone + "/delete");
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.redirectPath()).isEqualTo("/console/customers");
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", "c-2").status()).isEqualTo(404);
    }

    @Test
    void operatorsEditButOnlyAdminsDelete() {
        String lone = ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Sozinha")).id();

        var page = operator.get("/console/customers/" + lone);
        assertThat(page.document().select("#delete-customer")).isEmpty();
        assertThat(operator.post("/console/customers/" + lone + "/delete").status()).isEqualTo(403);
        assertThat(admin.get("/console/customers/" + lone).document().select("#delete-customer")).hasSize(1);
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", "c-2").status()).isEqualTo(200);
    }

    @Test
    void changesNeedTheCsrfTokenAndAnotherAccountsCustomersAreUnknown() {
        operator.get("/console/customers");
        assertThat(operator.postWithoutCsrf("/console/customers", "internal_id", "x", "name", "X", "language", "PT_BR").status())
                .isEqualTo(403);

        var other = tenants.create();
        String theirs = ok(other.writer().post("/customer/new", "customer_id", "t-1", "name", "Deles")).id();
        assertThat(operator.get("/console/customers/" + theirs).status()).isEqualTo(404);
        assertThat(operator.get("/console/customers?search=deles").document().select("table.list")).isEmpty();
        operator.get("/console/customers");
        assertThat(operator.post("/console/customers/" + theirs, "name", "Hijack", "language", "PT_BR").status()).isEqualTo(404);
        admin.get("/console/customers");
        assertThat(admin.post("/console/customers/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(other.reader().get("/customer/details", "customer_id", "t-1").data().get(0).get("name").asString()).isEqualTo("Deles");
    }
}
