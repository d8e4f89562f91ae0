package io.atende.api.v2;

import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Tickets: opening tickets, the life cycle of situations, detail, and the refusals on the way. */
@ApiTest
class TicketApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    TicketEvents events;

    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        fx = new TicketFixture(tenants.create());
    }

    @Test
    void opensATicketWithRootTicketIdAndProtocolAndTheWireShapeClientsRead() {
        var created = ok(fx.open("priority", "3"));

        assertThat(created.json().get("ticket_id").asString()).matches("[0-9a-f]{32}");
        assertThat(created.json().get("protocol").isNumber()).isTrue();
        assertThat(created.json().get("protocol").asLong()).isEqualTo(1);
        String ticket = created.json().get("ticket_id").asString();
        JsonNode data = fx.detail(ticket).data();
        assertThat(data.get("id").asString()).isEqualTo(ticket);
        assertThat(data.get("protocol").isNumber()).isTrue();
        assertThat(data.get("priority").asInt()).isEqualTo(3);
        assertThat(data.get("ticket_type").asString()).isEqualTo("E");
        assertThat(data.get("mimetype").asString()).isEqualTo("text/plain");
        assertThat(data.get("situation").get("id").isNumber()).isTrue();
        assertThat(data.get("situation").get("id").asInt()).isZero();
        assertThat(data.get("situation").get("description").asString()).isEqualTo("Sem atendente vinculado");
        assertThat(data.get("operator").has("id")).isTrue();
        assertThat(data.get("operator").get("id").isNull()).isTrue();
        assertThat(data.get("category").get("name").isNull()).isTrue();
        assertThat(data.get("status").isArray()).isTrue();
        var item = ok(fx.tenant.reader().get("/ticket/list")).data().get(0);
        assertThat(item.get("status").get("id").isNull()).isTrue();
        assertThat(item.get("status").get("description").isNull()).isTrue();
        assertThat(item.has("custom_fields")).isFalse();
        assertThat(item.has("replies")).isFalse();
        assertThat(item.get("protocol").asLong()).isEqualTo(1);
        assertThat(data.get("customer").get("internal_id").asString()).isEqualTo("c-1");
        assertThat(data.get("customer").get("organization").get("id").isNull()).isTrue();
        assertThat(data.get("department").get("name").asString()).isEqualTo("Suporte");
        assertThat(data.get("work_time").isNumber()).isTrue();
        assertThat(data.get("elapsed_time").isNumber()).isTrue();
        assertThat(data.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
        assertThat(data.get("evaluation").get("grade").isNull()).isTrue();
        assertThat(data.get("replies")).hasSize(1);
        assertThat(data.get("replies").get(0).get("sender_type").asString()).isEqualTo("C");
        assertThat(data.get("replies").get(0).get("sender").asString()).isEqualTo("Carla");
        assertThat(data.get("replies").get(0).get("message").asString()).isEqualTo("Não imprime");
        assertThat(data.get("custom_fields").get("open").isArray()).isTrue();
        assertThat(data.get("current_status").isNull()).isTrue();
        assertThat(data.has("stopwatch")).isFalse();
        assertThat(events.of(ticket)).containsExactly("ticket.created");
    }

    @Test
    void acceptsTheCustomerByEmailAndBothFlagSpellings() {
        assertThat(fx.open("customer_id", "carla@example.com", "customer_id_type", "E").status()).isEqualTo(200);
        var both = fx.tenant.writer().post("/ticket/new", "customer_id", "carla@example.com", "customer_type_id", "E",
                "department_id", fx.department, "subject", "S", "message", "M");
        assertThat(both.status()).isEqualTo(200);
    }

    @Test
    void refusesMissingAndBadParametersWithoutCreatingAnything() {
        for (String missing : List.of("customer_id", "department_id", "subject", "message")) {
            var refused = fx.open(missing, "");
            assertThat(refused.status()).as(missing).isEqualTo(400);
            assertThat(refused.message()).contains(missing);
        }
        assertThat(fx.open("priority", "9").status()).isEqualTo(400);
        assertThat(fx.open("priority", "x").status()).isEqualTo(400);
        assertThat(fx.open("subject", "s".repeat(251)).status()).isEqualTo(400);
        assertThat(fx.open("ticket_type", "Z").status()).isEqualTo(400);
        assertThat(fx.open("customer_id", "nobody").status()).isEqualTo(404);
        assertThat(fx.open("department_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(fx.open("category_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(fx.open("operator_id", "0".repeat(32)).status()).isEqualTo(404);

        var list = ok(fx.tenant.reader().get("/ticket/list"));
        assertThat(list.json().get("size").asInt()).isZero();
        assertThat(events.ofAccount(fx.tenant.accountId())).isEmpty();
    }

    @Test
    void refusesACategoryOfAnotherDepartmentWith400() {
        String other = ok(fx.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        String category = ok(fx.tenant.admin().post("/department/category/new", "department_id", other, "name", "Boletos")).id();

        var refused = fx.open("category_id", category);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("category_id");
    }

    @Test
    void refusesCustomersWhoMayNotOpenTicketsWith409() {
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Beto", "create_tickets", "0"));

        var refused = fx.open("customer_id", "c-2");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(ok(fx.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void enforcesRequiredCustomFieldsAndReturnsTheirValues() {
        String field = ok(fx.tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket", "type", "text",
                "required", "1", "department_id", fx.department)).id();

        var missing = fx.open();
        assertThat(missing.status()).isEqualTo(400);

        String ticket = fx.openTicket("custom_field[" + field + "]", "K-9");
        var open = fx.detail(ticket).data().get("custom_fields").get("open");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("id").asString()).isEqualTo(field);
        assertThat(open.get(0).get("label").asString()).isEqualTo("Contrato");
        assertThat(open.get(0).get("value").asString()).isEqualTo("K-9");
        assertThat(fx.open("custom_field[" + "f".repeat(32) + "]", "x", "custom_field[" + field + "]", "K").status())
                .isEqualTo(400);
    }

    @Test
    void opensWithAnOperatorInSituationOne() {
        String ticket = fx.openTicket("operator_id", fx.operator);

        assertThat(fx.situation(ticket)).isEqualTo(1);
        assertThat(fx.detail(ticket).data().get("operator").get("name").asString()).isEqualTo("Ana");
    }

    @Test
    void answersTheOpeningWithTheCustomerDepartmentCategoryAndOperatorNamedAsTheDetailNamesThem() {
        String organization = ok(fx.tenant.writer().post("/organization/new", "name", "Gráfica Sul")).id();
        ok(fx.tenant.writer().post("/customer/update", "customer_id", "c-1", "organization_id", organization));
        String category = ok(fx.tenant.admin().post("/department/category/new", "department_id", fx.department, "name", "Impressoras"))
                .id();

        var created = ok(fx.open("customer_id", "carla@example.com", "customer_id_type", "E", "category_id", category,
                "operator_id", fx.operator)).data();

        var detail = fx.detail(created.get("id").asString()).data();
        for (String named : List.of("customer", "department", "category", "operator", "situation")) {
            assertThat(created.get(named)).as(named).isEqualTo(detail.get(named));
        }
        assertThat(created.get("customer").get("organization").get("name").asString()).isEqualTo("Gráfica Sul");
        assertThat(created.get("category").get("name").asString()).isEqualTo("Impressoras");
        assertThat(created.get("operator").get("name").asString()).isEqualTo("Ana");
        assertThat(created.get("department").get("name").asString()).isEqualTo("Suporte");
    }

    @Test
    void walksTheWholeLifeCycleThroughEverySituation() {
        String ticket = fx.openTicket();
        assertThat(fx.situation(ticket)).isZero();

        ok(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fx.operator));
        assertThat(fx.situation(ticket)).isEqualTo(1);

        var reply = ok(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Reinicie"));
        assertThat(reply.id()).matches("[0-9a-f]{32}");
        assertThat(fx.situation(ticket)).isEqualTo(2);
        assertThat(fx.detail(ticket).data().get("first_reply_date").isNull()).isFalse();

        ok(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Funcionou"));
        assertThat(fx.situation(ticket)).isEqualTo(3);

        var comment = ok(fx.tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "Nota interna"));
        assertThat(fx.situation(ticket)).isEqualTo(3);

        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido", "time_work", "5"));
        var finished = fx.detail(ticket).data();
        assertThat(finished.get("situation").get("id").asInt()).isEqualTo(5);
        assertThat(finished.get("end_date").isNull()).isFalse();
        assertThat(finished.get("work_time").asLong()).isEqualTo(300);

        ok(fx.tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "grade", "5", "problem_solved", "Y",
                "comment", "Ótimo"));
        var evaluated = fx.detail(ticket).data();
        assertThat(evaluated.get("evaluation").get("grade").asInt()).isEqualTo(5);
        assertThat(evaluated.get("evaluation").get("problem_solved").asString()).isEqualTo("Y");

        var replies = evaluated.get("replies");
        assertThat(replies).hasSize(4);
        assertThat(replies.get(0).get("sender_type").asString()).isEqualTo("C");
        assertThat(replies.get(1).get("id").asString()).isEqualTo(reply.id());
        assertThat(replies.get(1).get("sender_type").asString()).isEqualTo("A");
        assertThat(replies.get(1).get("sender").asString()).isEqualTo("Ana");
        assertThat(replies.get(2).get("sender_type").asString()).isEqualTo("C");
        assertThat(replies.get(3).get("message").asString()).isEqualTo("Resolvido");
        assertThat(evaluated.get("comments")).hasSize(1);
        assertThat(evaluated.get("comments").get(0).get("id").asString()).isEqualTo(comment.id());
        assertThat(evaluated.get("comments").get(0).get("comment").asString()).isEqualTo("Nota interna");

        assertThat(events.of(ticket)).containsExactly("ticket.created", "ticket.operator_linked", "ticket.replied",
                "ticket.replied", "ticket.commented", "ticket.finished", "ticket.evaluated");
    }

    @Test
    void refusesLinkingWhenAnOperatorIsLinked() {
        String ticket = fx.linkedTicket();
        String bia = fx.operator("Bia", "bia@example.com");

        var refused = fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", bia);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("This ticket does not allow adding an operator");
        assertThat(fx.detail(ticket).data().get("operator").get("id").asString()).isEqualTo(fx.operator);
        assertThat(events.of(ticket)).containsExactly("ticket.created", "ticket.operator_linked");
    }

    @Test
    void refusesLinkingAnOperatorOutsideTheDepartmentOrInactive() {
        String ticket = fx.openTicket();
        String outsider = ok(fx.tenant.admin().post("/operator/new", "name", "Caio", "email", "caio@example.com")).id();
        String inactive = fx.operator("Duda", "duda@example.com");
        ok(fx.tenant.admin().post("/operator/update", "operator_id", inactive, "active", "0"));

        assertThat(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", outsider).status())
                .isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", inactive).status())
                .isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", "0".repeat(32)).status())
                .isEqualTo(404);
        assertThat(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", "0".repeat(32), "operator_id", fx.operator)
                .status()).isEqualTo(404);
        assertThat(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/operator/link", "operator_id", fx.operator).status()).isEqualTo(400);
        assertThat(fx.situation(ticket)).isZero();
    }

    @Test
    void transfersBetweenOperatorsAndDepartments() {
        String ticket = fx.linkedTicket();
        String bia = fx.operator("Bia", "bia@example.com");

        var same = fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "operator_id", fx.operator);
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.message()).contains("Same operator");

        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "operator_id", bia));
        var changed = fx.detail(ticket).data();
        assertThat(changed.get("situation").get("id").asInt()).isEqualTo(6);
        assertThat(changed.get("operator").get("id").asString()).isEqualTo(bia);

        String finance = ok(fx.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", finance));
        var moved = fx.detail(ticket).data();
        assertThat(moved.get("situation").get("id").asInt()).isZero();
        assertThat(moved.get("department").get("id").asString()).isEqualTo(finance);
        assertThat(moved.get("operator").get("id").isNull()).isTrue();

        var without = fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", fx.department);
        assertThat(without.status()).isEqualTo(409);
        assertThat(without.message()).contains("It is not possible to transfer tickets without attendants");
        assertThat(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(events.of(ticket)).containsSubsequence("ticket.transferred", "ticket.transferred");
    }

    @Test
    void transferToTheSameDepartmentWithoutOperatorClearsTheOperator() {
        String ticket = fx.linkedTicket();

        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", fx.department));

        assertThat(fx.situation(ticket)).isZero();
        assertThat(fx.detail(ticket).data().get("operator").get("id").isNull()).isTrue();
    }

    @Test
    void transferToAnotherDepartmentNeedsAMemberOperator() {
        String ticket = fx.linkedTicket();
        String finance = ok(fx.tenant.admin().post("/department/new", "name", "Financeiro")).id();

        var refused = fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", finance,
                "operator_id", fx.operator);
        assertThat(refused.status()).isEqualTo(409);

        ok(fx.tenant.admin().post("/department/operator/add", "department_id", finance, "operator_id", fx.operator));
        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", finance, "operator_id", fx.operator));
        assertThat(fx.situation(ticket)).isEqualTo(6);
    }

    @Test
    void refusesOperatorRepliesWithoutALinkedOperatorAndRepliesOnClosedTickets() {
        String ticket = fx.openTicket();
        var refused = fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Oi");
        assertThat(refused.status()).isEqualTo(409);

        var noFinish = fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim");
        assertThat(noFinish.status()).isEqualTo(409);

        ok(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fx.operator));
        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim"));
        assertThat(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Oi").status()).isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Oi").status()).isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim").status()).isEqualTo(409);
        assertThat(fx.detail(ticket).data().get("replies")).hasSize(2);
    }

    @Test
    void refusesRepliesWithoutMessageOrTicket() {
        String ticket = fx.linkedTicket();
        assertThat(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/comment", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/reply/customer", "message", "x").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", "0".repeat(32), "message", "x").status())
                .isEqualTo(404);
        assertThat(fx.tenant.writer().post("/ticket/comment", "ticket_id", "0".repeat(32), "comment", "x").status())
                .isEqualTo(404);
        assertThat(fx.detail(ticket).data().get("replies")).hasSize(1);
    }

    @Test
    void evaluatesOnlyFinishedTicketsAndOnlyOnce() {
        String ticket = fx.linkedTicket();
        var early = fx.tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "grade", "4");
        assertThat(early.status()).isEqualTo(409);

        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim"));
        assertThat(fx.tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "grade", "6").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "problem_solved", "X").status())
                .isEqualTo(400);
        ok(fx.tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "grade", "4"));
        assertThat(fx.tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "grade", "1").status()).isEqualTo(409);
        assertThat(fx.detail(ticket).data().get("evaluation").get("grade").asInt()).isEqualTo(4);
    }

    @Test
    void opensAndClosesCustomStatusesWithHistory() {
        String status = ok(fx.tenant.writer().post("/status/new", "name", "Aguardando fornecedor")).id();
        String ticket = fx.linkedTicket();

        ok(fx.tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", status, "comment", "Peça"));
        var open = fx.detail(ticket).data();
        assertThat(open.get("current_status").get("id").asString()).isEqualTo(status);
        assertThat(open.get("current_status").get("description").asString()).isEqualTo("Aguardando fornecedor");
        assertThat(open.get("status").isArray()).isTrue();
        assertThat(open.get("status").get(0).get("start").get("comment").asString()).isEqualTo("Peça");
        assertThat(open.get("status").get(0).get("start").get("operator").get("id").asString()).isEqualTo(fx.operator);
        var listed = ok(fx.tenant.reader().get("/ticket/list", "status_id", status));
        assertThat(listed.data().get(0).get("status").get("description").asString()).isEqualTo("Aguardando fornecedor");

        var twice = fx.tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", status);
        assertThat(twice.status()).isEqualTo(409);

        ok(fx.tenant.writer().post("/ticket/status/close", "ticket_id", ticket));
        var closed = fx.detail(ticket).data();
        assertThat(closed.get("current_status").isNull()).isTrue();
        assertThat(closed.get("status").get(0).get("end").get("date").isNull()).isFalse();
        assertThat(fx.tenant.writer().post("/ticket/status/close", "ticket_id", ticket).status()).isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", "0".repeat(32)).status())
                .isEqualTo(404);
        assertThat(fx.tenant.writer().post("/ticket/status/open", "ticket_id", ticket).status()).isEqualTo(400);

        var refusedDelete = fx.tenant.writer().post("/status/delete", "status_id", status);
        assertThat(refusedDelete.status()).isEqualTo(409);
        assertThat(events.of(ticket)).contains("ticket.status_opened", "ticket.status_closed");
    }

    @Test
    void finishingClosesTheOpenStatusAndStoresFinishFields() {
        String status = ok(fx.tenant.writer().post("/status/new", "name", "Pendente")).id();
        String field = ok(fx.tenant.admin().post("/custom_field/new", "label", "Solução", "entity", "ticket_finish", "type", "text",
                "required", "1")).id();
        String ticket = fx.linkedTicket();
        ok(fx.tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", status));

        assertThat(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim").status()).isEqualTo(400);
        assertThat(fx.situation(ticket)).isEqualTo(1);

        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim", "custom_field[" + field + "]", "Troca"));
        var finished = fx.detail(ticket).data();
        assertThat(finished.get("current_status").isNull()).isTrue();
        assertThat(finished.get("custom_fields").get("closed").get(0).get("value").asString()).isEqualTo("Troca");
    }

    @Test
    void cancelsAndReopensTickets() {
        String ticket = fx.linkedTicket();
        ok(fx.tenant.writer().post("/ticket/cancel", "ticket_id", ticket, "message", "Duplicado"));
        assertThat(fx.situation(ticket)).isEqualTo(4);
        assertThat(fx.tenant.writer().post("/ticket/cancel", "ticket_id", ticket).status()).isEqualTo(409);

        ok(fx.tenant.writer().post("/ticket/reopen", "ticket_id", ticket, "message", "Ainda com problema"));
        var reopened = fx.detail(ticket).data();
        assertThat(reopened.get("situation").get("id").asInt()).isEqualTo(3);
        assertThat(reopened.get("reopened").asBoolean()).isTrue();
        assertThat(reopened.get("end_date").isNull()).isTrue();
        assertThat(fx.tenant.writer().post("/ticket/reopen", "ticket_id", ticket).status()).isEqualTo(409);

        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Fim"));
        ok(fx.tenant.writer().post("/ticket/reopen", "ticket_id", ticket));
        assertThat(fx.situation(ticket)).isEqualTo(1);
        assertThat(events.of(ticket)).contains("ticket.cancelled", "ticket.reopened");
    }

    @Test
    void tagsAreCaseInsensitiveAndShownOnRequest() {
        String ticket = fx.openTicket();
        ok(fx.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "VIP"));
        assertThat(fx.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "vip").status()).isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "x".repeat(51)).status()).isEqualTo(400);
        ok(fx.tenant.writer().post("/ticket/tag/add", "ticket_id", ticket, "tag", "impressora"));

        assertThat(fx.detail(ticket, "show_tags", "1").data().get("tags").toString()).isEqualTo("[\"impressora\",\"VIP\"]");
        assertThat(fx.detail(ticket).data().has("tags")).isFalse();

        ok(fx.tenant.writer().post("/ticket/tag/remove", "ticket_id", ticket, "tag", "vip"));
        assertThat(fx.tenant.writer().post("/ticket/tag/remove", "ticket_id", ticket, "tag", "vip").status()).isEqualTo(409);
        assertThat(fx.detail(ticket, "show_tags", "1").data().get("tags")).hasSize(1);
        assertThat(events.of(ticket)).contains("ticket.updated");
    }

    @Test
    void recordsStopwatchTimeWithOperatorReplies() {
        String ticket = fx.linkedTicket();
        ok(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Feito",
                "start_date", "2026-08-21 10:00:00-0300", "end_date", "2026-08-21 10:30:00-0300"));
        assertThat(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "x",
                "start_date", "2026-08-21 10:00:00-0300").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "x",
                "start_date", "ontem", "end_date", "hoje").status()).isEqualTo(400);

        var data = fx.detail(ticket, "show_stopwatch", "1").data();
        assertThat(data.get("stopwatch")).hasSize(1);
        assertThat(data.get("stopwatch").get(0).get("seconds").asLong()).isEqualTo(1800);
        assertThat(data.get("stopwatch").get(0).get("operator").get("name").asString()).isEqualTo("Ana");
        assertThat(data.get("work_time").asLong()).isEqualTo(1800);
        assertThat(data.get("replies")).hasSize(2);
    }

    @Test
    void showsChildTicketsAsStaggeredTickets() {
        String parent = fx.openTicket();
        String child = fx.openTicket("parent_ticket_id", parent);

        var data = fx.detail(parent, "show_staggered_tickets", "1").data();
        assertThat(data.get("staggered_tickets")).hasSize(1);
        assertThat(data.get("staggered_tickets").get(0).get("id").asString()).isEqualTo(child);
        assertThat(fx.detail(child).data().get("parent_ticket_id").asString()).isEqualTo(parent);
        assertThat(fx.open("parent_ticket_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void sanitizesHtmlMessagesAndMarksThemAsHtml() {
        String ticket = fx.openTicket("message", "<p>Olá <b>mundo</b><script>alert(1)</script><img src=x onerror=alert(2)></p>");

        var reply = fx.detail(ticket).data().get("replies").get(0);
        assertThat(reply.get("mimetype").asString()).isEqualTo("text/html");
        assertThat(reply.get("message").asString()).contains("<b>mundo</b>").doesNotContain("script").doesNotContain("onerror");
        assertThat(fx.detail(ticket).data().get("mimetype").asString()).isEqualTo("text/html");
    }

    @Test
    void writesNeedAWriteTokenAndReadsAToken() {
        String ticket = fx.linkedTicket();
        assertThat(fx.tenant.reader().post("/ticket/new", "customer_id", "c-1", "department_id", fx.department,
                "subject", "S", "message", "M").status()).isEqualTo(403);
        for (String path : List.of("/ticket/operator/link", "/ticket/transfer", "/ticket/reply/operator", "/ticket/reply/customer",
                "/ticket/comment", "/ticket/status/open", "/ticket/status/close", "/ticket/finish", "/ticket/evaluation",
                "/ticket/cancel", "/ticket/reopen", "/ticket/tag/add", "/ticket/tag/remove")) {
            assertThat(fx.tenant.reader().post(path, "ticket_id", ticket).status()).as(path).isEqualTo(403);
            assertThat(fx.tenant.anonymous().post(path, "ticket_id", ticket).status()).as(path).isEqualTo(401);
        }
        assertThat(fx.tenant.anonymous().get("/ticket/list").status()).isEqualTo(401);
        assertThat(fx.tenant.anonymous().get("/ticket/detail", "ticket_id", ticket).status()).isEqualTo(401);
        assertThat(fx.tenant.reader().get("/ticket/detail").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/ticket/detail", "ticket_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountSeesNoneOfTheTicketsAndGets404ForTheirIds() {
        String ticket = fx.linkedTicket();
        var other = new TicketFixture(tenants.create());

        assertThat(other.tenant.reader().get("/ticket/detail", "ticket_id", ticket).status()).isEqualTo(404);
        assertThat(ok(other.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
        for (String path : List.of("/ticket/reply/customer", "/ticket/finish", "/ticket/cancel")) {
            assertThat(other.tenant.writer().post(path, "ticket_id", ticket, "message", "x").status()).as(path).isEqualTo(404);
        }
        assertThat(other.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", other.operator).status())
                .isEqualTo(404);
        assertThat(other.open("department_id", fx.department).status()).isEqualTo(404);
        assertThat(fx.detail(ticket).data().get("replies")).hasSize(1);
        // Protocols count per account.
        assertThat(ok(other.open()).json().get("protocol").asLong()).isEqualTo(1);
    }

    @Test
    void operatorsWhoWereEverLinkedCannotBeDeleted() {
        String ticket = fx.linkedTicket();
        String bia = fx.operator("Bia", "bia@example.com");
        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "operator_id", bia));

        var refused = fx.tenant.admin().post("/operator/delete", "operator_id", fx.operator);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("This operator cannot be removed because there are chats/tickets linked to it.");
        var refusedPt = fx.tenant.admin().withHeader("Accept-Language", "pt-BR").post("/operator/delete", "operator_id", fx.operator);
        assertThat(refusedPt.message()).contains("Este atendente não pode ser removido por haver atendimentos/chamados vinculados.");

        String free = fx.operator("Caio", "caio@example.com");
        ok(fx.tenant.admin().post("/operator/delete", "operator_id", free));
    }

    @Test
    void departmentsAndCategoriesWithTicketsCannotBeDeleted() {
        String category = ok(fx.tenant.admin().post("/department/category/new", "department_id", fx.department, "name", "Hardware")).id();
        fx.openTicket("category_id", category);

        assertThat(fx.tenant.admin().post("/department/category/delete", "category_id", category).status()).isEqualTo(409);
        assertThat(fx.tenant.admin().post("/department/delete", "department_id", fx.department).status()).isEqualTo(409);
    }
}
