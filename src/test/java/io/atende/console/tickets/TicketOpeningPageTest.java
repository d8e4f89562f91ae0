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
}
