package io.atende.importing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.atende.account.AccountManagement;
import io.atende.account.UpdateAccount;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.BrowserSession;
import io.atende.support.FreshDatabase;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The importing server of the import tests: a second Atende on a database of its own, which imports from the test's
 * own node (or another source) through the API, as a new installation imports from TomTicket; and how those tests
 * follow an import job and compare what arrived with what the source has.
 */
final class ImportingNode implements AutoCloseable {

    /** What depends on the moment it is read or on the SLA policies of the account, which an import does not bring. */
    private static final List<String> VOLATILE = List.of("elapsed_time", "sla", "sla_policy", "sla_targets", "url", "wait_time",
            "duration");
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private final FreshDatabase database;
    private final List<String> settings;
    private ConfigurableApplicationContext node;

    private ImportingNode(FreshDatabase database, List<String> settings) {
        this.database = database;
        this.settings = settings;
        this.node = TestNodes.start(database.url(), settings);
    }

    /** Starts a node with these settings ({@code name=value}) on a new database. */
    static ImportingNode start(List<String> settings) {
        var database = FreshDatabase.create();
        try {
            return new ImportingNode(database, settings);
        } catch (RuntimeException failed) {
            database.close();
            throw failed;
        }
    }

    /** Stops the node and starts it again on the same database, as an upgrade or a crash would. */
    void restart() {
        node.close();
        node = TestNodes.start(database.url(), settings);
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            database.close();
        }
    }

    /** An account of the importing server: its id and its admin token's client. */
    record Target(String accountId, ApiClient admin) {
    }

    /** A new account on the importing server, with a generous rate limit. */
    Target newTargetAccount() {
        var accounts = node.getBean(AccountManagement.class);
        var created = accounts.createAccount("Target " + System.nanoTime(), "America/Sao_Paulo");
        accounts.update(created.account().id(), new UpdateAccount(null, null, TestTenants.GENEROUS));
        return new Target(created.account().id(), client(created.adminToken().secret()));
    }

    /** A client of the importing server's API with this token. */
    ApiClient client(String token) {
        return new ApiClient(TestNodes.port(node), token);
    }

    /** A console session on the importing server of a new operator of the account with the role. */
    BrowserSession signedIn(String accountId, OperatorRole role) {
        String email = "op" + System.nanoTime() + "@example.com";
        node.getBean(OperatorManagement.class).create(accountId, new CreateOperator("Admin", email, "secret-123", role, true));
        var session = new BrowserSession(TestNodes.port(node));
        session.get("/console/sign-in");
        assertThat(session.post("/console/sign-in", "email", email, "password", "secret-123").status()).isEqualTo(302);
        session.get("/console");
        return session;
    }

    JdbcClient jdbc() {
        return node.getBean(JdbcClient.class);
    }

    // --- following an import job

    static boolean running(JsonNode job) {
        return job.get("status").asString().equals("running");
    }

    /** The import's detail once the condition holds of it; fails the test when it does not within three minutes. */
    static JsonNode waitFor(ApiClient target, String importId, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
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

    static JsonNode waitUntilEnded(ApiClient target, String importId) {
        return waitFor(target, importId, job -> !running(job));
    }

    /** The job's progress of one kind of object ({@code tickets}, {@code chats}…). */
    static JsonNode progress(JsonNode job, String kind) {
        for (var item : job.get("progress")) {
            if (item.get("kind").asString().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError("no progress of " + kind + " in " + job);
    }

    // --- comparing the two servers' objects

    /** A ticket's detail, without what may differ between the servers; {@code options} are more {@code show_} flags. */
    static JsonNode detail(ApiClient client, String ticket, String... options) {
        var params = new ArrayList<>(List.of("ticket_id", ticket, "show_stopwatch", "1", "show_tags", "1"));
        params.addAll(List.of(options));
        var answer = client.get("/ticket/detail", params.toArray(String[]::new));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return stripped(answer.data());
    }

    /** A copy without what depends on the moment or on SLA policies ({@link #VOLATILE}), at any depth. */
    static JsonNode stripped(JsonNode node) {
        var copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            VOLATILE.forEach(object::remove);
        }
        for (Iterator<JsonNode> children = node.iterator(); children.hasNext(); ) {
            strip(children.next());
        }
    }

    static Map<String, JsonNode> byId(JsonNode items) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        items.forEach(item -> byId.put(item.get("id").asString(), item));
        return byId;
    }

    static void ok(ApiResponse response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }
}
