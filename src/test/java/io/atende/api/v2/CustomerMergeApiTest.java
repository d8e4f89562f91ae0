package io.atende.api.v2;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Merging customers: /customer/merge moves customer_id's tickets and chats to into_customer_id. */
@ApiTest
class CustomerMergeApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String department;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
    }

    @Test
    void theMergedCustomersTicketsAndChatsMoveAndItIsDeleted() {
        String field = tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "customer", "type", "text").id();
        String duplicate = customer("CRM-9", "Ana (duplicate)", "ana.old@example.com", "custom_field[" + field + "]", "Ouro").id();
        String kept = customer("CRM-1", "Ana", "ana@example.com").id();
        String ticket = tenant.writer().post("/ticket/new", "customer_id", "CRM-9", "department_id", department,
                "subject", "Ajuda", "message", "Olá").json().get("ticket_id").asString();
        assertThat(tenant.writer().post("/chat/new", "customer_id", "CRM-9", "department_id", department, "message", "Oi").status())
                .isEqualTo(200);

        var merged = tenant.writer().post("/customer/merge", "customer_id", "CRM-9", "into_customer_id", "CRM-1");

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.message()).isEqualTo("Customers merged.");
        assertThat(merged.data().get("id").asString()).isEqualTo(kept);
        assertThat(merged.data().get("name").asString()).isEqualTo("Ana");
        assertThat(merged.data().get("custom_fields").get(0).get("value").asString()).isEqualTo("Ouro");
        assertThat(tenant.reader().get("/customer/details", "customer_id", duplicate).status()).isEqualTo(404);
        var detail = tenant.reader().get("/ticket/detail", "ticket_id", ticket).data();
        assertThat(detail.get("customer").get("id").asString()).isEqualTo(kept);
        assertThat(tenant.reader().get("/chat/list", "customer_id", "CRM-1").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void eitherCustomerMayBeNamedByEmailOrOwnId() {
        String duplicate = customer("CRM-9", "Ana (duplicate)", "ana.old@example.com").id();
        String kept = customer("CRM-1", "Ana", "ana@example.com").id();

        var merged = tenant.writer().post("/customer/merge", "customer_id", "ANA.OLD@example.com", "customer_type_id", "E",
                "into_customer_id", kept);

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(tenant.reader().get("/customer/exists", "customer_id", duplicate).data().asBoolean()).isFalse();
        String third = customer("CRM-3", "Ana (third)", "ana3@example.com").id();
        assertThat(tenant.writer().post("/customer/merge", "customer_id", third, "into_customer_id", "ana@example.com",
                "into_customer_type_id", "E").status()).isEqualTo(200);
        assertThat(tenant.reader().get("/customer/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void refusesToMergeACustomerIntoItselfAndChangesNothing() {
        String id = customer("CRM-1", "Ana", "ana@example.com").id();

        var refused = tenant.writer().post("/customer/merge", "customer_id", "CRM-1", "into_customer_id", "ana@example.com",
                "into_customer_type_id", "E");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).isEqualTo("A customer cannot be merged into itself.");
        assertThat(tenant.reader().get("/customer/details", "customer_id", id).status()).isEqualTo(200);
    }

    @Test
    void bothCustomersMustBeGivenAndKnown() {
        customer("CRM-1", "Ana", "ana@example.com");

        assertThat(tenant.writer().post("/customer/merge", "customer_id", "CRM-1").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/merge", "into_customer_id", "CRM-1").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/merge", "customer_id", "CRM-1", "into_customer_id", "CRM-2",
                "into_customer_type_id", "X").status()).isEqualTo(400);
        var unknownInto = tenant.writer().post("/customer/merge", "customer_id", "CRM-1", "into_customer_id", "nobody");
        assertThat(unknownInto.status()).isEqualTo(404);
        assertThat(unknownInto.message()).isEqualTo("Customer not found.");
        assertThat(tenant.writer().post("/customer/merge", "customer_id", "nobody", "into_customer_id", "CRM-1").status())
                .isEqualTo(404);
        assertThat(tenant.reader().get("/customer/details", "customer_id", "CRM-1").status()).isEqualTo(200);
    }

    @Test
    void needsAWriteToken() {
        customer("CRM-1", "Ana", "ana@example.com");
        customer("CRM-2", "Ana", "ana2@example.com");

        assertThat(tenant.reader().post("/customer/merge", "customer_id", "CRM-2", "into_customer_id", "CRM-1").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/customer/merge", "customer_id", "CRM-2", "into_customer_id", "CRM-1").status())
                .isEqualTo(401);
        assertThat(tenant.reader().get("/customer/list").json().get("size").asInt()).isEqualTo(2);
    }

    @Test
    void aCustomerOfAnotherAccountIsUnknownOnEitherSide() {
        String mine = customer("CRM-1", "Ana", "ana@example.com").id();
        var other = tenants.create();
        String theirs = other.writer().post("/customer/new", "customer_id", "CRM-2", "name", "Bia").id();

        assertThat(tenant.writer().post("/customer/merge", "customer_id", mine, "into_customer_id", theirs).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/customer/merge", "customer_id", theirs, "into_customer_id", mine).status()).isEqualTo(404);
        assertThat(other.writer().post("/customer/merge", "customer_id", mine, "into_customer_id", theirs).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/customer/details", "customer_id", mine).status()).isEqualTo(200);
        assertThat(other.reader().get("/customer/details", "customer_id", theirs).status()).isEqualTo(200);
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
}
