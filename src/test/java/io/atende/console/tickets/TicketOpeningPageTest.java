package io.atende.console.tickets;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class TicketOpeningPageTest {

    @Autowired
    TestTenants tenants;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void opensATicketForACustomerFoundByEmailAndTakesIt() {
        desk.session.get("/console/tickets/new");

        var answer = desk.session.htmx().postMultipart("/console/tickets/new", java.util.List.of(), "customer", "carla@example.com",
                "department_id", desk.department, "subject", "Ligou pedindo ajuda", "message", "Não acessa o e-mail", "priority", "3",
                "take", "1");

        assertThat(answer.status()).isEqualTo(200);
        String target = answer.headers().firstValue("HX-Redirect").orElseThrow();
        String id = target.substring("/console/tickets/".length());
        var detail = desk.detail(id).data();
        assertThat(detail.get("subject").asString()).isEqualTo("Ligou pedindo ajuda");
        assertThat(detail.get("customer").get("name").asString()).isEqualTo("Carla Cliente");
        assertThat(detail.get("priority").asInt()).isEqualTo(3);
        assertThat(detail.get("operator").get("id").asString()).isEqualTo(desk.operator.id());
    }

    @Test
    void showsTheTicketFieldsOfTheChosenDepartment() {
        String field = DeskFixture.ok(desk.tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket",
                "type", "text", "required", "1", "department_id", desk.department)).id();

        assertThat(desk.session.get("/console/tickets/new").document().select("#field-" + field)).isEmpty();
        var fields = desk.session.htmx().get("/console/tickets/new/fields?department_id=" + desk.department);
        assertThat(fields.text("label[for=field-" + field + "]")).isEqualTo("Contrato *");

        desk.session.get("/console/tickets/new");
        var missing = desk.session.htmx().post("/console/tickets/new", "customer", "c-1", "department_id", desk.department,
                "subject", "Sem contrato", "message", "m");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.document().selectFirst("#field-" + field).attr("aria-invalid")).isEqualTo("true");
        assertThat(missing.document().selectFirst("#subject").val()).isEqualTo("Sem contrato");
    }

    @Test
    void refusesAnUnknownCustomerInPlace() {
        desk.session.get("/console/tickets/new");

        var answer = desk.session.htmx().post("/console/tickets/new", "customer", "ninguem@example.com", "department_id", desk.department,
                "subject", "Assunto", "message", "Mensagem");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("#new-error[role=alert]")).isEqualTo("Nenhum cliente tem o e-mail ou id ninguem@example.com.");
        assertThat(answer.document().selectFirst("#customer").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void refusesAnotherAccountsDepartment() {
        var other = new DeskFixture(tenants);
        desk.session.get("/console/tickets/new");

        var answer = desk.session.htmx().post("/console/tickets/new", "customer", "c-1", "department_id", other.department,
                "subject", "Assunto", "message", "Mensagem");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
    }
    // --- choosing the customer: suggestions

    @Test
    void suggestsCustomersByTheStartOfTheirNameEmailOrInternalIdAndByTheirId() {
        DeskFixture.ok(desk.tenant.writer().post("/customer/new", "customer_id", "crm-77", "name", "Bruno Souza", "email", "bruno@acme.com"));
        var other = new DeskFixture(tenants);

        assertThat(names(suggestions("carl"))).containsExactly("Carla Cliente");
        assertThat(names(suggestions("souza"))).containsExactly("Bruno Souza");
        assertThat(names(suggestions("acme.com"))).containsExactly("Bruno Souza");
        assertThat(names(suggestions("CRM-7"))).containsExactly("Bruno Souza");
        var byId = suggestions(desk.customer);
        assertThat(names(byId)).containsExactly("Carla Cliente");
        assertThat(byId.get(0).get("email").asString()).isEqualTo("carla@example.com");
        assertThat(byId.get(0).get("internalId").asString()).isEqualTo("c-1");
        assertThat(suggestions("ninguem")).isEmpty();
        // Another account's customers are never suggested, not even by their id.
        assertThat(suggestions(other.customer)).isEmpty();
        assertThat(names(io.atende.support.ApiClient.parse(other.session.get("/console/tickets/new/customers?q=carla").body()))).containsExactly("Carla Cliente");
        var signedOut = new io.atende.support.BrowserSession(tenants.port()).get("/console/tickets/new/customers?q=carla");
        assertThat(signedOut.status()).isNotEqualTo(200);
        assertThat(signedOut.body()).doesNotContain("Carla");
    }

    @Test
    void opensATicketForTheCustomerChosenFromTheSuggestions() {
        desk.session.get("/console/tickets/new");

        var answer = desk.session.htmx().post("/console/tickets/new", "customer_mode", "existing", "customer", "Carla Cliente",
                "customer_id", desk.customer, "department_id", desk.department, "subject", "Escolhida", "message", "m");

        assertThat(answer.status()).isEqualTo(200);
        String id = answer.headers().firstValue("HX-Redirect").orElseThrow().substring("/console/tickets/".length());
        assertThat(desk.detail(id).data().get("customer").get("id").asString()).isEqualTo(desk.customer);
    }

    // --- a new customer in the same form

    @Test
    void createsTheCustomerAndOpensTheTicketInOneSubmission() {
        desk.session.get("/console/tickets/new");

        var answer = desk.session.htmx().post("/console/tickets/new", "customer_mode", "new", "new_customer_name", "Davi Novo",
                "new_customer_email", "davi@example.com", "department_id", desk.department, "subject", "Primeiro contato",
                "message", "Ligou pela primeira vez");

        assertThat(answer.status()).isEqualTo(200);
        String id = answer.headers().firstValue("HX-Redirect").orElseThrow().substring("/console/tickets/".length());
        var customer = desk.detail(id).data().get("customer");
        assertThat(customer.get("name").asString()).isEqualTo("Davi Novo");
        assertThat(customer.get("email").asString()).isEqualTo("davi@example.com");
        var created = DeskFixture.ok(desk.tenant.reader().get("/customer/details", "customer_id", "davi@example.com", "customer_type_id", "E"));
        assertThat(created.data().get(0).get("internal_id").asString()).isEqualTo("davi@example.com");
    }

    @Test
    void aNewCustomerNeedsANameAndAValidEmailAndNothingIsSavedWithoutThem() {
        desk.session.get("/console/tickets/new");

        var noEmail = desk.session.htmx().post("/console/tickets/new", "customer_mode", "new", "new_customer_name", "Davi Novo",
                "department_id", desk.department, "subject", "S", "message", "m");
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.text("#new-error[role=alert]")).isEqualTo("Digite o e-mail do cliente novo.");
        assertThat(noEmail.document().selectFirst("#new-customer-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(noEmail.document().selectFirst("#new-customer-name").val()).isEqualTo("Davi Novo");
        assertThat(noEmail.document().selectFirst("#customer-new").hasAttr("hidden")).isFalse();

        var badEmail = desk.session.htmx().post("/console/tickets/new", "customer_mode", "new", "new_customer_name", "Davi Novo",
                "new_customer_email", "davi-at-example", "department_id", desk.department, "subject", "S", "message", "m");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.document().selectFirst("#new-customer-email").attr("aria-invalid")).isEqualTo("true");

        var noName = desk.session.htmx().post("/console/tickets/new", "customer_mode", "new", "new_customer_email", "davi@example.com",
                "department_id", desk.department, "subject", "S", "message", "m");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.text("#new-error[role=alert]")).isEqualTo("Digite o nome do cliente novo.");

        assertThat(DeskFixture.ok(desk.tenant.reader().get("/customer/list")).json().get("size").asInt()).isEqualTo(1);
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void aRefusedTicketLeavesNoNewCustomerBehind() {
        String field = DeskFixture.ok(desk.tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket",
                "type", "text", "required", "1", "department_id", desk.department)).id();
        desk.session.get("/console/tickets/new");

        var refused = desk.session.htmx().post("/console/tickets/new", "customer_mode", "new", "new_customer_name", "Davi Novo",
                "new_customer_email", "davi@example.com", "department_id", desk.department, "subject", "Sem contrato", "message", "m");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().selectFirst("#field-" + field).attr("aria-invalid")).isEqualTo("true");
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/customer/exists", "customer_id", "davi@example.com", "customer_type_id", "E"))
                .data().asBoolean()).isFalse();
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void refusesANewCustomerWithTheEmailOfAnExistingOne() {
        desk.session.get("/console/tickets/new");

        var refused = desk.session.htmx().post("/console/tickets/new", "customer_mode", "new", "new_customer_name", "Outra Carla",
                "new_customer_email", "carla@example.com", "department_id", desk.department, "subject", "S", "message", "m");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#new-error[role=alert]")).contains("carla@example.com");
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/customer/list")).json().get("size").asInt()).isEqualTo(1);
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
    }

    private tools.jackson.databind.JsonNode suggestions(String typed) {
        var answer = desk.session.get("/console/tickets/new/customers?q=" + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(200);
        return io.atende.support.ApiClient.parse(answer.body());
    }

    private static java.util.List<String> names(tools.jackson.databind.JsonNode suggestions) {
        var names = new java.util.ArrayList<String>();
        suggestions.forEach(one -> names.add(one.get("name").asString()));
        return names;
    }
}
