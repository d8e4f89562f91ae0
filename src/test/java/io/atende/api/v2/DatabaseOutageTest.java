package io.atende.api.v2;

import java.io.IOException;
import java.sql.SQLException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.BrowserSession;
import io.atende.support.TestNodes;

import com.zaxxer.hikari.SQLExceptionOverride;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database going away under a running node (as PostgreSQL does while it restarts): a node of
 * its own reaches its H2 database over TCP through a relay the test cuts, so connections are really
 * reset and refused. The API answers 503 with Retry-After in the envelope, the console and portal a
 * "try again" page, and once the database is back everything confirmed before is there and nothing
 * refused during the outage was written.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTest {

    static final String TOKEN = "bootstrap-token-for-the-database-outage-test-0001";
    static final String ADMIN_EMAIL = "admin@outage.example.com";
    static final String ADMIN_PASSWORD = "outage-admin-password-1";

    Server database;
    Network network;
    ConfigurableApplicationContext node;

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
        if (network != null) {
            network.cut();
        }
        if (database != null) {
            database.stop();
        }
    }

    /**
     * Tells the pool that H2's client lost its server: PostgreSQL's driver reports that with SQL
     * state 08xxx, which the pool recognizes by itself, H2 with codes of its own (90067, 90121).
     */
    public static final class H2ConnectionLost implements SQLExceptionOverride {

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException failure) {
            return failure.getErrorCode() == 90067 || failure.getErrorCode() == 90121
                    ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    /**
     * The network between the node and its database: a TCP relay the test can cut (open connections
     * reset, new ones refused, as while a database server restarts) and restore on the same port.
     */
    static final class Network {

        private final int target;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocket listening;
        private volatile boolean down;
        private final int port;

        Network(int target) throws IOException {
            this.target = target;
            this.listening = listen(0);
            this.port = listening.getLocalPort();
        }

        int port() {
            return port;
        }

        void cut() throws IOException {
            // Under the lock, so that a connection the relay accepted just before the cut cannot join the open ones after
            // they were closed and carry on as if the network were up.
            synchronized (open) {
                down = true;
                listening.close();
                for (Socket socket : open) {
                    socket.close();
                }
                open.clear();
            }
        }

        void restore() throws IOException {
            synchronized (open) {
                down = false;
                listening = listen(port);
            }
        }

        private ServerSocket listen(int at) throws IOException {
            var server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at));
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        var client = server.accept();
                        var upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        synchronized (open) {
                            if (down) {
                                client.close();
                                upstream.close();
                                continue;
                            }
                            open.add(client);
                            open.add(upstream);
                        }
                        relay(client, upstream);
                        relay(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return server;
        }

        private static void daemon(Runnable work) {
            var thread = new Thread(work, "database-relay");
            thread.setDaemon(true);
            thread.start();
        }

        private static void relay(Socket from, Socket to) {
            daemon(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException cut) {
                    // the other direction notices too
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            });
        }
    }

    @Test
    void whileTheDatabaseIsUnreachableEveryFaceAsksToTryAgainAndNothingConfirmedIsLost(CapturedOutput output) throws Exception {
        database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        network = new Network(database.getPort());
        String name = "outage_" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        node = TestNodes.start("jdbc:h2:tcp://localhost:" + network.port() + "/mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                List.of("atende.bootstrap.token=" + TOKEN, "atende.bootstrap.admin-email=" + ADMIN_EMAIL,
                        "atende.bootstrap.admin-password=" + ADMIN_PASSWORD,
                        "spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.validation-timeout=500",
                        "spring.datasource.hikari.exception-override-class-name=" + H2ConnectionLost.class.getName()));
        int port = TestNodes.port(node);
        var api = new ApiClient(port, TOKEN);
        var operator = new BrowserSession(port);
        operator.get("/console/sign-in");
        assertThat(operator.post("/console/sign-in", "email", ADMIN_EMAIL, "password", ADMIN_PASSWORD).redirectPath()).isEqualTo("/console");
        assertThat(api.post("/department/new", "name", "Confirmed before").status()).isEqualTo(200);

        network.cut();

        var listed = api.get("/department/list");
        assertThat(listed.status()).isEqualTo(503);
        assertThat(listed.header("Retry-After")).isEqualTo("5");
        assertThat(listed.header("Content-Type")).startsWith("application/json");
        assertThat(listed.json().get("error").asBoolean()).isTrue();
        assertThat(listed.json().get("retry_after").asInt()).isEqualTo(5);
        assertThat(listed.message()).contains("try again in 5 seconds");
        var created = api.post("/department/new", "name", "Refused during the outage");
        assertThat(created.status()).isEqualTo(503);
        assertThat(created.header("Retry-After")).isEqualTo("5");

        var console = operator.acceptLanguage("pt-BR").get("/console/tickets");
        assertThat(console.status()).isEqualTo(503);
        assertThat(console.headers().firstValue("Retry-After")).contains("5");
        assertThat(console.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(console.document().select("main p a[href]").eachText()).contains("Tentar de novo");

        var portal = new BrowserSession(port).acceptLanguage("es").get("/portal/sign-in");
        assertThat(portal.status()).isEqualTo(503);
        assertThat(portal.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(portal.text("main p.error")).contains("inténtelo de nuevo en 5 segundos");

        network.restore();

        var back = waitForTheApi(api);
        assertThat(back.data().findValuesAsString("name")).contains("Confirmed before").doesNotContain("Refused during the outage");
        // The operator's session was in the database all along: still signed in.
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        var tickets = operator.get("/console/tickets");
        while (tickets.status() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(700);
            tickets = operator.get("/console/tickets");
        }
        assertThat(tickets.status()).isEqualTo(200);
        assertThat(tickets.document().select("header.topbar")).hasSize(1);
        assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("Servlet.service()");
    }

    /**
     * Polls until the node serves again; the wait is no assertion. The pool replaces a broken
     * connection when it checks it before lending it, which it does once it was idle half a second.
     */
    private static ApiResponse waitForTheApi(ApiClient api) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        ApiResponse answer = api.get("/department/list");
        while (answer.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(700);
            answer = api.get("/department/list");
        }
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }
}
