package io.atende.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atende.operator.OperatorManagement;
import io.atende.support.ApiClient;
import io.atende.support.FreshDatabase;
import io.atende.support.TestNodes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first start of an installation (docs/operations.md): each test starts whole servers on a
 * database of its own that begins empty.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");
    private static final String FIXED_TOKEN = "atd_fixed-bootstrap-token-for-scripts-0123456789";

    FreshDatabase database;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeEach
    void emptyDatabase() {
        database = FreshDatabase.create();
    }

    @AfterEach
    void stopNodesAndDropDatabase() {
        nodes.forEach(ConfigurableApplicationContext::close);
        database.close();
    }

    @Test
    void createsOneAccountWithAnAdminOperatorAndAnAdminTokenAndPrintsTheGeneratedSecretsOnce(CapturedOutput output) {
        var node = start();

        assertThat(count("account")).isEqualTo(1);
        assertThat(count("operator")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(1);
        var operator = jdbc(node).sql("select account_id, id, email, role, active from operator").query().singleRow();
        assertThat(operator.get("email")).isEqualTo("admin@atende.local");
        assertThat(operator.get("role")).isEqualTo("ADMIN");
        assertThat(operator.get("active")).isEqualTo(true);
        var token = jdbc(node).sql("select account_id, scope, revoked_at from api_token").query().singleRow();
        assertThat(token.get("scope")).isEqualTo("ADMIN");
        assertThat(token.get("revoked_at")).isNull();
        assertThat(token.get("account_id")).isEqualTo(operator.get("account_id"));

        String password = printed(output.getOut(), "Admin password");
        String secret = printed(output.getOut(), "Admin API token");
        assertThat(secret).matches("atd_[A-Za-z0-9_-]{43}");
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(new ApiClient(TestNodes.port(node), secret).get("/department/list").status()).isEqualTo(200);
        assertThat(new ApiClient(TestNodes.port(node), secret).post("/department/new", "name", "Suporte").status()).isEqualTo(200);
        assertThat(node.getBean(OperatorManagement.class).passwordMatches((String) operator.get("account_id"),
                (String) operator.get("id"), password)).isTrue();
        assertThat(output.getOut().lines()).anyMatch(line -> LOG_LINE.matcher(line).matches() && line.contains("First start: created account"));
        assertNeverLogged(output.getOut(), password, secret);
        assertThat(output.getOut()).doesNotContain("generated security password");

        int printedSoFar = output.getOut().length();
        stop(node);
        var restarted = start();

        String afterRestart = output.getOut().substring(printedSoFar);
        assertThat(afterRestart).doesNotContain(password).doesNotContain(secret)
                .doesNotContain("Admin password").doesNotContain("Admin API token").doesNotContain("first start");
        assertThat(count("account")).isEqualTo(1);
        assertThat(count("operator")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(1);
        assertThat(new ApiClient(TestNodes.port(restarted), secret).get("/department/list").status()).isEqualTo(200);
    }

    @Test
    void usesTheFixedTokenAndCredentialsWithoutPrintingThem(CapturedOutput output) {
        String password = "correct-horse-battery-staple";
        var node = start("atende.bootstrap.token=" + FIXED_TOKEN, "atende.bootstrap.admin-email=Boss@Example.com",
                "atende.bootstrap.admin-password=" + password);

        assertThat(count("account")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(1);
        var operator = jdbc(node).sql("select account_id, id, email, role from operator").query().singleRow();
        assertThat(operator.get("email")).isEqualTo("Boss@Example.com");
        assertThat(operator.get("role")).isEqualTo("ADMIN");
        assertThat(node.getBean(OperatorManagement.class).passwordMatches((String) operator.get("account_id"),
                (String) operator.get("id"), password)).isTrue();

        var client = new ApiClient(TestNodes.port(node), FIXED_TOKEN);
        assertThat(client.get("/department/list").status()).isEqualTo(200);
        assertThat(client.post("/department/new", "name", "Suporte").status()).isEqualTo(200);

        assertThat(output.getOut()).contains("Admin sign-in : Boss@Example.com")
                .doesNotContain(FIXED_TOKEN).doesNotContain(password);
        assertThat(output.getErr()).doesNotContain(FIXED_TOKEN).doesNotContain(password);
    }

    @Test
    void aRestartWithOtherBootstrapSettingsChangesNothing(CapturedOutput output) {
        stop(start("atende.bootstrap.token=" + FIXED_TOKEN));
        int printedSoFar = output.getOut().length();

        var restarted = start("atende.bootstrap.token=atd_another-token-given-on-the-second-start-0000",
                "atende.bootstrap.admin-email=other@example.com");

        assertThat(count("account")).isEqualTo(1);
        assertThat(count("operator")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(1);
        assertThat(new ApiClient(TestNodes.port(restarted), FIXED_TOKEN).get("/department/list").status()).isEqualTo(200);
        assertThat(new ApiClient(TestNodes.port(restarted), "atd_another-token-given-on-the-second-start-0000")
                .get("/department/list").status()).isEqualTo(401);
        assertThat(output.getOut().substring(printedSoFar)).doesNotContain("Admin");
    }

    @Test
    void warnsAboutAShortFixedTokenWithoutRevealingIt(CapturedOutput output) {
        var node = start("atende.bootstrap.token=dev-token");

        assertThat(new ApiClient(TestNodes.port(node), "dev-token").get("/department/list").status()).isEqualTo(200);
        assertThat(output.getOut()).contains("shorter than 32 characters");
        assertNeverLogged(output.getOut(), "dev-token");
    }

    @Test
    void aFailedFirstStartLeavesNothingBehindAndTheNextStartCompletesIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("atende.bootstrap.admin-email=not-an-address")).isInstanceOf(Exception.class);
        assertThat(count("account")).isZero();
        assertThat(count("installation")).isZero();
        assertThat(output.getOut()).doesNotContain("Admin password");

        start("atende.bootstrap.admin-email=admin@example.com");

        assertThat(count("account")).isEqualTo(1);
        assertThat(count("operator")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(1);
    }

    @Test
    void twoNodesStartingTogetherOnAnEmptyDatabaseCreateOneAccount(CapturedOutput output) throws Exception {
        var ready = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        // Two applications setting up logging at the same instant in one JVM race inside Spring
        // Boot's logging initialization; these nodes keep the logging the test JVM already has.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<ConfigurableApplicationContext> node = () -> {
                    ready.await();
                    return TestNodes.start(database.url(), List.of());
                };
                starting.add(pool.submit(node));
            }
            ready.countDown();
            for (var node : starting) {
                nodes.add(node.get());
            }
        } finally {
            pool.shutdownNow();
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }

        assertThat(count("account")).isEqualTo(1);
        assertThat(count("operator")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(1);
        assertThat(Pattern.compile("Admin API token: ").matcher(output.getOut()).results().count()).isEqualTo(1);
    }

    private ConfigurableApplicationContext start(String... properties) {
        var node = TestNodes.start(database.url(), List.of(properties));
        nodes.add(node);
        return node;
    }

    private void stop(ConfigurableApplicationContext node) {
        node.close();
        nodes.remove(node);
    }

    private int count(String table) {
        var anyNode = nodes.isEmpty() ? null : nodes.get(0);
        if (anyNode != null) {
            return jdbc(anyNode).sql("select count(*) from " + table).query(Integer.class).single();
        }
        // No node is running (the start failed): look with a plain connection.
        try (var connection = java.sql.DriverManager.getConnection(database.url(),
                System.getenv().getOrDefault("ATENDE_TEST_DB_USER", "sa"), System.getenv().getOrDefault("ATENDE_TEST_DB_PASSWORD", ""));
             var result = connection.createStatement().executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getInt(1);
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext node) {
        return node.getBean(JdbcClient.class);
    }

    private static String printed(String output, String label) {
        Matcher found = Pattern.compile(label + ": (\\S+)").matcher(output);
        assertThat(found.find()).as("%s printed", label).isTrue();
        return found.group(1);
    }

    private static void assertNeverLogged(String output, String... secrets) {
        for (String line : output.split("\\R")) {
            if (LOG_LINE.matcher(line).matches()) {
                for (String secret : secrets) {
                    assertThat(line).as("a log line").doesNotContain(secret);
                }
            }
        }
    }
}
