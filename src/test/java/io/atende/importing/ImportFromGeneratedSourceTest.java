package io.atende.importing;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.atende.account.AccountManagement;
import io.atende.account.UpdateAccount;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.BrowserSession;
import io.atende.support.FreshDatabase;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

import static io.atende.importing.GeneratedTomTicketSource.customerName;
import static io.atende.importing.GeneratedTomTicketSource.customerOf;
import static io.atende.importing.GeneratedTomTicketSource.id;
import static io.atende.importing.GeneratedTomTicketSource.operatorName;
import static io.atende.importing.GeneratedTomTicketSource.operatorOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports from a TomTicket source whose account is generated (see {@link GeneratedTomTicketSource}): 500 tickets paged
 * as TomTicket pages them, through a restart of the importing node halfway, and a source that goes down and comes back.
 * The importing node waits a second, then two, between attempts at an unreachable source, and gives up after six.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFromGeneratedSourceTest {

    private static final int TICKETS = 500;
    private static final int CHATS = 60;
    private static final int MAX_ATTEMPTS = 6;
    private static final List<String> IMPORTER_SETTINGS = List.of("atende.import.allow-private=true",
            "atende.import.poll-interval=100ms", "atende.import.lease=2s", "atende.import.retry-delay=1s",
            "atende.import.retry-max-delay=2s", "atende.import.retry-attempts=" + MAX_ATTEMPTS,
            "atende.import.quick-retry-pause=50ms");

    private FreshDatabase database;
    private ConfigurableApplicationContext importer;

    @BeforeAll
    void startTheImporter() {
        database = FreshDatabase.create();
        importer = TestNodes.start(database.url(), IMPORTER_SETTINGS);
    }

    @AfterAll
    void stopTheImporter() {
        if (importer != null) {
            importer.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void fiveHundredTicketsArriveExactlyThroughARestartOfTheImporterHalfway() {
        try (var source = new GeneratedTomTicketSource(TICKETS, CHATS)) {
            var account = newTargetAccount();
            var target = account.admin();
            var started = target.post("/import/new", "source_url", source.baseUrl(), "source_token", GeneratedTomTicketSource.TOKEN,
                    "rate", "100");
            assertThat(started.status()).as(started.text()).isEqualTo(200);
            String id = started.id();
            waitFor(target, id, job -> progress(job, "tickets").get("done").asInt() >= 150 || !running(job));
            var halfway = target.get("/import/detail", "import_id", id).data();
            assertThat(progress(halfway, "tickets").get("done").asInt()).as("stopped halfway").isLessThan(TICKETS);
            importer.close();
            importer = TestNodes.start(database.url(), IMPORTER_SETTINGS);
            target = new ApiClient(TestNodes.port(importer), target.token());

            var done = waitFor(target, id, job -> !running(job));
            assertThat(done.get("status").asString()).isEqualTo("done");
            assertThat(done.get("failures")).isEmpty();
            var tickets = progress(done, "tickets");
            assertThat(tickets.get("total").asInt()).isEqualTo(TICKETS);
            assertThat(tickets.get("done").asInt()).isEqualTo(TICKETS);
            assertThat(tickets.get("failed").asInt()).isZero();
            assertThat(progress(done, "customers").get("done").asInt()).isEqualTo(GeneratedTomTicketSource.CUSTOMERS);
            assertThat(progress(done, "chats").get("done").asInt()).isEqualTo(CHATS);
            assertThat(progress(done, "custom_fields").get("imported").asInt()).isEqualTo(2);

            var list = target.get("/ticket/list", "column", "protocol", "order", "ASC");
            assertThat(list.json().get("size").asInt()).isEqualTo(TICKETS);
            assertThat(list.json().get("pages").asInt()).isEqualTo(10);
            assertThat(list.data().get(0).get("protocol").asInt()).isEqualTo(1001);
            assertThat(target.get("/ticket/list", "page", "10", "column", "protocol", "order", "ASC").data().get(49).get("protocol").asInt())
                    .isEqualTo(1500);
            assertThat(target.get("/chat/list").json().get("size").asInt()).isEqualTo(CHATS);
            assertThat(target.get("/customer/list").json().get("size").asInt()).isEqualTo(GeneratedTomTicketSource.CUSTOMERS);
            for (int number : List.of(1, 140, 249, 250, 420, 500)) {
                assertTicket(target, number);
            }
            assertChat(target, 37);
            var customer = target.get("/customer/details", "customer_id", "cli-8").data().get(0);
            assertThat(customer.get("id").asString()).isEqualTo(id("cu", 8));
            assertThat(customer.get("custom_fields").get(0).get("value").asString()).isEqualTo("Varejo");
            // The account's protocols go on after the highest imported one.
            var next = target.post("/ticket/new", "customer_id", "cli-1", "department_id", id("dp", 1), "subject", "Novo",
                    "message", "Depois da importação");
            assertThat(next.status()).as(next.text()).isEqualTo(200);
            assertThat(next.json().get("protocol").asInt()).isEqualTo(1501);
        }
    }

    /** The ticket exactly as the source generated it. */
    private static void assertTicket(ApiClient target, int number) {
        var answer = target.get("/ticket/detail", "ticket_id", id("tk", number), "show_stopwatch", "1", "show_tags", "1");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        var ticket = answer.data();
        int operator = operatorOf(number);
        boolean finished = GeneratedTomTicketSource.finished(number);
        boolean answered = GeneratedTomTicketSource.answered(number) || finished;
        var created = GeneratedTomTicketSource.created(number);
        assertThat(ticket.get("protocol").asInt()).isEqualTo(1000 + number);
        assertThat(ticket.get("subject").asString()).isEqualTo(GeneratedTomTicketSource.subject(number));
        assertThat(ticket.get("priority").asInt()).isEqualTo(1 + number % 4);
        assertThat(ticket.get("customer").get("id").asString()).isEqualTo(id("cu", customerOf(number)));
        assertThat(ticket.get("operator").get("id").isNull()).isEqualTo(operator == 0);
        if (operator != 0) {
            assertThat(ticket.get("operator").get("name").asString()).isEqualTo(operatorName(operator));
        }
        assertThat(ticket.get("situation").get("id").asInt()).isEqualTo(finished ? 5 : answered ? 2 : operator == 0 ? 0 : 1);
        assertThat(ticket.get("creation_date").asString()).isEqualTo(GeneratedTomTicketSource.date(created));
        assertThat(ticket.get("replies")).extracting(reply -> reply.get("message").asString()).containsExactlyElementsOf(
                finished ? List.of("Mensagem " + number, "Resposta " + number, "Resolvido " + number)
                        : answered ? List.of("Mensagem " + number, "Resposta " + number) : List.of("Mensagem " + number));
        assertThat(ticket.get("replies").get(0).get("id").asString()).isEqualTo(id("rp", number * 10));
        assertThat(ticket.get("custom_fields").get("open").get(0).get("value").asString()).isEqualTo("PC-" + number);
        assertThat(ticket.get("tags")).extracting(JsonNode::asString)
                .containsExactlyElementsOf(number % 3 == 0 ? List.of("lote-" + number % 4) : List.of());
        if (operator != 0 && number % 4 == 0) {
            assertThat(ticket.get("stopwatch")).hasSize(1);
            assertThat(ticket.get("stopwatch").get(0).get("seconds").asInt()).isEqualTo((number % 50) * 60);
            assertThat(ticket.get("stopwatch").get(0).get("operator").get("id").asString()).isEqualTo(id("op", operator));
        } else {
            assertThat(ticket.get("stopwatch")).isEmpty();
        }
        assertThat(ticket.get("evaluation").get("grade").isNull()).isEqualTo(!(finished && number % 10 == 0));

        var history = target.get("/ticket/history", "ticket_id", id("tk", number)).data();
        List<String> fields = new java.util.ArrayList<>(List.of("opened"));
        List<String> names = new java.util.ArrayList<>(List.of(customerName(customerOf(number))));
        if (answered) {
            fields.add("situation");
            names.add(operatorName(operator));
        }
        if (finished) {
            fields.add("situation");
            names.add(operatorName(operator));
        }
        if (finished && number % 10 == 0) {
            fields.add("evaluation");
            names.add(customerName(customerOf(number)));
        }
        assertThat(history).as("history of " + number).extracting(entry -> entry.get("field").asString()).containsExactlyElementsOf(fields);
        assertThat(history).extracting(entry -> entry.get("actor").get("name").asString()).containsExactlyElementsOf(names);
        assertThat(history).extracting(entry -> entry.get("actor").get("type").asString()).containsOnly("import");
    }

    private static void assertChat(ApiClient target, int number) {
        var chat = target.get("/chat/detail", "chat_id", id("ch", number)).data();
        assertThat(chat.get("protocol").asInt()).isEqualTo(500 + number);
        assertThat(chat.get("situation").get("id").asInt()).isEqualTo(3);
        assertThat(chat.get("operator").get("id").asString()).isEqualTo(id("op", 1 + number % GeneratedTomTicketSource.OPERATORS));
        assertThat(chat.get("messages")).extracting(message -> message.get("message").asString())
                .containsExactly("Oi " + number, "Olá " + number);
        assertThat(chat.get("messages")).extracting(message -> message.get("sender_type").asString()).containsExactly("C", "A");
    }

    @Test
    void aSourceThatIsDownIsWaitedForAndTheImportEndsOnceItIsBack() {
        // This source lists no custom fields: the import takes those its departments name.
        try (var source = new GeneratedTomTicketSource(20, 5, false)) {
            var account = newTargetAccount();
            var target = account.admin();
            source.takeDown();
            String id = target.post("/import/new", "source_url", source.baseUrl(), "source_token", GeneratedTomTicketSource.TOKEN,
                    "rate", "100").id();
            var waiting = waitFor(target, id, job -> job.hasNonNull("waiting_to_retry"));
            assertThat(waiting.get("status").asString()).isEqualTo("running");
            var retry = waiting.get("waiting_to_retry");
            assertThat(retry.get("reason").asString()).contains("could not be reached");
            assertThat(retry.get("attempt").asInt()).isBetween(1, MAX_ATTEMPTS - 1);
            assertThat(retry.get("max_attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
            assertThat(retry.get("next_attempt_date").asString()).isNotBlank();
            var console = signedIn(account.accountId());
            var page = console.get("/console/admin/imports/" + id);
            assertThat(page.document().select("#import-waiting").text()).contains("could not be reached");
            assertThat(page.document().selectFirst("#import-waiting").hasClass("warning")).isTrue();

            source.bringBack();
            var done = waitFor(target, id, job -> !running(job));
            assertThat(done.get("status").asString()).isEqualTo("done");
            assertThat(done.get("waiting_to_retry").isNull()).isTrue();
            assertThat(progress(done, "tickets").get("imported").asInt()).isEqualTo(20);
            assertThat(progress(done, "chats").get("imported").asInt()).isEqualTo(5);
            assertThat(done.get("failures")).isEmpty();
            var fields = target.get("/custom_field/list").data();
            assertThat(fields).hasSize(1);
            assertThat(fields.get(0).get("id").asString()).isEqualTo(id("cf", 1));
            assertThat(fields.get(0).get("label").asString()).isEqualTo("Pedido de compra");
            assertThat(fields.get(0).get("type").asString()).isEqualTo("text");
            assertThat(fields.get(0).get("department").get("id").asString()).isEqualTo(id("dp", 1));
            assertThat(target.get("/ticket/detail", "ticket_id", id("tk", 7)).data().get("custom_fields").get("open").get(0)
                    .get("value").asString()).isEqualTo("PC-7");
            assertThat(console.get("/console/admin/imports/" + id).document().select("#import-waiting")).isEmpty();
        }
    }

    @Test
    void aSourceThatStaysDownFailsTheImportAfterTheDocumentedNumberOfAttempts() {
        try (var source = new GeneratedTomTicketSource(5, 0)) {
            var target = newTargetAccount().admin();
            source.failNext(Integer.MAX_VALUE);
            String id = target.post("/import/new", "source_url", source.baseUrl(), "source_token", GeneratedTomTicketSource.TOKEN,
                    "include", "customers").id();
            var failed = waitFor(target, id, job -> !running(job));
            assertThat(failed.get("status").asString()).isEqualTo("failed");
            assertThat(failed.get("failure").asString()).contains("503").contains("gave up after " + MAX_ATTEMPTS + " attempts");
            // Each attempt asks once and then twice more within the blip's pauses.
            assertThat(source.requests()).isEqualTo(MAX_ATTEMPTS * 3);
        }
    }

    // --- the importing server

    private record Target(String accountId, ApiClient admin) {
    }

    private Target newTargetAccount() {
        var accounts = importer.getBean(AccountManagement.class);
        var created = accounts.createAccount("Target " + System.nanoTime(), "America/Sao_Paulo");
        accounts.update(created.account().id(), new UpdateAccount(null, null, TestTenants.GENEROUS));
        return new Target(created.account().id(), new ApiClient(TestNodes.port(importer), created.adminToken().secret()));
    }

    private BrowserSession signedIn(String accountId) {
        String email = "admin" + System.nanoTime() + "@example.com";
        importer.getBean(OperatorManagement.class).create(accountId, new CreateOperator("Admin", email, "secret-123", OperatorRole.ADMIN, true));
        var session = new BrowserSession(TestNodes.port(importer));
        session.get("/console/sign-in");
        assertThat(session.post("/console/sign-in", "email", email, "password", "secret-123").status()).isEqualTo(302);
        session.get("/console");
        return session;
    }

    private static boolean running(JsonNode job) {
        return job.get("status").asString().equals("running");
    }

    private static JsonNode waitFor(ApiClient target, String importId, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            var answer = target.get("/import/detail", "import_id", importId);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            if (condition.test(answer.data())) {
                return answer.data();
            }
            assertThat(System.nanoTime()).as("import " + importId + " in time: " + answer.text()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    private static JsonNode progress(JsonNode job, String kind) {
        for (var item : job.get("progress")) {
            if (item.get("kind").asString().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError("no progress of " + kind + " in " + job);
    }
}
