package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class CustomFieldApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String department;
    String category;

    @BeforeEach
    void newAccountWithADepartmentAndCategory() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Financeiro").id();
        category = tenant.admin().post("/department/category/new", "department_id", department, "name", "Boletos").id();
    }

    @Test
    void definesATicketFieldInACategoryAndListsItWithItsPlacement() {
        var created = tenant.admin().post("/custom_field/new", "label", " Número do boleto ", "entity", "ticket",
                "type", "text", "required", "1", "category_id", category);

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var field = created.data();
        assertThat(field.get("id").asString()).isEqualTo(created.id());
        assertThat(field.get("label").asString()).isEqualTo("Número do boleto");
        assertThat(field.get("entity").asString()).isEqualTo("ticket");
        assertThat(field.get("type").asString()).isEqualTo("text");
        assertThat(field.get("options").isArray()).isTrue();
        assertThat(field.get("options").size()).isZero();
        assertThat(field.get("required").asBoolean()).isTrue();
        assertThat(field.get("department").get("id").asString()).isEqualTo(department);
        assertThat(field.get("department").get("name").asString()).isEqualTo("Financeiro");
        assertThat(field.get("category").get("id").asString()).isEqualTo(category);
        assertThat(field.get("category").get("name").asString()).isEqualTo("Boletos");
        assertThat(field.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00");

        var listed = tenant.reader().get("/custom_field/list");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(1);
        assertThat(listed.data().get(0)).isEqualTo(field);
    }

    @Test
    void emptyPlacementsAreReferencesWithNullMembers() {
        tenant.admin().post("/custom_field/new", "label", "CPF", "entity", "customer", "type", "text");

        var field = tenant.reader().get("/custom_field/list").data().get(0);

        assertThat(field.get("required").asBoolean()).isFalse();
        assertThat(field.get("department").isObject()).isTrue();
        assertThat(field.get("department").get("id").isNull()).isTrue();
        assertThat(field.get("department").get("name").isNull()).isTrue();
        assertThat(field.get("category").get("id").isNull()).isTrue();
        assertThat(field.get("category").get("name").isNull()).isTrue();
    }

    @Test
    void aDepartmentFieldHasNoCategory() {
        var field = tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket_finish", "type", "number",
                "department_id", department).data();

        assertThat(field.get("entity").asString()).isEqualTo("ticket_finish");
        assertThat(field.get("department").get("id").asString()).isEqualTo(department);
        assertThat(field.get("category").get("id").isNull()).isTrue();
    }

    @Test
    void takesOptionsAsIndexedBracketKeysInIndexOrder() {
        List<String> params = new ArrayList<>(List.of("label", "Prioridade", "entity", "ticket", "type", "select"));
        for (int i = 11; i >= 0; i--) {
            params.add("options[" + i + "]");
            params.add("Opção " + i);
        }

        var created = tenant.admin().post("/custom_field/new", params.toArray(String[]::new));

        assertThat(created.status()).isEqualTo(200);
        assertThat(texts(created.data().get("options"))).containsExactly("Opção 0", "Opção 1", "Opção 2", "Opção 3", "Opção 4",
                "Opção 5", "Opção 6", "Opção 7", "Opção 8", "Opção 9", "Opção 10", "Opção 11");
    }

    @Test
    void takesOptionsAsAJsonArray() {
        var created = tenant.admin().postJson("/custom_field/new", Map.of("label", "Plano", "entity", "customer", "type", "select",
                "options", List.of("Básico", "Pro, anual", "Empresa")));

        assertThat(created.status()).isEqualTo(200);
        assertThat(texts(created.data().get("options"))).containsExactly("Básico", "Pro, anual", "Empresa");
    }

    @Test
    void takesOptionsAsOneTextSplitByLinesOrElseByCommas() {
        var byLines = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "select",
                "options", "Sim, com ressalvas\r\nNão\n\nTalvez");
        var byCommas = tenant.admin().post("/custom_field/new", "label", "B", "entity", "ticket", "type", "select",
                "options", " Baixa , Média,Alta,");

        assertThat(texts(byLines.data().get("options"))).containsExactly("Sim, com ressalvas", "Não", "Talvez");
        assertThat(texts(byCommas.data().get("options"))).containsExactly("Baixa", "Média", "Alta");
    }

    @Test
    void dropsRepeatedOptionsIgnoringCase() {
        var created = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "select",
                "options", "Alta,alta,ALTA,Baixa");

        assertThat(texts(created.data().get("options"))).containsExactly("Alta", "Baixa");
    }

    @Test
    void listsOnlyTheEntityAskedFor() {
        tenant.admin().post("/custom_field/new", "label", "Ticket", "entity", "ticket", "type", "text");
        tenant.admin().post("/custom_field/new", "label", "Cliente", "entity", "customer", "type", "text");
        tenant.admin().post("/custom_field/new", "label", "Avaliação", "entity", "evaluation", "type", "textarea");

        var customers = tenant.reader().get("/custom_field/list", "entity", "CUSTOMER");
        var all = tenant.reader().get("/custom_field/list");
        var unknown = tenant.reader().get("/custom_field/list", "entity", "chat");

        assertThat(customers.json().get("size").asInt()).isEqualTo(1);
        assertThat(customers.data().get(0).get("label").asString()).isEqualTo("Cliente");
        assertThat(labels(all.data())).containsExactly("Ticket", "Cliente", "Avaliação");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).contains("entity");
    }

    @Test
    void eachMissingOrBadParameterIsA400AndDefinesNothing() {
        assertRefused(400, "label", "entity", "ticket", "type", "text");
        assertRefused(400, "label", "label", "x".repeat(251), "entity", "ticket", "type", "text");
        assertRefused(400, "entity", "label", "A", "type", "text");
        assertRefused(400, "entity", "label", "A", "entity", "chat", "type", "text");
        assertRefused(400, "type", "label", "A", "entity", "ticket");
        assertRefused(400, "type", "label", "A", "entity", "ticket", "type", "radio");
        assertRefused(400, "required", "label", "A", "entity", "ticket", "type", "text", "required", "maybe");
        assertRefused(400, "options", "label", "A", "entity", "ticket", "type", "select");
        assertRefused(400, "options", "label", "A", "entity", "ticket", "type", "select", "options", " , ");
        assertRefused(400, "options", "label", "A", "entity", "ticket", "type", "text", "options", "a,b");
        assertRefused(400, "options", "label", "A", "entity", "ticket", "type", "select", "options", "x".repeat(251));
        assertRefused(400, "department_id", "label", "A", "entity", "customer", "type", "text", "department_id", department);
        assertRefused(400, "category_id", "label", "A", "entity", "evaluation", "type", "text", "category_id", category);

        assertThat(tenant.reader().get("/custom_field/list").json().get("size").asInt()).isZero();
    }

    @Test
    void refusesMoreThan100Options() {
        List<String> params = new ArrayList<>(List.of("label", "A", "entity", "ticket", "type", "select"));
        for (int i = 0; i < 101; i++) {
            params.add("options[" + i + "]");
            params.add("Option " + i);
        }

        var refused = tenant.admin().post("/custom_field/new", params.toArray(String[]::new));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("100");
        assertThat(tenant.reader().get("/custom_field/list").json().get("size").asInt()).isZero();
    }

    @Test
    void placementMustExistInTheAccountAndAgree() {
        String otherDepartment = tenant.admin().post("/department/new", "name", "Suporte").id();

        var unknownDepartment = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text",
                "department_id", "0".repeat(32));
        var unknownCategory = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text",
                "category_id", "0".repeat(32));
        var elsewhere = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text",
                "department_id", otherDepartment, "category_id", category);
        var agreeing = tenant.admin().post("/custom_field/new", "label", "B", "entity", "ticket", "type", "text",
                "department_id", department, "category_id", category);

        assertThat(unknownDepartment.status()).isEqualTo(404);
        assertThat(unknownCategory.status()).isEqualTo(404);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.message()).contains("category_id");
        assertThat(agreeing.status()).isEqualTo(200);
        assertThat(labels(tenant.reader().get("/custom_field/list").data())).containsExactly("B");
    }

    @Test
    void aCategoryFieldFollowsItsCategoryToAnotherDepartment() {
        String support = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.admin().post("/custom_field/new", "label", "Boleto", "entity", "ticket", "type", "text", "category_id", category);

        assertThat(tenant.admin().post("/department/category/update", "category_id", category, "department_id", support).status())
                .isEqualTo(200);

        var field = tenant.reader().get("/custom_field/list").data().get(0);
        assertThat(field.get("department").get("id").asString()).isEqualTo(support);
        assertThat(field.get("department").get("name").asString()).isEqualTo("Suporte");
        assertThat(tenant.admin().post("/department/delete", "department_id", department).status()).isEqualTo(200);
        assertThat(tenant.admin().post("/department/delete", "department_id", support).status()).isEqualTo(409);
    }

    @Test
    void departmentsAndCategoriesWithFieldsCannotBeDeleted() {
        tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text", "category_id", category);
        String support = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.admin().post("/custom_field/new", "label", "B", "entity", "ticket", "type", "text", "department_id", support);

        assertThat(tenant.admin().post("/department/category/delete", "category_id", category).status()).isEqualTo(409);
        assertThat(tenant.admin().post("/department/delete", "department_id", department).status()).isEqualTo(409);
        assertThat(tenant.admin().post("/department/delete", "department_id", support).status()).isEqualTo(409);
    }

    @Test
    void updatesLabelOptionsAndRequirednessKeepingWhatIsOmitted() {
        String field = tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "ticket", "type", "select",
                "options", "Básico,Pro", "department_id", department).id();

        var relabelled = tenant.admin().post("/custom_field/update", "custom_field_id", field, "label", "Plano contratado");
        var reoptioned = tenant.admin().post("/custom_field/update", "custom_field_id", field, "options[0]", "Pro",
                "options[1]", "Empresa", "required", "1");

        assertThat(relabelled.status()).isEqualTo(200);
        assertThat(relabelled.data().get("label").asString()).isEqualTo("Plano contratado");
        assertThat(texts(relabelled.data().get("options"))).containsExactly("Básico", "Pro");
        assertThat(reoptioned.status()).isEqualTo(200);
        var listed = tenant.reader().get("/custom_field/list").data().get(0);
        assertThat(listed.get("label").asString()).isEqualTo("Plano contratado");
        assertThat(texts(listed.get("options"))).containsExactly("Pro", "Empresa");
        assertThat(listed.get("required").asBoolean()).isTrue();
        assertThat(listed.get("type").asString()).isEqualTo("select");
        assertThat(listed.get("department").get("id").asString()).isEqualTo(department);
    }

    @Test
    void refusedUpdatesChangeNothing() {
        String field = tenant.admin().post("/custom_field/new", "label", "Plano", "entity", "ticket", "type", "select",
                "options", "Básico,Pro").id();
        String text = tenant.admin().post("/custom_field/new", "label", "Nota", "entity", "ticket", "type", "text").id();
        var before = tenant.reader().get("/custom_field/list").data();

        assertThat(tenant.admin().post("/custom_field/update", "label", "X").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/custom_field/update", "custom_field_id", "0".repeat(32), "label", "X").status()).isEqualTo(404);
        assertThat(tenant.admin().post("/custom_field/update", "custom_field_id", field, "label", " ").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/custom_field/update", "custom_field_id", field, "label", "X", "options", "").status())
                .isEqualTo(400);
        assertThat(tenant.admin().post("/custom_field/update", "custom_field_id", field, "label", "X", "required", "talvez").status())
                .isEqualTo(400);
        assertThat(tenant.admin().post("/custom_field/update", "custom_field_id", text, "label", "X", "options", "a,b").status())
                .isEqualTo(400);
        for (String fixed : List.of("entity", "type", "department_id", "category_id")) {
            var refused = tenant.admin().post("/custom_field/update", "custom_field_id", field, "label", "X", fixed, "ticket");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.message()).contains(fixed);
        }

        assertThat(tenant.reader().get("/custom_field/list").data()).isEqualTo(before);
    }

    @Test
    void deletesAField() {
        String field = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text",
                "category_id", category).id();

        var deleted = tenant.admin().post("/custom_field/delete", "custom_field_id", field);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().asBoolean()).isTrue();
        assertThat(tenant.reader().get("/custom_field/list").json().get("size").asInt()).isZero();
        assertThat(tenant.admin().post("/custom_field/delete", "custom_field_id", field).status()).isEqualTo(404);
        assertThat(tenant.admin().post("/custom_field/update", "custom_field_id", field, "label", "B").status()).isEqualTo(404);
        assertThat(tenant.admin().post("/department/category/delete", "category_id", category).status()).isEqualTo(200);
    }

    @Test
    void deleteNeedsAKnownField() {
        var missing = tenant.admin().post("/custom_field/delete");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("custom_field_id");
        assertThat(tenant.admin().post("/custom_field/delete", "custom_field_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void managementNeedsAnAdminTokenAndReadingAnyToken() {
        String field = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text").id();

        for (var client : List.of(tenant.writer(), tenant.reader())) {
            assertThat(client.post("/custom_field/new", "label", "B", "entity", "ticket", "type", "text").status()).isEqualTo(403);
            assertThat(client.post("/custom_field/update", "custom_field_id", field, "label", "B").status()).isEqualTo(403);
            assertThat(client.post("/custom_field/delete", "custom_field_id", field).status()).isEqualTo(403);
        }
        assertThat(tenant.anonymous().post("/custom_field/new", "label", "B", "entity", "ticket", "type", "text").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/custom_field/list").status()).isEqualTo(401);
        assertThat(labels(tenant.writer().get("/custom_field/list").data())).containsExactly("A");
    }

    @Test
    void anotherAccountSeesNoneOfThemAndGets404ForTheirIds() {
        String field = tenant.admin().post("/custom_field/new", "label", "A", "entity", "ticket", "type", "text",
                "category_id", category).id();
        var other = tenants.create();

        assertThat(other.reader().get("/custom_field/list").json().get("size").asInt()).isZero();
        assertThat(other.admin().post("/custom_field/update", "custom_field_id", field, "label", "Hijacked").status()).isEqualTo(404);
        assertThat(other.admin().post("/custom_field/delete", "custom_field_id", field).status()).isEqualTo(404);
        assertThat(other.admin().post("/custom_field/new", "label", "B", "entity", "ticket", "type", "text",
                "department_id", department).status()).isEqualTo(404);
        assertThat(other.admin().post("/custom_field/new", "label", "B", "entity", "ticket", "type", "text",
                "category_id", category).status()).isEqualTo(404);
        assertThat(other.reader().get("/custom_field/list").json().get("size").asInt()).isZero();
        assertThat(labels(tenant.reader().get("/custom_field/list").data())).containsExactly("A");
    }

    private void assertRefused(int status, String parameter, String... params) {
        ApiResponse refused = tenant.admin().post("/custom_field/new", params);
        assertThat(refused.status()).as("%s", List.of(params)).isEqualTo(status);
        assertThat(refused.message()).as("%s", List.of(params)).contains(parameter);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }

    private static List<String> labels(JsonNode items) {
        List<String> labels = new ArrayList<>();
        items.forEach(item -> labels.add(item.get("label").asString()));
        return labels;
    }
}
