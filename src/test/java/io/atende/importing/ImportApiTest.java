package io.atende.importing;

import java.util.ArrayList;
import java.util.List;

import io.atende.account.TokenScope;
import io.atende.operator.OperatorRole;
import io.atende.platform.RateLimit;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.importing.ImportingNode.byId;
import static io.atende.importing.ImportingNode.detail;
import static io.atende.importing.ImportingNode.ok;
import static io.atende.importing.ImportingNode.progress;
import static io.atende.importing.ImportingNode.stripped;
import static io.atende.importing.ImportingNode.waitUntilEnded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching from TomTicket: this test's server, seeded through its API, is the source, read with a token limited to 3
 * requests per second as TomTicket's are; a second Atende, on a database of its own, imports from it. Every object is
 * compared through both APIs. (A large account, imported through a restart of the importing node, then again with
 * nothing new, then once more with what changed, is in {@link ImportLargeAccountTest}.)
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportApiTest {

    private static final int TICKETS = 12;
    private static final List<String> IMPORTER_SETTINGS = List.of("atende.import.allow-private=true",
            "atende.import.poll-interval=100ms", "atende.import.lease=2s");
    private static final byte[] FILE = "Nota fiscal 123\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Autowired
    TestTenants tenants;

    private TestTenants.Tenant source;
    /** The source as the importer reads it: a read token of 3 requests per second. */
    private ApiClient sourceToken;
    private String sourceUrl;
    private ImportingNode importer;
    private final List<String> ticketIds = new ArrayList<>();
    private final List<String> chatIds = new ArrayList<>();

    @BeforeAll
    void seedTheSourceAndStartTheImporter() {
        source = tenants.create();
        sourceToken = tenants.client(source.accountId(), TokenScope.READ, List.of(), new RateLimit(3, 3));
        sourceUrl = source.admin().baseUrl();
        seed();
        importer = ImportingNode.start(IMPORTER_SETTINGS);
    }

    @AfterAll
    void stopTheImporter() {
        if (importer != null) {
            importer.close();
        }
    }

    private void seed() {
        var admin = source.admin();
        var writer = source.writer();
        String holding = writer.post("/organization/new", "name", "Holding Lima").id();
        String branch = writer.post("/organization/new", "name", "Filial Lima", "parent_id", holding).id();
        String ana = admin.post("/operator/new", "name", "Ana Souza", "email", "ana@example.com", "password", "secret-123",
                "role", "admin").id();
        String bruno = admin.post("/operator/new", "name", "Bruno Reis", "email", "bruno@example.com").id();
        String support = admin.post("/department/new", "name", "Suporte").id();
        String billing = admin.post("/department/new", "name", "Financeiro").id();
        String waiting = writer.post("/status/new", "name", "Aguardando peça", "pauses_sla", "1").id();
        String review = writer.post("/status/new", "name", "Em revisão").id();
        String bug = admin.post("/department/category/new", "department_id", support, "name", "Bug").id();
        admin.post("/department/category/new", "department_id", billing, "name", "Boleto");
        admin.post("/department/operator/add", "department_id", support, "operator_id", ana);
        admin.post("/department/operator/add", "department_id", support, "operator_id", bruno);
        admin.post("/department/operator/add", "department_id", billing, "operator_id", bruno);
        String contract = admin.post("/custom_field/new", "label", "Contrato", "entity", "ticket", "type", "text").id();
        String plan = admin.post("/custom_field/new", "label", "Plano", "entity", "ticket", "type", "select", "options", "Básico,Pro",
                "department_id", support).id();
        String cause = admin.post("/custom_field/new", "label", "Causa", "entity", "ticket_finish", "type", "textarea").id();
        String vip = admin.post("/custom_field/new", "label", "VIP", "entity", "customer", "type", "checkbox").id();
        String sector = admin.post("/custom_field/new", "label", "Setor", "entity", "ticket", "type", "text", "category_id", bug,
                "required", "1").id();
        writer.post("/customer/new", "customer_id", "c-1", "name", "Carla Lima", "email", "carla@example.com",
                "organization_id", branch, "phone", "11 5555-0101", "language", "en-US", "custom_field[" + vip + "]", "1");
        writer.post("/customer/new", "customer_id", "c-2", "name", "Diego Alves", "email", "diego@example.com",
                "organization_id", holding, "monthly_ticket_quota", "7", "email_validated", "1");
        writer.post("/customer/new", "customer_id", "c-3", "name", "Elisa Prado", "create_tickets", "0", "language", "es_ES");
        writer.post("/customer/new", "customer_id", "c-4", "name", "Fábio Nunes", "email", "fabio@example.com", "active", "0");
        for (int i = 0; i < TICKETS; i++) {
            String customer = i % 2 == 0 ? "c-1" : "c-2";
            List<String> params = new ArrayList<>(List.of("customer_id", customer, "department_id", i % 3 == 2 ? billing : support,
                    "subject", "Pedido " + i, "message", i % 5 == 0 ? "<p>Olá, <b>ajuda</b> " + i + "</p>" : "Mensagem " + i,
                    "priority", Integer.toString(1 + i % 4)));
            if (i % 3 != 2) {
                params.addAll(List.of("category_id", bug, "custom_field[" + plan + "]", "Pro", "custom_field[" + contract + "]",
                        "K-" + i));
                params.addAll(List.of("custom_field[" + sector + "]", "TI"));
            }
            if (i % 4 != 0) {
                params.addAll(List.of("operator_id", i % 3 == 2 ? bruno : ana));
            }
            if (i == 7) {
                params.addAll(List.of("ticket_type", "I"));
            }
            if (i == 9) {
                params.addAll(List.of("parent_ticket_id", ticketIds.get(1)));
            }
            var opened = writer.post("/ticket/new", params.toArray(String[]::new));
            assertThat(opened.status()).as(opened.text()).isEqualTo(200);
            String ticket = opened.json().get("ticket_id").asString();
            ticketIds.add(ticket);
            switch (i % 4) {
                case 1 -> {
                    ok(writer.post("/ticket/reply/operator", "ticket_id", ticket, "message", "Resposta do atendente " + i,
                            "start_date", "2026-01-05 10:00:00-0300", "end_date", "2026-01-05 10:3" + (i % 10) + ":00-0300"));
                    ok(writer.post("/ticket/tag/add", "ticket_id", ticket, "tag", "Urgente"));
                    ok(writer.post("/ticket/tag/add", "ticket_id", ticket, "tag", "cliente-" + i));
                    ok(writer.postMultipart("/ticket/reply/customer", List.of(new ApiClient.FilePart("attachment[0]", "nota-" + i + ".txt",
                            "text/plain", FILE)), "ticket_id", ticket, "message", "Obrigado " + i));
                    ok(writer.post("/ticket/comment", "ticket_id", ticket, "comment", "Nota interna " + i));
                    if (i == 5) {
                        ok(writer.post("/ticket/status/open", "ticket_id", ticket, "status_id", review, "comment", "Conferir"));
                        ok(writer.post("/ticket/status/close", "ticket_id", ticket));
                    }
                    ok(writer.post("/ticket/status/open", "ticket_id", ticket, "status_id", waiting));
                }
                case 2 -> {
                    ok(writer.post("/ticket/reply/operator", "ticket_id", ticket, "message", "Resolvendo " + i));
                    ok(writer.post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido " + i, "time_work", "5",
                            "custom_field[" + cause + "]", "Configuração " + i));
                    ok(writer.post("/ticket/evaluation", "ticket_id", ticket, "grade", "4", "problem_solved", "Y",
                            "comment", "Bom " + i));
                }
                case 3 -> ok(writer.post("/ticket/cancel", "ticket_id", ticket, "message", "Duplicado " + i));
                default -> {
                }
            }
        }
        // Chats: one finished and evaluated with a file, one in progress, one still queued.
        for (int i = 0; i < 3; i++) {
            var chat = writer.post("/chat/new", "customer_id", i == 1 ? "c-2" : "c-1", "department_id", support, "message", "Oi " + i);
            ok(chat);
            chatIds.add(chat.id());
            if (i < 2) {
                ok(writer.post("/chat/accept", "chat_id", chat.id(), "operator_id", i == 0 ? ana : bruno));
                ok(writer.post("/chat/message", "chat_id", chat.id(), "sender_type", "A", "message", "<p>Olá, <b>como</b> ajudo?</p>"));
                ok(writer.postMultipart("/chat/message", List.of(new ApiClient.FilePart("attachment[0]", "print-" + i + ".txt",
                        "text/plain", FILE)), "chat_id", chat.id(), "sender_type", "C", "message", "Segue o print " + i));
            }
            if (i == 0) {
                ok(writer.post("/chat/finish", "chat_id", chat.id()));
                ok(writer.post("/chat/evaluation", "chat_id", chat.id(), "grade", "5", "comment", "Ótimo"));
            }
        }
    }

    @Test
    void importsEveryObjectFaithfullyAtTomTicketsPace() {
        var account = importer.newTargetAccount();
        var target = account.admin();
        var webhook = target.post("/webhook/new", "url", "http://localhost:9/hook");
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(200);

        var started = target.post("/import/new", "source_url", sourceUrl, "source_token", sourceToken.token());
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.data().get("rate").asInt()).isEqualTo(3);
        var done = waitUntilEnded(target, started.id());
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("failures")).isEmpty();
        assertThat(progress(done, "tickets").get("imported").asInt()).isEqualTo(TICKETS);
        assertThat(progress(done, "customers").get("imported").asInt()).isEqualTo(4);
        assertThat(progress(done, "organizations").get("total").asInt()).isEqualTo(2);
        assertThat(progress(done, "statuses").get("imported").asInt()).isEqualTo(2);
        assertThat(progress(done, "custom_fields").get("imported").asInt()).isEqualTo(5);
        assertThat(progress(done, "chats").get("imported").asInt()).isEqualTo(3);

        assertSameObjects(target);
        // The history is the source's as its API shows it, in the names it gives: opened by the customer, answered and
        // finished by the operator, evaluated by the customer.
        var history = target.get("/ticket/history", "ticket_id", ticketIds.get(2));
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.data()).extracting(entry -> entry.get("field").asString())
                .containsExactly("opened", "situation", "situation", "evaluation");
        assertThat(history.data()).extracting(entry -> entry.get("actor").get("type").asString()).containsOnly("import");
        assertThat(history.data()).extracting(entry -> entry.get("actor").get("name").asString())
                .containsExactly("Carla Lima", "Bruno Reis", "Bruno Reis", "Carla Lima");
        assertThat(history.data().get(2).get("new_value").get("value").asInt()).isEqualTo(5);
        var sourceTicket = detail(source.reader(), ticketIds.get(2));
        assertThat(history.data().get(0).get("date").asString()).isEqualTo(sourceTicket.get("creation_date").asString());
        assertThat(history.data().get(2).get("date").asString()).isEqualTo(sourceTicket.get("end_date").asString());
        // The console's ticket page shows the same history between the messages, in the source's names.
        var lines = importer.signedIn(account.accountId(), OperatorRole.ADMIN).get("/console/tickets/" + ticketIds.get(2))
                .document().select(".desk-conversation > .history-line").eachText();
        assertThat(lines).satisfiesExactly(
                opened -> assertThat(opened).startsWith("Carla Lima (importado) abriu o ticket · "),
                finished -> assertThat(finished).startsWith("Bruno Reis (importado) mudou a situação para Finalizado · "),
                evaluated -> assertThat(evaluated).startsWith("Carla Lima (importado) avaliou: 4 de 5 · "));
        // Imported objects are history, not news: no webhook event, and operators arrive without a password.
        assertThat(target.get("/webhook/delivery/list").data()).isEmpty();
        assertThat(importer.jdbc().sql("select count(*) from operator where account_id = :account "
                        + "and email in ('ana@example.com', 'bruno@example.com') and password_hash is null")
                .param("account", account.accountId()).query(Long.class).single()).isEqualTo(2);
        // The protocol counter goes on after the highest imported protocol.
        long highest = source.reader().get("/ticket/list").data().get(0).get("protocol").asLong();
        var next = target.post("/ticket/new", "customer_id", "c-1", "department_id",
                source.reader().get("/department/list").data().get(0).get("id").asString(), "subject", "Novo", "message", "Depois");
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.json().get("protocol").asLong()).isEqualTo(highest + 1);

        // The only event is that of the ticket opened here; the imports announced nothing.
        assertThat(target.get("/webhook/delivery/list").data()).extracting(delivery -> delivery.get("subject_id").asString())
                .containsOnly(next.json().get("ticket_id").asString());
    }

    @Test
    void refusesWhatCannotBeImportedAndKeepsEachAccountsImportsToItself() {
        var target = importer.newTargetAccount().admin();
        var other = importer.newTargetAccount().admin();
        assertThat(target.post("/import/new", "source_token", "x").status()).isEqualTo(400);
        assertThat(target.post("/import/new", "source_url", "ftp://localhost/v2.0", "source_token", "x").status()).isEqualTo(400);
        assertThat(target.post("/import/new", "source_url", "http://localhost/api", "source_token", "x").status()).isEqualTo(400);
        assertThat(target.post("/import/new", "source_url", sourceUrl).status()).isEqualTo(400);
        assertThat(target.post("/import/new", "source_url", sourceUrl, "source_token", "x", "rate", "0").status()).isEqualTo(400);
        var unknownKind = target.post("/import/new", "source_url", sourceUrl, "source_token", "x", "include", "tickets,macros");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.message()).contains("macros");
        // The server of this test keeps imports off private addresses, as every server does unless told otherwise.
        var privateSource = source.admin().post("/import/new", "source_url", sourceUrl, "source_token", "x");
        assertThat(privateSource.status()).isEqualTo(400);
        assertThat(privateSource.message()).contains("private");
        assertThat(source.writer().post("/import/new", "source_url", sourceUrl, "source_token", "x").status()).isEqualTo(403);
        assertThat(source.reader().get("/import/detail", "import_id", "0".repeat(32)).status()).isEqualTo(403);

        // A token the source refuses fails the import with the reason.
        var refused = waitUntilEnded(target, target.post("/import/new", "source_url", sourceUrl, "source_token", "wrong",
                "include", "customers").id());
        assertThat(refused.get("status").asString()).isEqualTo("failed");
        assertThat(refused.get("failure").asString()).contains("401");

        String id = target.post("/import/new", "source_url", sourceUrl, "source_token", sourceToken.token(), "include", "tickets").id();
        assertThat(target.post("/import/new", "source_url", sourceUrl, "source_token", sourceToken.token()).status()).isEqualTo(409);
        assertThat(other.get("/import/detail", "import_id", id).status()).isEqualTo(404);
        assertThat(other.post("/import/cancel", "import_id", id).status()).isEqualTo(404);
        assertThat(other.get("/import/list").data()).isEmpty();
        assertThat(target.get("/import/detail", "import_id", "nope").status()).isEqualTo(404);

        var cancelled = target.post("/import/cancel", "import_id", id);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.data().get("status").asString()).isEqualTo("cancelled");
        assertThat(target.post("/import/cancel", "import_id", id).status()).isEqualTo(409);
        // Tickets whose customers are not in the account are recorded as failures, each with its reason.
        var failures = waitUntilEnded(target, target.post("/import/new", "source_url", sourceUrl, "source_token",
                sourceToken.token(), "include", "tickets", "rate", "50").id());
        assertThat(failures.get("status").asString()).isEqualTo("done");
        assertThat(progress(failures, "tickets").get("failed").asInt()).isEqualTo(TICKETS);
        assertThat(failures.get("failures").get(0).get("reason").asString()).contains("is not in the account");
        assertThat(target.get("/import/list").data()).hasSize(3);
    }

    @Test
    void aSourceThatRefusesRequestsAsTooManyIsWaitedForAndTheImportStillEnds() {
        // Asked 10 times a second, a source that allows 1 answers 429 with Retry-After; the import waits and asks again.
        var slow = tenants.client(source.accountId(), TokenScope.READ, List.of(), new RateLimit(1, 1));
        var target = importer.newTargetAccount().admin();
        var done = waitUntilEnded(target, target.post("/import/new", "source_url", sourceUrl, "source_token", slow.token(),
                "include", "customers,operators,statuses", "rate", "10").id());
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("failures")).isEmpty();
        assertThat(progress(done, "customers").get("imported").asInt()).isEqualTo(4);
        assertThat(progress(done, "statuses").get("imported").asInt()).isEqualTo(2);
        assertThat(slow.getUntilThrottled("/status/list", 3).status()).isEqualTo(429);
    }

    @Test
    void theConsoleStartsAnImportAndShowsItsProgressFailuresAndReport() {
        var target = importer.newTargetAccount();
        assertThat(importer.signedIn(target.accountId(), OperatorRole.OPERATOR).get("/console/admin/imports").status()).isEqualTo(403);
        var console = importer.signedIn(target.accountId(), OperatorRole.ADMIN);
        var page = console.get("/console/admin/imports");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#start-import input[name=include]")).hasSize(7);

        var refused = console.post("/console/admin/imports", "source_url", "ftp://localhost/v2.0", "source_token", "x");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select("#main [role=alert]").text()).contains("source_url");
        assertThat(refused.document().select("#source_url").attr("value")).isEqualTo("ftp://localhost/v2.0");
        assertThat(target.admin().get("/import/list").data()).isEmpty();

        // Customers without departments: every ticket fails, each with its reason, and the import still ends.
        console.get("/console/admin/imports");
        var started = console.post("/console/admin/imports", "source_url", sourceUrl, "source_token", sourceToken.token(),
                "include", "customers", "include", "tickets", "rate", "50");
        assertThat(started.status()).isEqualTo(302);
        String id = started.redirectPath().substring("/console/admin/imports/".length());
        var running = console.get(started.redirectPath());
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.document().select("#kind-tickets, #kind-customers, #kind-organizations")).hasSize(3);
        waitUntilEnded(target.admin(), id);

        var report = console.get("/console/admin/imports/" + id);
        assertThat(report.document().select("#import-progress").attr("hx-get")).isEmpty();
        assertThat(report.document().select("#kind-customers progress").attr("value")).isEqualTo("100");
        assertThat(report.document().select("#import-failures tbody tr")).hasSize(TICKETS);
        assertThat(report.document().select("#import-failures tbody tr").first().text()).contains("is not in the account");
        assertThat(report.document().select("#cancel-import")).isEmpty();
        assertThat(console.get("/console/admin/imports").document().select("#import-" + id)).hasSize(1);
        assertThat(console.get("/console/admin/imports/" + "0".repeat(32)).status()).isEqualTo(404);
    }

    // --- comparing the two accounts through their APIs

    private void assertSameObjects(ApiClient target) {
        var reader = source.reader();
        assertThat(byId(target.get("/organization/list").data())).isEqualTo(byId(reader.get("/organization/list").data()));
        assertThat(byId(target.get("/customer/list", "show_custom_fields", "1").data()))
                .isEqualTo(byId(reader.get("/customer/list", "show_custom_fields", "1").data()));
        assertThat(target.get("/status/list").data()).isEqualTo(reader.get("/status/list").data());
        var operators = byId(reader.get("/operator/list").data());
        var imported = byId(target.get("/operator/list").data());
        assertThat(imported).containsAllEntriesOf(operators);
        assertThat(target.get("/department/list").data()).isEqualTo(reader.get("/department/list").data());
        var sourceTickets = reader.get("/ticket/list", "order", "ASC").data();
        var targetTickets = target.get("/ticket/list", "order", "ASC").data();
        assertThat(stripped(targetTickets)).isEqualTo(stripped(sourceTickets));
        int files = 0;
        for (String ticket : ticketIds) {
            var detail = detail(target, ticket);
            assertThat(detail).as(ticket).isEqualTo(detail(reader, ticket));
            for (var reply : detail.get("replies")) {
                for (var attachment : reply.get("attachments")) {
                    var download = target.get("/ticket/attachment", "attachment_id", attachment.get("id").asString());
                    assertThat(download.status()).isEqualTo(200);
                    assertThat(download.body()).isEqualTo(FILE);
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(3);
        assertThat(target.get("/custom_field/list").data()).isEqualTo(reader.get("/custom_field/list").data());
        assertThat(stripped(target.get("/chat/list").data())).isEqualTo(stripped(reader.get("/chat/list").data()));
        int chatFiles = 0;
        for (String chat : chatIds) {
            var importedChat = target.get("/chat/detail", "chat_id", chat);
            assertThat(importedChat.status()).as(importedChat.text()).isEqualTo(200);
            assertThat(stripped(importedChat.data())).as(chat).isEqualTo(stripped(reader.get("/chat/detail", "chat_id", chat).data()));
            for (var message : importedChat.data().get("messages")) {
                for (var attachment : message.get("attachments")) {
                    var download = target.get("/chat/attachment", "attachment_id", attachment.get("id").asString());
                    assertThat(download.status()).isEqualTo(200);
                    assertThat(download.body()).isEqualTo(FILE);
                    chatFiles++;
                }
            }
        }
        assertThat(chatFiles).isEqualTo(2);
    }
}
