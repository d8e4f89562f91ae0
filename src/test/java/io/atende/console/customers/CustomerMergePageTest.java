package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Merging two customer records from the console: tickets and chats follow, the merged record goes. */
@ApiTest
class CustomerMergePageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture fx;
    BrowserSession admin;
    String bia;

    @BeforeEach
    void newDesk() {
        fx = new DeskFixture(tenants);
        admin = tenants.signedIn(fx.tenant.accountId(), OperatorRole.ADMIN).session();
        bia = ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Bia", "email", "bia@example.com")).id();
    }

    @Test
    void theMergedCustomersTicketsAndChatsFollowAndTheMissingCustomFieldValuesToo() {
        String plan = ok(fx.tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "customer", "type", "text")).id();
        String region = ok(fx.tenant.admin().post("/custom_field/new", "label", "Região", "entity", "customer", "type", "text")).id();
        ok(fx.tenant.writer().post("/customer/update", "customer_id", "c-1", "custom_field[" + plan + "]", "Ouro",
                "custom_field[" + region + "]", "Sul"));
        ok(fx.tenant.writer().post("/customer/update", "customer_id", "c-2", "custom_field[" + plan + "]", "Prata"));
        String first = fx.ticket("Primeiro");
        fx.ticket("Segundo");
        fx.chat("Olá");

        admin.get("/console/customers/" + fx.customer);
        var merged = admin.post("/console/customers/" + fx.customer + "/merge", "into", "BIA@example.com");

        assertThat(merged.status()).isEqualTo(302);
        assertThat(merged.redirectPath()).isEqualTo("/console/customers/" + bia);
        var page = admin.get(merged.redirectPath());
        assertThat(page.document().select("#customer-tickets tbody tr")).hasSize(2);
        assertThat(page.document().select("#customer-chats tbody tr")).hasSize(1);
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", "c-1").status()).isEqualTo(404);
        assertThat(fx.detail(first).data().get("customer").get("id").asString()).isEqualTo(bia);
        var kept = fx.tenant.reader().get("/customer/details", "customer_id", "c-2").data().get(0);
        assertThat(kept.get("name").asString()).isEqualTo("Bia");
        assertThat(value(kept, plan)).isEqualTo("Prata");
        assertThat(value(kept, region)).isEqualTo("Sul");

        var history = fx.tenant.reader().get("/ticket/history", "ticket_id", first).data();
        var last = history.get(history.size() - 1);
        assertThat(last.get("field").asString()).isEqualTo("customer");
        assertThat(last.get("old_value").get("value").asString()).isEqualTo(fx.customer);
        assertThat(last.get("new_value").get("value").asString()).isEqualTo(bia);
        assertThat(admin.get("/console/tickets/" + first).body()).contains("passou o chamado para outro cliente");
    }

    @Test
    void refusesToMergeACustomerIntoItselfOrIntoNobodyAndChangesNothing() {
        fx.ticket("Primeiro");
        admin.get("/console/customers/" + fx.customer);

        var itself = admin.post("/console/customers/" + fx.customer + "/merge", "into", "c-1");
        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.text("p.error")).isEqualTo("Um cliente não pode ser mesclado com ele mesmo.");
        assertThat(itself.document().selectFirst("#merge-into").attr("value")).isEqualTo("c-1");

        var nobody = admin.post("/console/customers/" + fx.customer + "/merge", "into", "nobody@example.com");
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.document().selectFirst("#merge-into").attr("aria-invalid")).isEqualTo("true");

        assertThat(admin.post("/console/customers/" + fx.customer + "/merge", "into", " ").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/customer/details", "customer_id", "c-1").status()).isEqualTo(200);
        assertThat(fx.tenant.reader().get("/ticket/list", "customer_id", "c-1").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void onlyAdminsMergeAndNeverIntoAnotherAccountsCustomer() {
        var other = tenants.create();
        String theirs = ok(other.writer().post("/customer/new", "customer_id", "t-1", "name", "Deles", "email", "deles@example.com")).id();
        fx.ticket("Primeiro");

        fx.session.get("/console/customers/" + fx.customer);
        assertThat(fx.session.get("/console/customers/" + fx.customer).document().select("#merge-customer")).isEmpty();
        assertThat(fx.session.post("/console/customers/" + fx.customer + "/merge", "into", "c-2").status()).isEqualTo(403);

        admin.get("/console/customers/" + fx.customer);
        assertThat(admin.post("/console/customers/" + fx.customer + "/merge", "into", theirs).status()).isEqualTo(400);
        assertThat(admin.post("/console/customers/" + fx.customer + "/merge", "into", "deles@example.com").status()).isEqualTo(400);
        assertThat(admin.post("/console/customers/" + theirs + "/merge", "into", "c-1").status()).isEqualTo(404);
        assertThat(fx.tenant.reader().get("/ticket/list", "customer_id", "c-1").json().get("size").asInt()).isEqualTo(1);
        assertThat(other.reader().get("/customer/details", "customer_id", "t-1").status()).isEqualTo(200);
    }

    private static String value(JsonNode customer, String fieldId) {
        for (var field : customer.get("custom_fields")) {
            if (field.get("id").asString().equals(fieldId)) {
                return field.get("value").asString();
            }
        }
        return null;
    }
}
