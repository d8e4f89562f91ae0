package io.atende.console.tickets;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.atende.api.v2.TicketEvents;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.ticket.MessageKind;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketMessageView;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class TicketWorkspacePageTest {

    private static final String UNKNOWN = "0".repeat(32);

    @Autowired
    TestTenants tenants;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketEvents events;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void showsTheWholeConversationWithInternalCommentsSetApartAndAttachmentsToDownload() {
        String ticket = desk.myTicket("Impressora");
        DeskFixture.ok(desk.tenant.writer().postMultipart("/ticket/reply/customer",
                List.of(new ApiClient.FilePart("attachment[0]", "erro.txt", "text/plain", "papel preso".getBytes(StandardCharsets.UTF_8))),
                "ticket_id", ticket, "message", "Segue o erro"));
        DeskFixture.ok(desk.tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "Cliente VIP"));

        var page = desk.session.get("/console/tickets/" + ticket);

        assertThat(page.status()).isEqualTo(200);
        var messages = page.document().select(".desk-conversation article.message");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).select(".body").text()).isEqualTo("Mensagem de abertura de Impressora");
        assertThat(messages.get(0).select("header strong").text()).isEqualTo("Carla Cliente");
        assertThat(messages.get(2).hasClass("internal")).isTrue();
        assertThat(messages.get(2).select(".body").text()).isEqualTo("Cliente VIP");
        assertThat(page.document().select(".message.internal")).hasSize(1);
        assertThat(page.text("#customer strong")).isEqualTo("Carla Cliente");

        var link = messages.get(1).selectFirst(".attachments a");
        assertThat(link.text()).isEqualTo("erro.txt");
        var file = desk.session.get(link.attr("href"));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("papel preso");
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains("erro.txt");
    }

    @Test
    void takesAnUnassignedTicketAndConfirmsInPlace() {
        String ticket = desk.ticket("Sem dono");

        var answer = desk.session.htmx().post("/console/tickets/" + ticket + "/take");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.document().select("header.topbar")).isEmpty();
        assertThat(answer.text("#assignment [role=status]")).isEqualTo("O chamado agora é seu.");
        assertThat(answer.text("#ticket-operator")).isEqualTo(desk.operator.name());
        assertThat(desk.detail(ticket).data().get("operator").get("id").asString()).isEqualTo(desk.operator.id());
    }

    @Test
    void refusesToLetAnOperatorOutsideTheDepartmentTakeTheTicket() {
        String ticket = desk.ticket("Sem dono");
        var outsider = desk.outsider();
        outsider.session().get("/console/tickets/" + ticket);

        var answer = outsider.session().htmx().post("/console/tickets/" + ticket + "/take");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("#assignment [role=alert]"))
                .isEqualTo("O atendente " + outsider.operator().name() + " não é membro do departamento do chamado.");
        assertThat(desk.detail(ticket).data().get("operator").get("id").isNull()).isTrue();
    }

    @Test
    void repliesWithAttachmentsAndRecordsTheMinutesWorked() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var answer = desk.session.htmx().postMultipart("/console/tickets/" + ticket + "/reply",
                List.of(new ApiClient.FilePart("attachment", "manual.pdf", "application/pdf", "%PDF-1.4 manual".getBytes(StandardCharsets.UTF_8)),
                        new ApiClient.FilePart("attachment", "", "application/octet-stream", new byte[0])),
                "message", "Reinicie a impressora", "work_minutes", "15");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("#reply [role=status]")).isEqualTo("Resposta enviada.");
        assertThat(answer.document().selectFirst("#reply-message").text()).isEmpty();
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("situation").get("id").asInt()).isEqualTo(2);
        var reply = detail.get("replies").get(1);
        assertThat(reply.get("message").asString()).isEqualTo("Reinicie a impressora");
        assertThat(reply.get("sender_type").asString()).isEqualTo("A");
        assertThat(reply.get("attachments")).hasSize(1);
        assertThat(reply.get("attachments").get(0).get("mimetype").asString()).isEqualTo("application/pdf");
        assertThat(detail.get("stopwatch").get(0).get("seconds").asInt()).isEqualTo(900);
        assertThat(answer.text("#time p")).isEqualTo("Ao todo: 15 minuto(s)");
    }

    @Test
    void showsAReplyWithoutMessageAsAnErrorInPlaceAndKeepsTheMinutes() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var answer = desk.session.htmx().postMultipart("/console/tickets/" + ticket + "/reply", List.of(), "message", " ",
                "work_minutes", "7");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("#reply [role=alert]")).isEqualTo("O parâmetro \"message\" é obrigatório.");
        assertThat(answer.document().selectFirst("#reply-message").attr("aria-invalid")).isEqualTo("true");
        assertThat(answer.document().selectFirst("#work_minutes").val()).isEqualTo("7");
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);
    }

    @Test
    void refusesFilesOverTwentyFiveMegabytesWithTheMessageInThePagesAlertArea() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var answer = desk.session.htmx().postMultipart("/console/tickets/" + ticket + "/reply",
                List.of(new ApiClient.FilePart("attachment", "grande.bin", "application/octet-stream", new byte[26 * 1024 * 1024])),
                "message", "Segue o arquivo");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers().firstValue("HX-Retarget")).hasValue("#desk-alert");
        assertThat(answer.text("[role=alert]")).contains("25 MB");
        assertThat(desk.session.get("/console/tickets/" + ticket).document().select("#desk-alert")).hasSize(1);
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);
    }

    @Test
    void withoutJavaScriptAReplyWithFilesOverTheLimitIs413WithTheConsolesPageAndChangesNothing() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        // Just over the 25 MB a request may carry, generated here; the CSRF token travels in the body.
        var answer = desk.session.postMultipart("/console/tickets/" + ticket + "/reply",
                List.of(new ApiClient.FilePart("attachment", "grande.bin", "application/octet-stream", new byte[25 * 1024 * 1024 + 1])),
                "message", "Segue o arquivo");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.document().select("header.topbar")).hasSize(1);
        assertThat(answer.text("main [role=alert]")).contains("25 MB");
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);
        assertThat(desk.detail(ticket).data().get("situation").get("id").asInt()).isEqualTo(1);
        // The session and its token still work afterwards.
        desk.session.get("/console/tickets/" + ticket);
        assertThat(desk.session.post("/console/tickets/" + ticket + "/tags/add", "tag", "ok").status()).isEqualTo(302);
    }

    @Test
    void aPostOverTheLimitFromSomeoneSignedOutIsSentToSignInAndChangesNothing() {
        String ticket = desk.myTicket("Impressora");
        var outsider = new BrowserSession(tenants.port());

        var forged = outsider.postMultipart("/console/tickets/" + ticket + "/reply",
                List.of(new ApiClient.FilePart("attachment", "grande.bin", "application/octet-stream", new byte[25 * 1024 * 1024 + 1])),
                "message", "Segue o arquivo");

        assertThat(forged.status()).isEqualTo(302);
        assertThat(forged.redirectPath()).startsWith("/console/sign-in");
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);
    }

    @Test
    void letsOnlyTheLinkedOperatorReplyOrFinish() {
        String ticket = desk.myTicket("Impressora");
        var colleague = desk.colleague();
        colleague.session().get("/console/tickets/" + ticket);

        var reply = colleague.session().htmx().post("/console/tickets/" + ticket + "/reply", "message", "Eu respondo");
        var finish = colleague.session().htmx().post("/console/tickets/" + ticket + "/finish", "message", "Fim");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("#reply [role=alert]")).startsWith("Este chamado está com " + desk.operator.name());
        assertThat(finish.status()).isEqualTo(409);
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);
        assertThat(desk.detail(ticket).data().get("situation").get("id").asInt()).isEqualTo(1);

        String unassigned = desk.ticket("Sem dono");
        desk.session.get("/console/tickets/" + unassigned);
        assertThat(desk.session.htmx().post("/console/tickets/" + unassigned + "/reply", "message", "Oi").text("#reply [role=alert]"))
                .isEqualTo("Nenhum atendente está vinculado a este chamado: assuma-o primeiro.");
    }

    @Test
    void anInternalCommentIsInTheNameOfWhoeverWroteItNotOfTheLinkedOperator() {
        String ticket = desk.myTicket("Impressora");
        var colleague = desk.colleague();
        colleague.session().get("/console/tickets/" + ticket);

        var answer = colleague.session().htmx().post("/console/tickets/" + ticket + "/comment", "comment", "Já vi isso antes");

        assertThat(answer.status()).isEqualTo(200);
        var note = answer.document().selectFirst(".message.internal");
        assertThat(note.select(".body").text()).isEqualTo("Já vi isso antes");
        assertThat(note.select("header strong").text()).isEqualTo(colleague.operator().name());
        var stored = tickets.detail(desk.tenant.accountId(), ticket).messages().stream()
                .filter(message -> message.kind() == MessageKind.COMMENT).toList();
        assertThat(stored).singleElement().extracting(TicketMessageView::operatorId).isEqualTo(colleague.operator().id());
        assertThat(tickets.get(desk.tenant.accountId(), ticket).operatorId()).isEqualTo(desk.operator.id());
        assertThat(desk.session.get("/console/tickets/" + ticket).text(".message.internal header strong"))
                .isEqualTo(colleague.operator().name());
    }

    @Test
    void changesTheCategoryInPlaceAmongTheDepartmentsCategoriesAndClearsIt() {
        String hardware = DeskFixture.ok(desk.tenant.admin().post("/department/category/new", "department_id", desk.department,
                "name", "Hardware")).id();
        DeskFixture.ok(desk.tenant.admin().post("/department/category/new", "department_id", desk.department, "name", "Rede"));
        String ticket = desk.ticket("Impressora");
        var page = desk.session.get("/console/tickets/" + ticket);
        assertThat(page.document().select("#category-select option").eachText()).containsExactly("Sem categoria", "Hardware", "Rede");
        assertThat(page.document().selectFirst("#category-select option[selected]").val()).isEmpty();

        var changed = desk.session.htmx().post("/console/tickets/" + ticket + "/category", "category_id", hardware);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.document().select("header.topbar")).isEmpty();
        assertThat(changed.text("#category [role=status]")).isEqualTo("Categoria alterada.");
        assertThat(changed.document().selectFirst("#category-select option[selected]").val()).isEqualTo(hardware);
        assertThat(changed.text(".desk-ticket-head p")).contains("Suporte / Hardware");
        assertThat(tickets.get(desk.tenant.accountId(), ticket).categoryId()).isEqualTo(hardware);
        assertThat(events.of(ticket)).containsExactly("ticket.created", "ticket.updated");

        var cleared = desk.session.htmx().post("/console/tickets/" + ticket + "/category", "category_id", "");

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(tickets.get(desk.tenant.accountId(), ticket).categoryId()).isNull();
        assertThat(events.of(ticket)).containsExactly("ticket.created", "ticket.updated", "ticket.updated");
    }

    @Test
    void showsACategoryOfAnotherDepartmentAsAnErrorInPlaceAndChangesNothing() {
        String hardware = DeskFixture.ok(desk.tenant.admin().post("/department/category/new", "department_id", desk.department,
                "name", "Hardware")).id();
        String billing = DeskFixture.ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        String invoices = DeskFixture.ok(desk.tenant.admin().post("/department/category/new", "department_id", billing,
                "name", "Boletos")).id();
        String ticket = desk.ticket("Impressora", "category_id", hardware);
        desk.session.get("/console/tickets/" + ticket);

        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/category", "category_id", invoices);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#category [role=alert]")).isEqualTo("O parâmetro \"category_id\" indica uma categoria de outro departamento.");
        assertThat(refused.document().selectFirst("#category-select").attr("aria-invalid")).isEqualTo("true");
        assertThat(tickets.get(desk.tenant.accountId(), ticket).categoryId()).isEqualTo(hardware);
        assertThat(events.of(ticket)).containsExactly("ticket.created");

        var withoutJavaScript = desk.session.post("/console/tickets/" + ticket + "/category", "category_id", invoices);
        assertThat(withoutJavaScript.status()).isEqualTo(400);
        assertThat(withoutJavaScript.document().select("header.topbar")).hasSize(1);
        assertThat(withoutJavaScript.text("#category [role=alert]")).contains("category_id");
    }

    @Test
    void refusesToChangeTheCategoryOfAFinishedTicketInPlace() {
        String hardware = DeskFixture.ok(desk.tenant.admin().post("/department/category/new", "department_id", desk.department,
                "name", "Hardware")).id();
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/finish", "message", "Resolvido").status()).isEqualTo(200);

        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/category", "category_id", hardware);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#category [role=alert]")).isEqualTo("Este chamado está finalizado ou cancelado e não pode ser alterado assim.");
        assertThat(refused.document().select("#category-select")).isEmpty();
        assertThat(refused.text("#category-name")).isEqualTo("Sem categoria");
        assertThat(tickets.get(desk.tenant.accountId(), ticket).categoryId()).isNull();
    }

    @Test
    void answersNotFoundForAnotherAccountsTicketsCategory() {
        var other = new DeskFixture(tenants);
        String theirCategory = DeskFixture.ok(other.tenant.admin().post("/department/category/new", "department_id", other.department,
                "name", "Deles")).id();
        String theirs = other.ticket("Deles");
        String mine = desk.ticket("Meu");
        desk.session.get("/console/tickets/" + mine);

        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/category", "category_id", theirCategory).status())
                .isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/category", "category_id", "").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + mine + "/category", "category_id", theirCategory).status())
                .isEqualTo(404);
        assertThat(tickets.get(other.tenant.accountId(), theirs).categoryId()).isNull();
        assertThat(tickets.get(desk.tenant.accountId(), mine).categoryId()).isNull();
    }

    @Test
    void addsAnInternalCommentThatTheCustomerNeverSees() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var answer = desk.session.htmx().postMultipart("/console/tickets/" + ticket + "/comment", List.of(), "comment", "Ligar amanhã");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("#comment [role=status]")).isEqualTo("Comentário adicionado.");
        assertThat(answer.document().select(".message.internal .body").text()).isEqualTo("Ligar amanhã");
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("comments").get(0).get("comment").asString()).isEqualTo("Ligar amanhã");
        assertThat(detail.get("replies")).hasSize(1);
    }

    @Test
    void opensAndClosesACustomStatusAndRefusesASecondOne() {
        String status = DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando peça")).id();
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var missing = desk.session.htmx().post("/console/tickets/" + ticket + "/status/open", "status_id", "");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.document().selectFirst("#status_id").attr("aria-invalid")).isEqualTo("true");

        var opened = desk.session.htmx().post("/console/tickets/" + ticket + "/status/open", "status_id", status, "comment", "Fornecedor");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.text("#status [role=status]")).isEqualTo("Status aberto.");
        assertThat(opened.text("#current-status")).isEqualTo("Aguardando peça");

        var again = desk.session.htmx().post("/console/tickets/" + ticket + "/status/open", "status_id", status);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("#status [role=alert]")).isEqualTo("Já há um status aberto neste chamado; encerre-o primeiro.");

        var closed = desk.session.htmx().post("/console/tickets/" + ticket + "/status/close");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.document().select("#current-status")).isEmpty();
        assertThat(desk.detail(ticket).data().get("current_status").isNull()).isTrue();
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/status/close").status()).isEqualTo(409);
    }

    @Test
    void addsAndRemovesFollowersWhoAreRefusedWithAMessageInPlace() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var added = desk.session.htmx().post("/console/tickets/" + ticket + "/followers/add", "email", "Chefe@example.com");
        assertThat(added.text("#followers [role=status]")).isEqualTo("Seguidor adicionado.");
        assertThat(added.document().select(".desk-followers li").text()).contains("chefe@example.com");
        var twice = desk.session.htmx().post("/console/tickets/" + ticket + "/followers/add", "email", "chefe@example.com");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("#followers [role=alert]")).isEqualTo("chefe@example.com já segue este chamado.");
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/followers/add", "email", "não é e-mail").status()).isEqualTo(400);
        assertThat(desk.session.get("/console/tickets/" + ticket).document().select(".desk-followers li")).hasSize(1);

        var removed = desk.session.htmx().post("/console/tickets/" + ticket + "/followers/remove", "email", "chefe@example.com");
        assertThat(removed.text("#followers [role=status]")).isEqualTo("Seguidor removido.");
        assertThat(removed.document().select(".desk-followers li")).isEmpty();
    }

    @Test
    void addsAndRemovesTags() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/tags/add", "tag", "Hardware").text("#tags [role=status]"))
                .isEqualTo("Etiqueta adicionada.");
        var twice = desk.session.htmx().post("/console/tickets/" + ticket + "/tags/add", "tag", "hardware");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("#tags [role=alert]")).isEqualTo("O chamado já tem a etiqueta hardware.");
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/tags/add", "tag", "x".repeat(51)).status()).isEqualTo(400);
        assertThat(desk.detail(ticket).data().get("tags").get(0).asString()).isEqualTo("Hardware");

        var removed = desk.session.htmx().post("/console/tickets/" + ticket + "/tags/remove", "tag", "Hardware");
        assertThat(removed.text("#tags [role=status]")).isEqualTo("Etiqueta removida.");
        assertThat(removed.document().select(".desk-tags li")).isEmpty();
    }

    @Test
    void transfersToAColleagueAndBackToTheDepartmentQueue() {
        String ticket = desk.myTicket("Impressora");
        var colleague = desk.colleague();
        desk.session.get("/console/tickets/" + ticket);

        var same = desk.session.htmx().post("/console/tickets/" + ticket + "/transfer", "operator_id", desk.operator.id());
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.text("#assignment [role=alert]")).startsWith("Mesmo atendente");

        var moved = desk.session.htmx().post("/console/tickets/" + ticket + "/transfer", "operator_id", colleague.operator().id());
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("#assignment [role=status]")).isEqualTo("Chamado transferido.");
        assertThat(moved.text("#ticket-operator")).isEqualTo(colleague.operator().name());
        assertThat(desk.detail(ticket).data().get("situation").get("id").asInt()).isEqualTo(6);
    }

    @Test
    void aTransferToAnotherDepartmentKeepsTheOperatorUnlessAnotherOrNobodyIsChosen() {
        String finance = DeskFixture.ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
        DeskFixture.ok(desk.tenant.admin().post("/department/operator/add", "department_id", finance, "operator_id", desk.operator.id()));
        String ticket = desk.myTicket("Boleto");
        var page = desk.session.get("/console/tickets/" + ticket);
        assertThat(page.document().select("#transfer-operator option").first().text()).isEqualTo("Manter o atendente");

        var moved = desk.session.htmx().post("/console/tickets/" + ticket + "/transfer", "department_id", finance, "operator_id", "");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("#ticket-operator")).isEqualTo(desk.operator.name());
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("department").get("id").asString()).isEqualTo(finance);
        assertThat(detail.get("operator").get("id").asString()).isEqualTo(desk.operator.id());

        var nothing = desk.session.htmx().post("/console/tickets/" + ticket + "/transfer", "department_id", "", "operator_id", "");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(desk.detail(ticket).data().get("operator").get("id").asString()).isEqualTo(desk.operator.id());

        var queued = desk.session.htmx().post("/console/tickets/" + ticket + "/transfer", "department_id", "", "operator_id", "none");
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.text("#ticket-operator")).isEqualTo("Ninguém");
        assertThat(desk.detail(ticket).data().get("department").get("id").asString()).isEqualTo(finance);
        assertThat(desk.detail(ticket).data().get("situation").get("id").asInt()).isZero();
    }

    @Test
    void aFinishedTicketShowsItsOperatorAndDepartmentOffersNoStatusAndStillTakesInternalComments() {
        DeskFixture.ok(desk.tenant.writer().post("/status/new", "name", "Aguardando peça"));
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/finish", "message", "Resolvido").status()).isEqualTo(200);

        var page = desk.session.get("/console/tickets/" + ticket);

        assertThat(page.text("#situation")).isEqualTo("Finalizado");
        assertThat(page.text("#assignment-operator")).isEqualTo(desk.operator.name());
        assertThat(page.text("#assignment-department")).isEqualTo("Suporte");
        assertThat(page.document().select("#open-status, #status_id")).isEmpty();
        assertThat(page.document().select("#transfer-operator, #take")).isEmpty();
        var comment = desk.session.htmx().post("/console/tickets/" + ticket + "/comment", "comment", "Cliente ligou agradecendo");
        assertThat(comment.status()).isEqualTo(200);
        assertThat(comment.text("#comment [role=status]")).isEqualTo("Comentário adicionado.");
        assertThat(desk.detail(ticket).data().get("comments").get(0).get("comment").asString()).isEqualTo("Cliente ligou agradecendo");
    }

    @Test
    void finishesWithTheFinishTimeFieldsOfTheDepartmentAndReopens() {
        String field = DeskFixture.ok(desk.tenant.admin().post("/custom_field/new", "label", "Causa", "entity", "ticket_finish",
                "type", "select", "options", "Hardware,Software", "required", "1", "department_id", desk.department)).id();
        String ticket = desk.myTicket("Impressora");
        var page = desk.session.get("/console/tickets/" + ticket);
        assertThat(page.text("label[for=field-" + field + "]")).isEqualTo("Causa *");

        var missing = desk.session.htmx().post("/console/tickets/" + ticket + "/finish", "message", "Resolvido", "time_work", "20");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("#finish [role=alert]")).contains("Causa");
        assertThat(missing.document().selectFirst("#finish-message").text()).isEqualTo("Resolvido");
        assertThat(missing.document().selectFirst("#finish details").hasAttr("open")).isTrue();

        var finished = desk.session.htmx().post("/console/tickets/" + ticket + "/finish", "message", "Resolvido", "time_work", "20",
                "custom_field[" + field + "]", "Hardware");
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.text("#situation")).isEqualTo("Finalizado");
        assertThat(finished.text("#close [role=status]")).isEqualTo("Chamado finalizado.");
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("situation").get("id").asInt()).isEqualTo(5);
        assertThat(detail.get("work_time").asInt()).isEqualTo(1200);
        assertThat(detail.get("custom_fields").get("closed").get(0).get("value").asString()).isEqualTo("Hardware");

        var reopened = desk.session.htmx().post("/console/tickets/" + ticket + "/reopen");
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.text("#close [role=status]")).isEqualTo("Chamado reaberto.");
        assertThat(desk.detail(ticket).data().get("situation").get("id").asInt()).isEqualTo(1);
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/reopen").status()).isEqualTo(409);
    }

    @Test
    void cancelsWithAMessageToTheCustomer() {
        String ticket = desk.myTicket("Duplicado");
        desk.session.get("/console/tickets/" + ticket);

        var cancelled = desk.session.htmx().post("/console/tickets/" + ticket + "/cancel", "message", "Chamado duplicado");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("#situation")).isEqualTo("Cancelado");
        assertThat(desk.detail(ticket).data().get("situation").get("id").asInt()).isEqualTo(4);
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/cancel").status()).isEqualTo(409);
    }

    @Test
    void withoutJavaScriptAnActionRedirectsBackToTheTicketAndARefusalShowsTheWholePage() {
        String ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);

        var done = desk.session.post("/console/tickets/" + ticket + "/tags/add", "tag", "rede");
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.redirectPath()).isEqualTo("/console/tickets/" + ticket);
        assertThat(desk.session.get("/console/tickets/" + ticket).text("#tags [role=status]")).isEqualTo("Etiqueta adicionada.");

        var refused = desk.session.post("/console/tickets/" + ticket + "/tags/add", "tag", "rede");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.document().select("header.topbar")).hasSize(1);
        assertThat(refused.text("#tags [role=alert]")).isEqualTo("O chamado já tem a etiqueta rede.");
    }

    @Test
    void showsTheCustomersOtherTickets() {
        String first = desk.ticket("Primeiro");
        String second = desk.ticket("Segundo");

        var page = desk.session.get("/console/tickets/" + second);

        assertThat(page.document().select("#other-tickets a").eachText()).containsExactly("#1 Primeiro");
        assertThat(page.document().selectFirst("#other-tickets a").attr("href")).isEqualTo("/console/tickets/" + first);
    }

    @Test
    void answersNotFoundForAnotherAccountsTicketsAndFiles() {
        var other = new DeskFixture(tenants);
        String theirs = other.myTicket("Deles");
        String file = DeskFixture.ok(other.tenant.writer().postMultipart("/ticket/reply/customer",
                List.of(new ApiClient.FilePart("attachment[0]", "x.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))),
                "ticket_id", theirs, "message", "anexo")).json().get("id").asString();
        String fileId = other.detail(theirs).data().get("replies").get(1).get("attachments").get(0).get("id").asString();
        assertThat(file).isNotBlank();
        desk.session.get("/console/tickets");

        assertThat(desk.session.get("/console/tickets/" + theirs).status()).isEqualTo(404);
        assertThat(desk.session.get("/console/tickets/" + UNKNOWN).status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/take").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/tags/add", "tag", "x").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/cancel").status()).isEqualTo(404);
        assertThat(desk.session.get("/console/tickets/attachments/" + fileId).status()).isEqualTo(404);
        assertThat(other.detail(theirs).data().get("tags")).isEmpty();
    }

    @Test
    void anAdminWorksTicketsAsAnOperatorDoes() {
        String ticket = desk.ticket("Para o admin");
        var admin = tenants.signedIn(desk.tenant.accountId(), OperatorRole.ADMIN);
        desk.join(admin.operator().id());
        admin.session().get("/console/tickets/" + ticket);
        assertThat(admin.session().htmx().post("/console/tickets/" + ticket + "/take").status()).isEqualTo(200);
    }
}
