package io.atende.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.importing.ImportingNode.byId;
import static io.atende.importing.ImportingNode.detail;
import static io.atende.importing.ImportingNode.ok;
import static io.atende.importing.ImportingNode.progress;
import static io.atende.importing.ImportingNode.running;
import static io.atende.importing.ImportingNode.stripped;
import static io.atende.importing.ImportingNode.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching a realistic account: this test's server, seeded through its API with 500 tickets (replies, internal
 * comments, files, custom-status periods, custom field values, stopwatch entries, tags, finishes, cancellations,
 * reopenings, evaluations) and chats, is the source; a second Atende imports it, is stopped halfway through the tickets
 * and started again, and must end with every object identical through both APIs. A second import then brings nothing,
 * and a third picks up the reply made at the source meanwhile. The source allows this import 100 requests a second
 * (TomTicket's 3 are honoured in {@link ImportApiTest}, on a smaller account).
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportLargeAccountTest {

    private static final int TICKETS = 500;
    private static final int CUSTOMERS = 40;
    private static final int CHATS = 30;
    /** Seeding and comparing run on a few connections at once, as several agents and integrations would. */
    private static final int CONNECTIONS = 4;
    private static final List<String> IMPORTER_SETTINGS = List.of("atende.import.allow-private=true",
            "atende.import.poll-interval=100ms", "atende.import.lease=2s");
    /** A ticket's detail is compared with the tickets staggered after it, too. */
    private static final String[] WITH_STAGGERED = {"show_staggered_tickets", "1"};

    @Autowired
    TestTenants tenants;

    private TestTenants.Tenant source;
    private ImportingNode importer;
    private final String[] ticketIds = new String[TICKETS];
    private final String[] chatIds = new String[CHATS];

    @BeforeAll
    void seedTheSourceAndStartTheImporter() throws Exception {
        // The importing node starts while the source is seeded.
        var pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
        try {
            var starting = pool.submit(() -> ImportingNode.start(IMPORTER_SETTINGS));
            source = tenants.create();
            seed(pool);
            importer = starting.get();
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    void stopTheImporter() {
        if (importer != null) {
            importer.close();
        }
    }

    @Test
    void aWholeAccountArrivesIdenticalThroughARestartThenNothingThenTheReplyMadeMeanwhile() {
        var target = importer.newTargetAccount().admin();
        ok(target.post("/webhook/new", "url", "http://localhost:9/hook"));
        var started = target.post("/import/new", "source_url", source.reader().baseUrl(), "source_token", source.reader().token(),
                "rate", "100");
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        String id = started.id();
        var halfway = waitFor(target, id, job -> progress(job, "tickets").get("done").asInt() >= TICKETS / 4 || !running(job));
        assertThat(progress(halfway, "tickets").get("done").asInt()).as("stopped halfway").isLessThan(TICKETS);
        importer.restart();
        target = importer.client(target.token());

        var done = waitFor(target, id, job -> !running(job));
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("failures")).isEmpty();
        var tickets = progress(done, "tickets");
        assertThat(tickets.get("total").asInt()).isEqualTo(TICKETS);
        assertThat(tickets.get("done").asInt()).isEqualTo(TICKETS);
        assertThat(progress(done, "customers").get("imported").asInt()).isEqualTo(CUSTOMERS + 1);
        assertThat(progress(done, "chats").get("imported").asInt()).isEqualTo(CHATS);
        assertSameAccount(target);

        var again = waitFor(target, target.post("/import/new", "source_url", source.reader().baseUrl(), "source_token",
                source.reader().token(), "rate", "100").id(), job -> !running(job));
        assertThat(again.get("status").asString()).isEqualTo("done");
        for (var kind : again.get("progress")) {
            assertThat(kind.get("imported").asInt()).as(kind.get("kind").asString()).isZero();
        }

        // Ticket 486 (486 % 16 == 6) waits for the operator: the customer asks again.
        String asked = ticketIds[486];
        ok(source.writer().post("/ticket/reply/customer", "ticket_id", asked, "message", "Ainda com dúvida"));
        var delta = waitFor(target, target.post("/import/new", "source_url", source.reader().baseUrl(), "source_token",
                source.reader().token(), "rate", "100").id(), job -> !running(job));
        assertThat(delta.get("status").asString()).isEqualTo("done");
        assertThat(progress(delta, "tickets").get("imported").asInt()).isEqualTo(1);
        var reply = detail(target, asked, WITH_STAGGERED);
        assertThat(reply).isEqualTo(detail(source.reader(), asked, WITH_STAGGERED));
        var replies = reply.get("replies");
        assertThat(replies.get(replies.size() - 1).get("message").asString()).isEqualTo("Ainda com dúvida");
        // Imported objects are history, not news: none of the three imports announced anything.
        assertThat(target.get("/webhook/delivery/list").data()).isEmpty();
    }

    // --- the source account, seeded through its API

    private void seed(ExecutorService pool) throws Exception {
        var admin = source.admin();
        var writer = source.writer();
        String holding = writer.post("/organization/new", "name", "Grupo Prado").id();
        List<String> organizations = List.of(holding, writer.post("/organization/new", "name", "Prado Sul", "parent_id", holding).id(),
                writer.post("/organization/new", "name", "Prado Norte", "parent_id", holding).id());
        List<String> operators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            operators.add(admin.post("/operator/new", "name", "Atendente " + i, "email", "atendente" + i + "@example.com",
                    "role", i == 0 ? "admin" : "operator").id());
        }
        List<String> departments = List.of(admin.post("/department/new", "name", "Suporte").id(),
                admin.post("/department/new", "name", "Financeiro").id(), admin.post("/department/new", "name", "Comercial").id());
        // Operator i works in department i % 3; the first one works in all of them.
        for (int i = 0; i < operators.size(); i++) {
            for (int d = 0; d < departments.size(); d++) {
                if (i == 0 || i % 3 == d) {
                    ok(admin.post("/department/operator/add", "department_id", departments.get(d), "operator_id", operators.get(i)));
                }
            }
        }
        String bug = admin.post("/department/category/new", "department_id", departments.get(0), "name", "Bug").id();
        admin.post("/department/category/new", "department_id", departments.get(0), "name", "Dúvida");
        admin.post("/department/category/new", "department_id", departments.get(1), "name", "Boleto");
        String waiting = writer.post("/status/new", "name", "Aguardando peça", "pauses_sla", "1").id();
        String review = writer.post("/status/new", "name", "Em revisão").id();
        String contract = admin.post("/custom_field/new", "label", "Contrato", "entity", "ticket", "type", "text").id();
        String plan = admin.post("/custom_field/new", "label", "Plano", "entity", "ticket", "type", "select", "options",
                "Básico,Pro", "department_id", departments.get(0)).id();
        String cause = admin.post("/custom_field/new", "label", "Causa", "entity", "ticket_finish", "type", "textarea").id();
        String vip = admin.post("/custom_field/new", "label", "VIP", "entity", "customer", "type", "checkbox").id();
        String since = admin.post("/custom_field/new", "label", "Cliente desde", "entity", "customer", "type", "date").id();
        for (int c = 0; c < CUSTOMERS; c++) {
            List<String> params = new ArrayList<>(List.of("customer_id", "c-" + c, "name", "Cliente " + c, "email",
                    "cliente" + c + "@example.com", "language", List.of("pt-BR", "en-US", "es_ES").get(c % 3)));
            if (c % 4 != 3) {
                params.addAll(List.of("organization_id", organizations.get(c % 3)));
            }
            if (c % 5 == 0) {
                params.addAll(List.of("custom_field[" + vip + "]", "1", "phone", "11 5555-01" + (10 + c)));
            }
            if (c % 2 == 0) {
                params.addAll(List.of("custom_field[" + since + "]", "2024-0" + (1 + c % 9) + "-15"));
            }
            if (c % 7 == 0) {
                params.addAll(List.of("monthly_ticket_quota", "90"));
            }
            ok(writer.post("/customer/new", params.toArray(String[]::new)));
        }
        ok(writer.post("/customer/new", "customer_id", "c-inativo", "name", "Cliente inativo", "active", "0", "create_tickets", "0"));

        var context = new Seed(writer, operators, departments, bug, waiting, review, contract, plan, cause);
        List<Callable<Void>> slices = new ArrayList<>();
        for (int slice = 0; slice < CONNECTIONS; slice++) {
            int first = slice;
            slices.add(() -> {
                for (int i = first; i < TICKETS; i += CONNECTIONS) {
                    ticket(context, i);
                }
                return null;
            });
        }
        slices.add(() -> {
            for (int i = 0; i < CHATS; i++) {
                chat(context, i);
            }
            return null;
        });
        all(pool, slices);
    }

    private record Seed(ApiClient writer, List<String> operators, List<String> departments, String bug, String waiting,
                        String review, String contract, String plan, String cause) {
    }

    /**
     * Ticket {@code i}: its department, operator, priority and form follow from {@code i}, and so does what happened to it,
     * by {@code i % 16}: opened only; answered with a stopwatch entry, a tag, a customer's file and a note with a file;
     * finished and evaluated; cancelled; in a custom status (some after an earlier one); finished; answered by the
     * customer; finished then reopened; answered by the operator; answered and finished.
     */
    private void ticket(Seed seed, int i) {
        var writer = seed.writer();
        int department = i % 3;
        List<String> params = new ArrayList<>(List.of("customer_id", "c-" + i % CUSTOMERS, "department_id",
                seed.departments().get(department), "subject", "Pedido " + i, "message",
                i % 5 == 0 ? "<p>Olá, preciso de <b>ajuda</b> com o pedido " + i + "</p>" : "Mensagem " + i,
                "priority", Integer.toString(1 + i % 4), "custom_field[" + seed.contract() + "]", "K-" + i));
        if (department == 0) {
            params.addAll(List.of("category_id", seed.bug(), "custom_field[" + seed.plan() + "]", i % 2 == 0 ? "Pro" : "Básico"));
        }
        if (i % 4 != 0) {
            // The first operator, or the one of the department.
            params.addAll(List.of("operator_id", seed.operators().get(i % 3 == 0 ? 0 : department == 0 ? 3 : department)));
        }
        if (i % 50 == 11) {
            params.addAll(List.of("ticket_type", "I"));
        }
        var opened = writer.post("/ticket/new", params.toArray(String[]::new));
        ok(opened);
        String ticket = opened.json().get("ticket_id").asString();
        ticketIds[i] = ticket;
        switch (i % 16) {
            case 1 -> {
                ok(writer.post("/ticket/reply/operator", "ticket_id", ticket, "message", "Resposta " + i,
                        "start_date", "2026-01-05 10:00:00-0300", "end_date", "2026-01-05 10:" + (10 + i % 40) + ":00-0300"));
                ok(writer.post("/ticket/tag/add", "ticket_id", ticket, "tag", "lote-" + i % 3));
                ok(writer.postMultipart("/ticket/reply/customer", List.of(file("nota-" + i + ".txt", i)),
                        "ticket_id", ticket, "message", "Segue a nota " + i));
                ok(writer.postMultipart("/ticket/comment", List.of(file("log-" + i + ".txt", -i)), "ticket_id", ticket,
                        "comment", "Nota interna " + i));
            }
            case 2 -> {
                ok(writer.post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido " + i, "time_work", Integer.toString(i % 30),
                        "custom_field[" + seed.cause() + "]", "Configuração " + i));
                ok(writer.post("/ticket/evaluation", "ticket_id", ticket, "grade", Integer.toString(1 + i % 5),
                        "problem_solved", i % 3 == 0 ? "N" : "Y", "comment", "Avaliação " + i));
            }
            case 3, 11 -> ok(writer.post("/ticket/cancel", "ticket_id", ticket, "message", "Duplicado " + i));
            case 4, 12 -> {
                if (i % 3 == 0) {
                    ok(writer.post("/ticket/status/open", "ticket_id", ticket, "status_id", seed.review(), "comment", "Conferir " + i));
                    ok(writer.post("/ticket/status/close", "ticket_id", ticket));
                }
                ok(writer.post("/ticket/status/open", "ticket_id", ticket, "status_id", seed.waiting()));
            }
            case 5, 13 -> ok(writer.post("/ticket/finish", "ticket_id", ticket, "message", "Encerrado " + i));
            case 6, 14 -> ok(writer.post("/ticket/reply/customer", "ticket_id", ticket, "message", "Alguma novidade? " + i));
            case 7 -> {
                ok(writer.post("/ticket/finish", "ticket_id", ticket, "message", "Encerrado " + i));
                ok(writer.post("/ticket/reopen", "ticket_id", ticket, "message", "Voltou a acontecer " + i));
            }
            case 9 -> ok(writer.post("/ticket/reply/operator", "ticket_id", ticket, "message", "Verificando " + i));
            case 10, 15 -> {
                ok(writer.post("/ticket/reply/operator", "ticket_id", ticket, "message", "Feito " + i));
                ok(writer.post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido " + i));
            }
            default -> {
            }
        }
    }

    /** Chat {@code i}: queued, in progress with a file, or finished and (mostly) evaluated. */
    private void chat(Seed seed, int i) {
        var writer = seed.writer();
        var chat = writer.post("/chat/new", "customer_id", "c-" + (i * 7) % CUSTOMERS, "department_id", seed.departments().get(i % 3),
                "message", "Oi, chat " + i);
        ok(chat);
        chatIds[i] = chat.id();
        if (i % 3 == 0) {
            return;
        }
        ok(writer.post("/chat/accept", "chat_id", chat.id(), "operator_id", seed.operators().get(0)));
        ok(writer.post("/chat/message", "chat_id", chat.id(), "sender_type", "A", "message", "<p>Olá, <b>como</b> ajudo? " + i + "</p>"));
        ok(writer.postMultipart("/chat/message", List.of(file("print-" + i + ".txt", 1000 + i)), "chat_id", chat.id(),
                "sender_type", "C", "message", "Segue o print " + i));
        if (i % 3 == 2) {
            ok(writer.post("/chat/finish", "chat_id", chat.id()));
            if (i % 6 != 5) {
                ok(writer.post("/chat/evaluation", "chat_id", chat.id(), "grade", Integer.toString(1 + i % 5), "comment", "Nota " + i));
            }
        }
    }

    private static ApiClient.FilePart file(String name, int seed) {
        return new ApiClient.FilePart("attachment[0]", name, "text/plain",
                ("Arquivo " + seed + "\n").repeat(1 + Math.abs(seed) % 20).getBytes(StandardCharsets.UTF_8));
    }

    // --- comparing the two accounts through their APIs

    private void assertSameAccount(ApiClient target) {
        var reader = source.reader();
        assertThat(byId(allPages(target, "/organization/list"))).isEqualTo(byId(allPages(reader, "/organization/list")));
        assertThat(byId(allPages(target, "/customer/list", "show_custom_fields", "1")))
                .isEqualTo(byId(allPages(reader, "/customer/list", "show_custom_fields", "1")));
        assertThat(byId(target.get("/operator/list").data())).containsAllEntriesOf(byId(reader.get("/operator/list").data()));
        assertThat(target.get("/department/list").data()).isEqualTo(reader.get("/department/list").data());
        assertThat(target.get("/status/list").data()).isEqualTo(reader.get("/status/list").data());
        assertThat(target.get("/custom_field/list").data()).isEqualTo(reader.get("/custom_field/list").data());
        assertThat(stripped(allPages(target, "/ticket/list", "order", "ASC")))
                .isEqualTo(stripped(allPages(reader, "/ticket/list", "order", "ASC")));
        assertThat(stripped(allPages(target, "/chat/list"))).isEqualTo(stripped(allPages(reader, "/chat/list")));

        var pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Callable<Void>> comparisons = new ArrayList<>();
            for (int slice = 0; slice < CONNECTIONS; slice++) {
                int first = slice;
                comparisons.add(() -> {
                    for (int i = first; i < TICKETS; i += CONNECTIONS) {
                        assertSameTicket(target, ticketIds[i]);
                    }
                    for (int i = first; i < CHATS; i += CONNECTIONS) {
                        assertSameChat(target, chatIds[i]);
                    }
                    return null;
                });
            }
            all(pool, comparisons);
        } finally {
            pool.shutdown();
        }
    }

    private void assertSameTicket(ApiClient target, String ticket) {
        var imported = detail(target, ticket, WITH_STAGGERED);
        assertThat(imported).as(ticket).isEqualTo(detail(source.reader(), ticket, WITH_STAGGERED));
        for (var message : (Iterable<JsonNode>) () -> concat(imported.get("replies"), imported.get("comments"))) {
            for (var attachment : message.get("attachments")) {
                assertSameFile(target, "/ticket/attachment", attachment.get("id").asString());
            }
        }
    }

    private void assertSameChat(ApiClient target, String chat) {
        var imported = target.get("/chat/detail", "chat_id", chat);
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(stripped(imported.data())).as(chat).isEqualTo(stripped(source.reader().get("/chat/detail", "chat_id", chat).data()));
        for (var message : imported.data().get("messages")) {
            for (var attachment : message.get("attachments")) {
                assertSameFile(target, "/chat/attachment", attachment.get("id").asString());
            }
        }
    }

    private void assertSameFile(ApiClient target, String path, String attachment) {
        var imported = target.get(path, "attachment_id", attachment);
        var original = source.reader().get(path, "attachment_id", attachment);
        assertThat(imported.status()).as(attachment).isEqualTo(200);
        assertThat(original.status()).as(attachment).isEqualTo(200);
        assertThat(imported.body()).as(attachment).isEqualTo(original.body());
        assertThat(imported.header("Content-Type")).isEqualTo(original.header("Content-Type"));
    }

    private static Iterator<JsonNode> concat(JsonNode first, JsonNode second) {
        List<JsonNode> both = new ArrayList<>();
        first.forEach(both::add);
        if (second != null) {
            second.forEach(both::add);
        }
        return both.iterator();
    }

    /** Every item of a list, page after page. */
    private static JsonNode allPages(ApiClient client, String path, String... params) {
        var items = ApiClient.parse("[]");
        for (int page = 1; ; page++) {
            List<String> query = new ArrayList<>(List.of(params));
            query.addAll(List.of("page", Integer.toString(page)));
            var answer = client.get(path, query.toArray(String[]::new));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            answer.data().forEach(((tools.jackson.databind.node.ArrayNode) items)::add);
            if (answer.json().get("next_page").isNull()) {
                return items;
            }
        }
    }

    /** Runs the tasks at once and rethrows the first failure, so that an assertion in any of them fails the test. */
    private static void all(ExecutorService pool, List<Callable<Void>> tasks) {
        try {
            for (Future<Void> future : pool.invokeAll(tasks)) {
                future.get();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure.getCause());
        }
    }
}
