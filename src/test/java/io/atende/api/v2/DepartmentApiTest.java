package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class DepartmentApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void createsADepartmentAndListsItWithRootId() {
        var created = tenant.admin().post("/department/new", "name", "Suporte");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("error").asBoolean()).isFalse();
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.data().get("name").asString()).isEqualTo("Suporte");

        var listed = tenant.reader().get("/department/list", "show_nested_items", "0");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(1);
        assertThat(listed.data().get(0).get("id").asString()).isEqualTo(created.id());
        assertThat(listed.data().get(0).has("categories")).isFalse();
    }

    @Test
    void nestedListCarriesCategoriesCustomFieldsAndOperators() {
        String department = tenant.admin().post("/department/new", "name", "Financeiro").id();
        String category = tenant.admin().post("/department/category/new", "department_id", department, "name", "Boletos").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "Ana@Example.com ").id();
        assertThat(tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator).status())
                .isEqualTo(200);

        var item = tenant.reader().get("/department/list").data().get(0);

        assertThat(item.get("categories").get(0).get("id").asString()).isEqualTo(category);
        assertThat(item.get("categories").get(0).get("custom_fields").isArray()).isTrue();
        assertThat(item.get("general_custom_fields").get("tickets").isArray()).isTrue();
        assertThat(item.get("operators").get(0).get("id").asString()).isEqualTo(operator);

        assertThat(item.get("categories").get(0).get("custom_fields").size()).isZero();
        assertThat(item.get("general_custom_fields").get("tickets").size()).isZero();

        var members = tenant.reader().get("/department/operator/list", "department_id", department);
        assertThat(members.json().get("size").asInt()).isEqualTo(1);
        // md5("ana@example.com")
        assertThat(members.data().get(0).get("mail_hash").asString()).isEqualTo("cdb9d6a1dddc375a09cc83e3001598dc");
    }

    @Test
    void nestedListGivesEachCategoryItsTicketFieldsAndTheDepartmentItsGeneralOnes() {
        String finance = tenant.admin().post("/department/new", "name", "Financeiro").id();
        String billing = tenant.admin().post("/department/category/new", "department_id", finance, "name", "Boletos").id();
        String refunds = tenant.admin().post("/department/category/new", "department_id", finance, "name", "Reembolsos").id();
        String support = tenant.admin().post("/department/new", "name", "Suporte").id();
        String everywhere = field("Contrato", "ticket");
        String financeOnly = field("Centro de custo", "ticket", "department_id", finance);
        String billingOnly = field("Número do boleto", "ticket", "category_id", billing);
        String supportOnly = field("Versão", "ticket", "department_id", support);
        field("Motivo do encerramento", "ticket_finish", "department_id", finance);
        field("Solução", "ticket_finish");
        field("CPF", "customer");

        var items = tenant.reader().get("/department/list").data();
        var financeItem = items.get(0);
        var supportItem = items.get(1);

        assertThat(financeItem.get("id").asString()).isEqualTo(finance);
        assertThat(ids(financeItem.get("general_custom_fields").get("tickets"))).containsExactly(everywhere, financeOnly);
        assertThat(financeItem.get("general_custom_fields").get("tickets").get(1).get("label").asString()).isEqualTo("Centro de custo");
        assertThat(financeItem.get("categories").get(0).get("id").asString()).isEqualTo(billing);
        assertThat(ids(financeItem.get("categories").get(0).get("custom_fields"))).containsExactly(billingOnly);
        assertThat(financeItem.get("categories").get(0).get("custom_fields").get(0).get("label").asString()).isEqualTo("Número do boleto");
        assertThat(financeItem.get("categories").get(1).get("id").asString()).isEqualTo(refunds);
        assertThat(financeItem.get("categories").get(1).get("custom_fields").size()).isZero();
        assertThat(ids(supportItem.get("general_custom_fields").get("tickets"))).containsExactly(everywhere, supportOnly);
        assertThat(supportItem.get("categories").size()).isZero();
    }

    @Test
    void refusesADuplicateNameIgnoringCase() {
        tenant.admin().post("/department/new", "name", "Suporte");

        var duplicate = tenant.admin().post("/department/new", "name", " suporte ");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asBoolean()).isTrue();
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void requiresAName() {
        var missing = tenant.admin().post("/department/new");
        var tooLong = tenant.admin().post("/department/new", "name", "x".repeat(251));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("name");
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void managementNeedsAnAdminToken() {
        assertThat(tenant.writer().post("/department/new", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/department/new", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/department/new", "name", "X").status()).isEqualTo(401);
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void anotherAccountSeesNoneOfItAndGets404ForItsIds() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        var other = tenants.create();

        assertThat(other.reader().get("/department/list").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/department/category/list", "department_id", department).status()).isEqualTo(404);
        assertThat(other.admin().post("/department/update", "department_id", department, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.admin().post("/department/delete", "department_id", department).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/department/list").data().get(0).get("name").asString()).isEqualTo("Suporte");
    }

    @Test
    void deletingRemovesCategoriesAndMemberships() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.admin().post("/department/category/new", "department_id", department, "name", "Acesso");

        assertThat(tenant.admin().post("/department/delete", "department_id", department).status()).isEqualTo(200);
        assertThat(tenant.reader().get("/department/category/list", "department_id", department).status()).isEqualTo(404);
    }

    private String field(String label, String entity, String... placement) {
        var params = new ArrayList<>(List.of("label", label, "entity", entity, "type", "text"));
        params.addAll(List.of(placement));
        var created = tenant.admin().post("/custom_field/new", params.toArray(String[]::new));
        assertThat(created.status()).isEqualTo(200);
        return created.id();
    }

    private static List<String> ids(JsonNode items) {
        var ids = new ArrayList<String>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
