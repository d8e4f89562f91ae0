package io.atende.api.v2;

import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** /customer/delete and /organization/delete. */
@ApiTest
class CustomerDeletionApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    // --- /customer/delete

    @Test
    void deletesACustomerWithoutTicketsOrChatsAndFreesItsInternalIdAndEmail() {
        String field = tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "customer", "type", "text").id();
        String id = customer("CRM-1", "Ana", "ana@example.com", "custom_field[" + field + "]", "Ouro").id();
        customer("CRM-2", "Bia", "bia@example.com");

        var deleted = tenant.writer().post("/customer/delete", "customer_id", "CRM-1");

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.message()).isEqualTo("Customer deleted.");
        assertThat(deleted.data().asBoolean()).isTrue();
        assertThat(tenant.reader().get("/customer/details", "customer_id", id).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/customer/list", "search", "ana").json().get("size").asInt()).isZero();
        assertThat(tenant.reader().get("/customer/list").json().get("size").asInt()).isEqualTo(1);
        assertThat(customer("CRM-1", "Ana de novo", "ana@example.com").status()).isEqualTo(200);
    }

    @Test
    void findsTheCustomerToDeleteByEmailOrOwnId() {
        customer("CRM-1", "Ana", "ana@example.com");
        String bia = customer("CRM-2", "Bia", "bia@example.com").id();

        assertThat(tenant.writer().post("/customer/delete", "customer_id", "ANA@example.com", "customer_type_id", "E").status())
                .isEqualTo(200);
        assertThat(tenant.writer().post("/customer/delete", "customer_id", bia).status()).isEqualTo(200);
        assertThat(tenant.reader().get("/customer/list").json().get("size").asInt()).isZero();
    }

    @Test
    void refusesWhileTheCustomerHasATicket() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        customer("CRM-1", "Ana", "ana@example.com");
        assertThat(tenant.writer().post("/ticket/new", "customer_id", "CRM-1", "department_id", department, "subject", "Ajuda",
                "message", "Olá").status()).isEqualTo(200);

        var refused = tenant.writer().post("/customer/delete", "customer_id", "CRM-1");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asBoolean()).isTrue();
        assertThat(refused.message()).isEqualTo("This customer has tickets or chats and cannot be deleted.");
        assertThat(tenant.reader().get("/customer/details", "customer_id", "CRM-1").status()).isEqualTo(200);
    }

    @Test
    void refusesWhileTheCustomerHasAChat() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        customer("CRM-1", "Ana", "ana@example.com");
        assertThat(tenant.writer().post("/chat/new", "customer_id", "CRM-1", "department_id", department, "message", "Olá").status())
                .isEqualTo(200);

        assertThat(tenant.writer().post("/customer/delete", "customer_id", "CRM-1").status()).isEqualTo(409);
        assertThat(tenant.reader().get("/customer/details", "customer_id", "CRM-1").status()).isEqualTo(200);
    }

    @Test
    void customerDeleteNeedsACustomerIdAValidFlagAndAWriteToken() {
        customer("CRM-1", "Ana", "ana@example.com");

        assertThat(tenant.writer().post("/customer/delete").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/delete", "customer_id", "CRM-1", "customer_type_id", "X").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/delete", "customer_id", "nobody").status()).isEqualTo(404);
        assertThat(tenant.reader().post("/customer/delete", "customer_id", "CRM-1").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/customer/delete", "customer_id", "CRM-1").status()).isEqualTo(401);
        assertThat(tenant.writer().get("/customer/delete", "customer_id", "CRM-1").status()).isEqualTo(405);
        assertThat(tenant.reader().get("/customer/details", "customer_id", "CRM-1").status()).isEqualTo(200);
    }

    @Test
    void anotherAccountCannotDeleteTheCustomer() {
        String id = customer("CRM-1", "Ana", "ana@example.com").id();
        var other = tenants.create();

        assertThat(other.writer().post("/customer/delete", "customer_id", id).status()).isEqualTo(404);
        assertThat(other.writer().post("/customer/delete", "customer_id", "CRM-1").status()).isEqualTo(404);
        assertThat(other.writer().post("/customer/delete", "customer_id", "ana@example.com", "customer_type_id", "E").status())
                .isEqualTo(404);
        assertThat(tenant.reader().get("/customer/details", "customer_id", id).status()).isEqualTo(200);
    }

    // --- /organization/delete

    @Test
    void deletingAnOrganizationKeepsItsCustomersWithoutOne() {
        String acme = organization("Acme", null);
        String other = organization("Other", null);
        customer("CRM-1", "Ana", "ana@example.com", "organization_id", acme);
        customer("CRM-2", "Bia", "bia@example.com", "organization_id", other);

        var deleted = tenant.writer().post("/organization/delete", "organization_id", acme);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.message()).isEqualTo("Organization deleted.");
        assertThat(tenant.reader().get("/organization/details", "organization_id", acme).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/organization/list").json().get("size").asInt()).isEqualTo(1);
        var ana = tenant.reader().get("/customer/details", "customer_id", "CRM-1").data().get(0);
        assertThat(ana.get("organization").get("id").isNull()).isTrue();
        var bia = tenant.reader().get("/customer/details", "customer_id", "CRM-2").data().get(0);
        assertThat(bia.get("organization").get("id").asString()).isEqualTo(other);
        assertThat(organization("Acme", null)).isNotNull();
    }

    @Test
    void refusesToDeleteAnOrganizationWithChildOrganizations() {
        String holding = organization("Holding", null);
        String branch = organization("Branch", holding);
        customer("CRM-1", "Ana", "ana@example.com", "organization_id", holding);

        var refused = tenant.writer().post("/organization/delete", "organization_id", holding);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("child organizations");
        assertThat(tenant.reader().get("/customer/details", "customer_id", "CRM-1").data().get(0).get("organization").get("id")
                .asString()).isEqualTo(holding);
        assertThat(tenant.writer().post("/organization/delete", "organization_id", branch).status()).isEqualTo(200);
        assertThat(tenant.writer().post("/organization/delete", "organization_id", holding).status()).isEqualTo(200);
    }

    @Test
    void refusesToDeleteAnOrganizationAnSlaPolicyNames() {
        String acme = organization("Acme", null);
        String policy = tenant.admin().post("/sla/new", "name", "Acme", "organization_id", acme, "first_reply_minutes", "60").id();

        var refused = tenant.writer().post("/organization/delete", "organization_id", acme);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("SLA policy");
        assertThat(tenant.admin().post("/sla/delete", "sla_id", policy).status()).isEqualTo(200);
        assertThat(tenant.writer().post("/organization/delete", "organization_id", acme).status()).isEqualTo(200);
    }

    @Test
    void organizationDeleteNeedsAnIdAndAWriteTokenAndSeesOnlyItsAccount() {
        String acme = organization("Acme", null);
        var other = tenants.create();

        assertThat(tenant.writer().post("/organization/delete").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/organization/delete", "organization_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.reader().post("/organization/delete", "organization_id", acme).status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/organization/delete", "organization_id", acme).status()).isEqualTo(401);
        assertThat(other.writer().post("/organization/delete", "organization_id", acme).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/organization/details", "organization_id", acme).status()).isEqualTo(200);
    }

    @Test
    void webhooksTellThatTheOrganizationsCustomerChangedAndThenThatTheCustomerWasDeleted() {
        try (var receiver = new WebhookReceiver()) {
            var subscribed = tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard",
                    "events", "customer.updated,customer.deleted");
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(200);
            String acme = organization("Acme", null);
            String id = customer("CRM-1", "Ana", "ana@example.com", "organization_id", acme).id();

            assertThat(tenant.writer().post("/organization/delete", "organization_id", acme).status()).isEqualTo(200);
            assertThat(tenant.writer().post("/customer/delete", "customer_id", "CRM-1").status()).isEqualTo(200);

            var received = receiver.awaitCount(2);
            var updated = ApiClient.parse(received.get(0).text());
            assertThat(updated.get("type").asString()).isEqualTo("customer.updated");
            assertThat(updated.get("data").get("id").asString()).isEqualTo(id);
            assertThat(updated.get("data").get("organization").get("id").isNull()).isTrue();
            var deleted = ApiClient.parse(received.get(1).text());
            assertThat(deleted.get("type").asString()).isEqualTo("customer.deleted");
            assertThat(deleted.get("data").get("id").asString()).isEqualTo(id);
            assertThat(deleted.get("data").has("name")).isFalse();
        }
    }

    private ApiResponse customer(String internalId, String name, String email, String... more) {
        String[] params = new String[6 + more.length];
        params[0] = "customer_id";
        params[1] = internalId;
        params[2] = "name";
        params[3] = name;
        params[4] = "email";
        params[5] = email;
        System.arraycopy(more, 0, params, 6, more.length);
        var created = tenant.writer().post("/customer/new", params);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created;
    }

    private String organization(String name, String parent) {
        var created = parent == null ? tenant.writer().post("/organization/new", "name", name)
                : tenant.writer().post("/organization/new", "name", name, "parent_id", parent);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.id();
    }
}
