package io.atende.portal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalSettings;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's ticket pages against the real server, with data made through the API. */
@ApiTest
class PortalTicketsTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    PortalFixtures fixtures;
    TestTenants.Tenant tenant;
    String department;
    String operator;
    String customer;
    String email;
    BrowserSession browser;

    @BeforeEach
    void aSignedInCustomerAndADepartmentWithAnOperator() {
        fixtures = new PortalFixtures(tenants, access);
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        operator = tenant.admin().post("/operator/new", "name", "Ana Atendente", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        email = "maria" + System.nanoTime() + "@example.com";
        customer = fixtures.customer(tenant, "Maria Lima", email, "language", "en");
        browser = fixtures.signedIn(tenant.accountId(), customer, email);
    }

    @Test
    void listsTheCustomersOwnOpenAndClosedTicketsWithSearchAndPaging() {
        String first = ticket(customer, "Boleto não chegou", "Preciso do boleto de agosto");
        String second = ticket(customer, "Senha bloqueada", "Não consigo entrar");
        String finished = ticket(customer, "Nota fiscal", "Cadê a nota?");
        finish(finished, "Enviada por e-mail.");
        String someoneElse = fixtures.customer(tenant, "Outro", "outro" + System.nanoTime() + "@example.com");
        ticket(someoneElse, "Chamado de outro cliente", "não é seu");

        var open = browser.get("/portal/tickets");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.document().select("table.list tbody tr a").eachText()).containsExactlyInAnyOrder("Boleto não chegou", "Senha bloqueada");
        assertThat(open.document().select("table.list td[data-label=Situation]").eachText()).containsOnly("Waiting for an attendant");

        var closed = browser.get("/portal/tickets?show=closed");
        assertThat(closed.document().select("table.list tbody tr a").eachText()).containsExactly("Nota fiscal");
        assertThat(closed.text("table.list td[data-label=Situation]")).isEqualTo("Finished");

        var search = browser.get("/portal/tickets?q=boleto");
        assertThat(search.document().select("table.list tbody tr a").eachText()).containsExactly("Boleto não chegou");
        assertThat(search.document().select("table.list tbody tr a").attr("href")).isEqualTo("/portal/tickets/" + first);

        for (int i = 0; i < PortalTicketsController.PAGE_SIZE; i++) {
            ticket(customer, "Mais um " + i, "texto");
        }
        var page1 = browser.get("/portal/tickets");
        assertThat(page1.document().select("table.list tbody tr")).hasSize(PortalTicketsController.PAGE_SIZE);
        assertThat(page1.text(".pager span")).isEqualTo("Page 1 of 2");
        var page2 = browser.get(page1.document().selectFirst(".pager a[rel=next]").attr("href"));
        assertThat(page2.document().select("table.list tbody tr")).hasSize(2);
        assertThat(second).isNotBlank();
        assertThat(browser.get("/portal/tickets?page=zero").status()).isEqualTo(400);
    }

    @Test
    void searchDoesNotRevealWordsThatOnlyInternalCommentsHold() {
        String ticket = ticket(customer, "Impressora", "Não imprime");
        assertThat(tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "cliente caloteiro").status()).isEqualTo(200);
        assertThat(browser.get("/portal/tickets?q=caloteiro").document().select("table.list tbody tr")).isEmpty();
        assertThat(browser.get("/portal/tickets?q=imprime").document().select("table.list tbody tr")).hasSize(1);
    }

    @Test
    void showsTheConversationWithFilesButNeverAnInternalComment() {
        String ticket = ticket(customer, "Boleto", "Preciso do boleto");
        link(ticket);
        var reply = tenant.writer().postMultipart("/ticket/reply/operator",
                List.of(new FilePart("attachment[0]", "boleto.txt", "text/plain", "linha digitável".getBytes(StandardCharsets.UTF_8))),
                "ticket_id", ticket, "message", "Segue o boleto.");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "SEGREDO INTERNO: cliente difícil");

        var page = browser.get("/portal/tickets/" + ticket);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("article.message .body").eachText()).containsExactly("Preciso do boleto", "Segue o boleto.");
        assertThat(page.document().select("article.message header strong").eachText()).containsExactly("Maria Lima", "Ana Atendente");
        assertThat(page.body()).doesNotContain("SEGREDO INTERNO");
        var file = page.document().selectFirst("article.message ul.files a");
        assertThat(file.text()).isEqualTo("boleto.txt");
        var download = browser.get(file.attr("href"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("linha digitável");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
    }

    @Test
    void anotherCustomersTicketAnotherAccountsTicketAndAnInternalTicketAreNotFound() {
        String someoneElse = fixtures.customer(tenant, "Outro", "outro" + System.nanoTime() + "@example.com");
        String theirs = ticket(someoneElse, "Deles", "privado");
        // Finished, so only ownership stands between this customer and a reopen.
        finish(theirs, "Resolvido.");
        var other = tenants.create();
        String otherDepartment = other.admin().post("/department/new", "name", "X").id();
        String otherCustomer = fixtures.customer(other, "Maria Lima", email);
        String foreign = other.writer().post("/ticket/new", "customer_id", otherCustomer, "department_id", otherDepartment,
                "subject", "De outra conta", "message", "privado").json().get("ticket_id").asString();

        var internal = tenant.writer().post("/ticket/new", "customer_id", customer, "department_id", department,
                "subject", "Nota da equipe", "message", "privado", "ticket_type", "I");
        assertThat(internal.status()).as(internal.toString()).isEqualTo(200);
        String internalTicket = internal.json().get("ticket_id").asString();
        assertThat(browser.get("/portal/tickets").body()).doesNotContain("Nota da equipe");

        String before = tenant.reader().get("/ticket/detail", "ticket_id", theirs).data().toString();
        for (String id : List.of(theirs, foreign, internalTicket, "0".repeat(32), "not-an-id")) {
            var page = browser.get("/portal/tickets/" + id);
            assertThat(page.status()).as(id).isEqualTo(404);
            assertThat(page.text("p.error[role=alert]")).isEqualTo("Ticket not found.");
            assertThat(page.body()).doesNotContain("privado");
            assertThat(browser.post("/portal/tickets/" + id + "/reply", "message", "oi").status()).isEqualTo(404);
            assertThat(browser.post("/portal/tickets/" + id + "/evaluation", "grade", "5").status()).isEqualTo(404);
            assertThat(browser.post("/portal/tickets/" + id + "/reopen", "message", "reabrir").status()).isEqualTo(404);
        }
        assertThat(tenant.reader().get("/ticket/detail", "ticket_id", theirs).data().toString()).isEqualTo(before);
        assertThat(browser.get("/portal/tickets?show=closed").body()).doesNotContain("Deles");
    }

    @Test
    void opensATicketWithCategoryCustomFieldAndAFile() {
        String category = tenant.admin().post("/department/category/new", "department_id", department, "name", "Financeiro").id();
        String field = tenant.admin().post("/custom_field/new", "label", "Número do pedido", "entity", "ticket", "type", "text",
                "required", "1", "department_id", department).id();

        var form = browser.get("/portal/tickets/new?department_id=" + department);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().select("#category_id option").eachText()).contains("Financeiro");
        assertThat(form.document().select("label[for=field-" + field + "]").text()).startsWith("Número do pedido");
        var fields = browser.htmx().get("/portal/tickets/new/fields?department_id=" + department + "&category_id=" + category);
        assertThat(fields.document().select("#fields input[name='custom_field[" + field + "]'][required]")).hasSize(1);

        var opened = browser.postMultipart("/portal/tickets",
                List.of(new FilePart("attachment", "print.txt", "text/plain", "conteúdo".getBytes(StandardCharsets.UTF_8))),
                "department_id", department, "category_id", category, "subject", "Cobrança em dobro",
                "message", "Fui cobrada duas vezes", "custom_field[" + field + "]", "PED-42");
        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        String ticketId = opened.redirectPath().substring("/portal/tickets/".length(), "/portal/tickets/".length() + 32);
        var detail = tenant.reader().get("/ticket/detail", "ticket_id", ticketId).data();
        assertThat(detail.get("subject").asString()).isEqualTo("Cobrança em dobro");
        assertThat(detail.get("category").get("id").asString()).isEqualTo(category);
        assertThat(detail.get("replies").get(0).get("attachments").get(0).get("name").asString()).isEqualTo("print.txt");
        assertThat(detail.toString()).contains("PED-42");
        var page = browser.get(opened.redirectPath());
        assertThat(page.text("p[role=status]")).startsWith("Ticket number");
    }

    @Test
    void aFileNameLosesItsBidiControlsAndALongOneIsShortenedKeepingItsExtension() {
        browser.get("/portal/tickets/new?department_id=" + department);

        var opened = browser.postMultipart("/portal/tickets",
                List.of(new FilePart("attachment", "fatura\u202Efdp.exe", "application/pdf", "x".getBytes(StandardCharsets.UTF_8)),
                        new FilePart("attachment", "comprovante-".repeat(60) + "2024.pdf", "application/pdf",
                                "y".getBytes(StandardCharsets.UTF_8))),
                "department_id", department, "subject", "Arquivos", "message", "Seguem");

        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        String ticketId = opened.redirectPath().substring("/portal/tickets/".length(), "/portal/tickets/".length() + 32);
        var files = tenant.reader().get("/ticket/detail", "ticket_id", ticketId).data().get("replies").get(0).get("attachments");
        assertThat(files.get(0).get("name").asString()).isEqualTo("faturafdp.exe");
        assertThat(files.get(1).get("name").asString()).startsWith("comprovante-comprovante-").endsWith(".pdf").hasSizeLessThanOrEqualTo(250);
    }

    @Test
    void withoutJavaScriptATicketWithFilesOverTheLimitIs413WithThePortalsPageAndCreatesNothing() {
        browser.get("/portal/tickets/new?department_id=" + department);

        // Just over the 25 MB a request may carry, generated here; the CSRF token travels in the body.
        var refused = browser.postMultipart("/portal/tickets",
                List.of(new FilePart("attachment", "grande.bin", "application/octet-stream", new byte[25 * 1024 * 1024 + 1])),
                "department_id", department, "subject", "Arquivo grande", "message", "Segue");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.text("main")).contains("25 MB");
        assertThat(refused.body()).doesNotContain("\"status\"");
        assertThat(tenant.reader().get("/ticket/list").json().get("size").asInt()).isZero();
        assertThat(browser.get("/portal/tickets").status()).isEqualTo(200);
    }

    @Test
    void refusesATicketWithoutSubjectOrRequiredFieldInPlaceAndCreatesNothing() {
        String field = tenant.admin().post("/custom_field/new", "label", "Pedido", "entity", "ticket", "type", "text",
                "required", "1", "department_id", department).id();
        var missingSubject = browser.postMultipart("/portal/tickets", List.of(), "department_id", department, "subject", "",
                "message", "texto", "custom_field[" + field + "]", "1");
        assertThat(missingSubject.status()).isEqualTo(400);
        assertThat(missingSubject.text("#ticket-error")).isEqualTo("Parameter \"subject\" is required.");
        assertThat(missingSubject.document().select("#subject[aria-invalid=true]")).hasSize(1);
        assertThat(missingSubject.document().select("#message").text()).isEqualTo("texto");

        var missingField = browser.postMultipart("/portal/tickets",
                List.of(new FilePart("attachment", "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))),
                "department_id", department, "subject", "Assunto", "message", "texto");
        assertThat(missingField.status()).isEqualTo(400);
        assertThat(missingField.text("#ticket-error")).contains("Pedido");
        var noDepartment = browser.postMultipart("/portal/tickets", List.of(), "subject", "Assunto", "message", "texto");
        assertThat(noDepartment.status()).isEqualTo(400);
        assertThat(tenant.reader().get("/ticket/list").json().get("size").asInt()).isZero();
    }

    @Test
    void aCustomerWhoMayNotOpenTicketsFollowsButCannotOpen() {
        String followerEmail = "f" + System.nanoTime() + "@example.com";
        String follower = fixtures.customer(tenant, "Seguidor", followerEmail, "create_tickets", "0");
        var session = fixtures.signedIn(tenant.accountId(), follower, followerEmail);
        var list = session.get("/portal/tickets");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.document().select("a[href='/portal/tickets/new']")).isEmpty();
        assertThat(session.get("/portal/tickets/new").status()).isEqualTo(403);
        var refused = session.postMultipart("/portal/tickets", List.of(), "department_id", department, "subject", "Quero abrir",
                "message", "por favor");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("p.error[role=alert]")).startsWith("You can follow your tickets, but you are not allowed");
        assertThat(tenant.reader().get("/ticket/list").json().get("size").asInt()).isZero();
    }

    @Test
    void repliesWithAFileAndRefusesAnEmptyReplyOrOneToAFinishedTicket() {
        String ticket = ticket(customer, "Boleto", "Preciso do boleto");
        var page = browser.get("/portal/tickets/" + ticket);
        assertThat(page.document().select("form[action$=/reply]")).hasSize(1);
        var empty = browser.postMultipart("/portal/tickets/" + ticket + "/reply", List.of(), "message", " ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("aside p.error[role=alert]")).isEqualTo("Parameter \"message\" is required.");

        var sent = browser.postMultipart("/portal/tickets/" + ticket + "/reply",
                List.of(new FilePart("attachment", "extrato.txt", "text/plain", "R$ 10".getBytes(StandardCharsets.UTF_8))),
                "message", "Mais detalhes");
        assertThat(sent.status()).isEqualTo(302);
        var after = browser.get(sent.redirectPath());
        assertThat(after.text(".notice")).isEqualTo("Your reply was sent.");
        assertThat(after.document().select("article.message .body").eachText()).containsExactly("Preciso do boleto", "Mais detalhes");
        var replies = tenant.reader().get("/ticket/detail", "ticket_id", ticket).data().get("replies");
        assertThat(replies.get(1).get("sender_type").asString()).isEqualTo("C");
        assertThat(replies.get(1).get("attachments").get(0).get("name").asString()).isEqualTo("extrato.txt");

        finish(ticket, "Resolvido.");
        assertThat(browser.get("/portal/tickets/" + ticket).document().select("form[action$=/reply]")).isEmpty();
        var late = browser.postMultipart("/portal/tickets/" + ticket + "/reply", List.of(), "message", "Ainda aqui?");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void evaluatesAFinishedTicketOnceAndRefusesBadGradesAndOpenTickets() {
        String ticket = ticket(customer, "Boleto", "Preciso do boleto");
        browser.get("/portal/tickets/" + ticket);
        var early = browser.post("/portal/tickets/" + ticket + "/evaluation", "grade", "5", "solved", "Y");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("aside p.error[role=alert]")).isEqualTo("Only finished tickets can be evaluated.");

        finish(ticket, "Enviado.");
        var page = browser.get("/portal/tickets/" + ticket);
        assertThat(page.document().select("form[action$=/evaluation] input[name=grade]")).hasSize(5);
        var bad = browser.post("/portal/tickets/" + ticket + "/evaluation", "grade", "9");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("aside p.error[role=alert]")).isEqualTo("Parameter \"grade\" must be between 1 and 5.");

        var done = browser.post("/portal/tickets/" + ticket + "/evaluation", "grade", "4", "solved", "Y", "comment", "Rápido");
        assertThat(done.status()).isEqualTo(302);
        var after = browser.get(done.redirectPath());
        assertThat(after.text(".notice")).isEqualTo("Thank you for your evaluation.");
        assertThat(after.document().select("form[action$=/evaluation]")).isEmpty();
        var evaluation = tenant.reader().get("/ticket/detail", "ticket_id", ticket).data();
        assertThat(evaluation.toString()).contains("Rápido");
        assertThat(browser.post("/portal/tickets/" + ticket + "/evaluation", "grade", "1").status()).isEqualTo(409);
    }

    @Test
    void aFinishedTicketIsReopenedByItsCustomerWithinTheWindowLikeThroughTheApi() {
        String ticket = ticket(customer, "Boleto", "Preciso do boleto");
        assertThat(browser.get("/portal/tickets/" + ticket).document().select("form[action$=/reopen]")).isEmpty();
        finish(ticket, "Enviado.");
        try (var receiver = new WebhookReceiver()) {
            tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard", "events", "ticket.reopened");

            var page = browser.get("/portal/tickets/" + ticket);
            assertThat(page.document().select("form[action=/portal/tickets/" + ticket + "/reopen] textarea[name=message]")).hasSize(1);
            assertThat(page.text("#reopen-heading + p")).startsWith("You can reopen this ticket until ");

            var reopened = browser.post("/portal/tickets/" + ticket + "/reopen", "message", "O boleto veio com o valor errado.");
            assertThat(reopened.redirectPath()).isEqualTo("/portal/tickets/" + ticket);
            var after = browser.get(reopened.redirectPath());
            assertThat(after.text(".notice")).isEqualTo("The ticket is open again. We will answer here.");
            assertThat(after.document().select("form[action$=/reopen]")).isEmpty();
            assertThat(after.document().select("form[action$=/reply]")).hasSize(1);
            assertThat(after.document().select("article.message .body").eachText()).contains("O boleto veio com o valor errado.");

            // Another test's reopen in this account may reach the new subscription too, if it was fanned out after it.
            assertThat(receiver.await(received -> received.stream().anyMatch(delivery -> delivery.text().contains(ticket)),
                    java.time.Duration.ofSeconds(10))).filteredOn(delivery -> delivery.text().contains(ticket)).hasSize(1);
        }
        assertThat(browser.get("/portal/tickets").document().select("table.list tbody tr a").eachText()).containsExactly("Boleto");
    }

    @Test
    void afterTheWindowAFinishedTicketOffersNoReopenAndAPostIsRefusedWithAReason() {
        String ticket = ticket(customer, "Boleto", "Preciso do boleto");
        browser.get("/portal/tickets/" + ticket);
        var notFinished = browser.post("/portal/tickets/" + ticket + "/reopen");
        assertThat(notFinished.status()).isEqualTo(409);
        assertThat(notFinished.text("aside p.error[role=alert]")).isEqualTo("Only a finished ticket can be reopened.");

        finish(ticket, "Enviado.");
        // Finished eight days ago: past the default window of seven.
        jdbc.sql("update ticket set situation_at = :finished where account_id = :account and id = :id")
                .param("finished", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(8))
                .param("account", tenant.accountId()).param("id", ticket).update();
        var page = browser.get("/portal/tickets/" + ticket);
        assertThat(page.document().select("form[action$=/reopen]")).isEmpty();

        var late = browser.post("/portal/tickets/" + ticket + "/reopen", "message", "Ainda errado");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("aside p.error[role=alert]"))
                .startsWith("This ticket can no longer be reopened: the time to reopen it ended on ")
                .endsWith(". Open a new ticket instead.");
        assertThat(browser.get("/portal/tickets?show=closed").document().select("table.list tbody tr a").eachText()).containsExactly("Boleto");
    }

    @Test
    void linksToTheHelpCenterOfTheCustomersAccount() {
        var page = browser.get("/portal/tickets");
        var link = page.document().selectFirst("header nav a[href=/accounts/" + tenant.accountId() + "/kb]");
        assertThat(link).isNotNull();
        assertThat(link.text()).isEqualTo("Help center");
        assertThat(browser.get(link.attr("href")).status()).isEqualTo(200);
    }

    @Test
    void theFiltersWorkWithoutJavaScriptAndTellHtmxToApplyThemOnChange() {
        var page = browser.get("/portal/tickets");
        var form = page.document().selectFirst("form#filters");
        assertThat(form.attr("action")).isEqualTo("/portal/tickets");
        assertThat(form.attr("hx-get")).isEqualTo("/portal/tickets");
        assertThat(form.attr("hx-trigger")).contains("change");
        assertThat(form.select("noscript").html()).contains("type=\"submit\"");
    }

    @Test
    void suggestsPublishedArticlesAsTheSubjectIsTyped() {
        String category = tenant.admin().post("/kb/category/new", "name", "Pagamentos").id();
        tenant.admin().post("/kb/article/new", "category_id", category, "title", "Como emitir a segunda via do boleto",
                "body", "<p>Acesse o menu</p>", "published", "1");
        tenant.admin().post("/kb/article/new", "category_id", category, "title", "Rascunho sobre boleto", "body", "<p>x</p>",
                "published", "0");
        // Internal articles are for operators, even published.
        tenant.admin().post("/kb/article/new", "category_id", category, "title", "Segunda via do boleto: procedimento interno",
                "body", "<p>x</p>", "published", "1", "internal", "1");
        var found = browser.htmx().get("/portal/kb/suggestions?subject=segunda+via+bol");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.document().select("#suggestions li a").eachText()).containsExactly("Como emitir a segunda via do boleto");
        assertThat(found.document().select("#suggestions li a").attr("href")).startsWith("/accounts/" + tenant.accountId() + "/kb/");
        assertThat(browser.htmx().get("/portal/kb/suggestions?subject=xyzzy").document().select("#suggestions li")).isEmpty();
    }

    @Test
    void anOrganizationManagerSeesTheOrganizationsTicketsButCannotReplyToAColleagues() {
        String organization = tenant.writer().post("/organization/new", "name", "Acme").id();
        String managerEmail = "g" + System.nanoTime() + "@example.com";
        String manager = fixtures.customer(tenant, "Gerente", managerEmail, "organization_id", organization);
        String colleague = fixtures.customer(tenant, "Colega", "c" + System.nanoTime() + "@example.com", "organization_id", organization);
        String colleagues = ticket(colleague, "Problema do colega", "detalhes");
        ticket(customer, "Fora da organização", "x");

        var notYet = fixtures.signedIn(tenant.accountId(), manager, managerEmail);
        assertThat(notYet.get("/portal/tickets/" + colleagues).status()).isEqualTo(404);
        assertThat(notYet.get("/portal/tickets?scope=organization").document().select("table.list tbody tr")).isEmpty();

        access.setOrganizationManager(tenant.accountId(), manager, true);
        var list = notYet.get("/portal/tickets?scope=organization");
        assertThat(list.text("h1")).isEqualTo("Tickets of Acme");
        assertThat(list.document().select("table.list tbody tr a").eachText()).containsExactly("Problema do colega");
        assertThat(list.text("table.list td[data-label='Opened by']")).isEqualTo("Colega");
        var page = notYet.get("/portal/tickets/" + colleagues);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("form[action$=/reply]")).isEmpty();
        assertThat(notYet.post("/portal/tickets/" + colleagues + "/reply", "message", "oi").status()).isEqualTo(409);
    }

    @Test
    void theSignedInCustomerChatsWithoutSayingWhoTheyAreAndSeesTheAccountsLogo() {
        access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of(), "https://cdn.example.com/logo.png"));
        var form = browser.get("/portal/chat");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().select("header.topbar img.logo").attr("src")).isEqualTo("https://cdn.example.com/logo.png");
        var missing = browser.post("/portal/chat", "department_id", department, "message", "");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.document().select("#chat-message[aria-invalid=true]")).hasSize(1);
        var unknown = browser.post("/portal/chat", "department_id", "0".repeat(32), "message", "oi");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isZero();

        var started = browser.post("/portal/chat", "department_id", department, "message", "Preciso de ajuda");
        assertThat(started.status()).isEqualTo(200);
        var script = started.document().selectFirst("script[src^='/widget']");
        String chat = script.attr("data-chat");
        assertThat(script.attr("data-token")).hasSizeGreaterThan(40);
        var detail = tenant.reader().get("/chat/detail", "chat_id", chat).data();
        assertThat(detail.toString()).contains(customer, "Preciso de ajuda");
    }

    @Test
    void aMergedTicketSaysWhichTicketItWasMergedIntoAndLinksToItWhenTheTargetIsTheCustomers() {
        String duplicate = ticket(customer, "Boleto de novo", "Mandei duas vezes");
        String target = ticket(customer, "Boleto não chegou", "Preciso do boleto");
        merge(duplicate, target, false);
        long targetProtocol = tenant.writer().get("/ticket/detail", "ticket_id", target).json().get("data").get("protocol").asLong();

        var page = browser.get("/portal/tickets/" + duplicate);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#merged-into")).isEqualTo("This request was merged into #" + targetProtocol);
        assertThat(page.document().select("#merged-into a").attr("href")).isEqualTo("/portal/tickets/" + target);
        // Merged tickets stay finished: no reopen is offered, and the target, not this one, is evaluated.
        assertThat(page.document().select("#reopen-heading")).isEmpty();
        assertThat(page.document().select("#evaluation-heading")).isEmpty();
        var evaluated = browser.post("/portal/tickets/" + duplicate + "/evaluation", "grade", "5");
        assertThat(evaluated.status()).isEqualTo(409);
        assertThat(evaluated.text("p.error")).isEqualTo("A merged ticket is not evaluated: evaluate the ticket it was merged into.");
        assertThat(browser.get("/portal/tickets/" + target).document().select("#merged-into")).isEmpty();
    }

    @Test
    void aTicketMergedIntoAnotherCustomersTicketNamesItWithoutALinkInTheCustomersLanguage() {
        String someoneElse = fixtures.customer(tenant, "Outro", "outro" + System.nanoTime() + "@example.com");
        String spanishEmail = "lucia" + System.nanoTime() + "@example.com";
        String spanish = fixtures.customer(tenant, "Lucía", spanishEmail, "language", "es");
        var browser = fixtures.signedIn(tenant.accountId(), spanish, spanishEmail);
        String duplicate = ticket(spanish, "Boleto de novo", "Mandei duas vezes");
        String target = ticket(someoneElse, "Boleto da empresa", "Boleto");
        merge(duplicate, target, true);
        long targetProtocol = tenant.writer().get("/ticket/detail", "ticket_id", target).json().get("data").get("protocol").asLong();

        var page = browser.get("/portal/tickets/" + duplicate);
        assertThat(page.text("#merged-into")).isEqualTo("Este ticket se fusionó con el ticket #" + targetProtocol);
        assertThat(page.document().select("#merged-into a")).isEmpty();
        assertThat(browser.get("/portal/tickets/" + target).status()).isEqualTo(404);
    }

    private void merge(String ticket, String into, boolean otherCustomer) {
        var merged = tenant.writer().post("/ticket/merge", "ticket_id", ticket, "into_ticket_id", into,
                "allow_other_customer", otherCustomer ? "1" : "0");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    }

    private String ticket(String customerId, String subject, String message) {
        var opened = tenant.writer().post("/ticket/new", "customer_id", customerId, "department_id", department, "subject", subject,
                "message", message);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return opened.json().get("ticket_id").asString();
    }

    private void link(String ticket) {
        assertThat(tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", operator).status()).isEqualTo(200);
    }

    private void finish(String ticket, String message) {
        link(ticket);
        var finished = tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", message);
        assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
    }
}
