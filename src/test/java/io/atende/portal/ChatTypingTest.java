package io.atende.portal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.atende.chat.ChatManagement;
import io.atende.chat.StreamCursor;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalSettings;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Typing" between the widget's visitor and the desk's operator: each side signals, the other side's live stream
 * says so (a transient event without id), and a message or the chat's end takes it away.
 */
@ApiTest
class ChatTypingTest {

    static final String SHOP = "https://shop.example.com";

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    ChatManagement chats;

    TestTenants.Tenant tenant;
    TestTenants.SignedIn desk;
    String department;
    String chat;
    String token;

    @BeforeEach
    void aVisitorChatsWithAnOperatorAtTheDesk() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Vendas").id();
        desk = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", desk.operator().id());
        access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of(SHOP), null));
        var started = post("/widget/chats", "account", tenant.accountId(), "department", department, "name", "Visitante",
                "email", "v" + System.nanoTime() + "@example.com", "message", "Vocês entregam?");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode body = ApiClient.parse(started.text());
        chat = body.get("chat_id").asString();
        token = body.get("token").asString();
    }

    @Test
    void theOperatorSeesTheVisitorTypingUntilTheirMessageArrives() throws Exception {
        // Typing in the queue already counts: the operator who opens the chat sees it.
        accept();
        var page = desk.session().get("/console/chats/" + chat);
        assertThat(page.document().select("#chat-typing[aria-live=polite]")).hasSize(1);
        var response = desk.session().stream(page.document().selectFirst("#conversation").attr("data-stream"));
        var lines = readUntil(response.body(), "Chegou?");

        var typing = post("/widget/chats/" + chat + "/typing", "account", tenant.accountId(), "token", token);
        assertThat(typing.status()).as(typing.toString()).isEqualTo(204);
        assertThat(typing.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(chats.typingIn(List.of(new StreamCursor(tenant.accountId(), chat, 0)))).singleElement()
                .satisfies(signal -> assertThat(signal.until()).isAfter(java.time.Instant.now()));
        waitForLine(lines, "event:typing");
        assertThat(post("/widget/chats/" + chat + "/messages", "account", tenant.accountId(), "token", token, "message", "Chegou?")
                .status()).isEqualTo(201);
        var events = String.join("\n", lines.get(15, TimeUnit.SECONDS));
        response.body().close();

        assertThat(events).contains("event:typing\ndata:O cliente está digitando…");
        // A typing event has no id: a reconnecting browser resumes after the last message, not after a hint.
        int typingAt = events.indexOf("event:typing");
        assertThat(events.substring(events.lastIndexOf("\n\n", typingAt) + 1, typingAt)).doesNotContain("id:");
        assertThat(events.indexOf("event:typing")).isLessThan(events.indexOf("Chegou?"));
        // The message ended the visitor's typing.
        assertThat(chats.typingIn(List.of(new StreamCursor(tenant.accountId(), chat, 0)))).isEmpty();
    }

    @Test
    void theVisitorSeesTheOperatorTypingWithTheirName() throws Exception {
        accept();
        desk.session().get("/console/chats/" + chat);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = http.send(HttpRequest.newBuilder(URI.create(base() + "/widget/chats/" + chat + "/stream?account=" + tenant.accountId()
                        + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("Origin", SHOP).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var lines = readUntil(response.body(), "event:typing");

        var typing = desk.session().htmx().post("/console/chats/" + chat + "/typing");
        assertThat(typing.status()).isEqualTo(204);
        var events = String.join("\n", lines.get(15, TimeUnit.SECONDS));
        response.body().close();

        assertThat(events).contains("event:typing");
        String data = events.substring(events.indexOf("data:", events.indexOf("event:typing")) + 5).lines().findFirst().orElseThrow();
        JsonNode signal = ApiClient.parse(data);
        assertThat(signal.get("kind").asString()).isEqualTo("typing");
        assertThat(signal.get("sender_type").asString()).isEqualTo("A");
        assertThat(signal.get("sender").asString()).isEqualTo(desk.operator().name());
        assertThat(java.time.Instant.parse(signal.get("date").asString()))
                .isBetween(java.time.Instant.now(), java.time.Instant.now().plus(ChatManagement.TYPING_SHOWN_FOR).plusSeconds(1));
    }

    @Test
    void signalsCloseTogetherWriteOnceAndTheChatsEndClearsThem() {
        accept();
        desk.session().get("/console/chats/" + chat);
        assertThat(desk.session().htmx().post("/console/chats/" + chat + "/typing").status()).isEqualTo(204);
        var first = chats.typingIn(List.of(new StreamCursor(tenant.accountId(), chat, 0))).get(0).until();
        assertThat(desk.session().htmx().post("/console/chats/" + chat + "/typing").status()).isEqualTo(204);
        assertThat(chats.typingIn(List.of(new StreamCursor(tenant.accountId(), chat, 0))).get(0).until()).isEqualTo(first);

        assertThat(desk.session().htmx().post("/console/chats/" + chat + "/finish").status()).isEqualTo(200);
        assertThat(chats.typingIn(List.of(new StreamCursor(tenant.accountId(), chat, 0)))).isEmpty();
        // Nobody types in an ended chat.
        var late = post("/widget/chats/" + chat + "/typing", "account", tenant.accountId(), "token", token);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text()).contains("\"error\"");
        assertThat(desk.session().htmx().post("/console/chats/" + chat + "/typing").status()).isEqualTo(409);
    }

    @Test
    void onlyTheChatsOperatorSignalsAndOnlyWithTheChatsTokenOrAccount() {
        desk.session().get("/console/chats/" + chat);
        // Not accepted yet: the operator cannot write, so cannot type either.
        assertThat(desk.session().htmx().post("/console/chats/" + chat + "/typing").status()).isEqualTo(409);
        accept();
        // A colleague of the chat's department sees the chat but is not its operator (an agent outside it would not see it: 404).
        var colleague = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", colleague.operator().id());
        colleague.session().get("/console/chats/" + chat);
        assertThat(colleague.session().htmx().post("/console/chats/" + chat + "/typing").status()).isEqualTo(409);

        var forged = post("/widget/chats/" + chat + "/typing", "account", tenant.accountId(), "token", token + "x");
        assertThat(forged.status()).isIn(401, 403, 404);
        var other = tenants.create();
        var outsider = tenants.signedIn(other.accountId(), OperatorRole.OPERATOR);
        outsider.session().get("/console/chats");
        assertThat(outsider.session().htmx().post("/console/chats/" + chat + "/typing").status()).isEqualTo(404);
        var wrongAccount = post("/widget/chats/" + chat + "/typing", "account", other.accountId(), "token", token);
        assertThat(wrongAccount.status()).isIn(403, 404);
        assertThat(chats.typingIn(List.of(new StreamCursor(tenant.accountId(), chat, 0)))).isEmpty();
    }

    private void accept() {
        desk.session().get("/console/chats");
        assertThat(desk.session().htmx().post("/console/chats/" + chat + "/accept").status()).isEqualTo(200);
    }

    private CompletableFuture<List<String>> readUntil(InputStream body, String last) {
        var lines = java.util.Collections.synchronizedList(new ArrayList<String>());
        var done = new CompletableFuture<List<String>>();
        CompletableFuture.runAsync(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                boolean seen = false;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    seen |= line.contains(last);
                    if (seen && line.isEmpty()) {
                        break;
                    }
                }
            } catch (java.io.IOException closed) {
                // the test ended the stream
            }
            done.complete(new ArrayList<>(lines));
        });
        pending.put(done, lines);
        return done;
    }

    private final java.util.Map<CompletableFuture<List<String>>, List<String>> pending = new java.util.concurrent.ConcurrentHashMap<>();

    private void waitForLine(CompletableFuture<List<String>> reading, String line) throws InterruptedException {
        var lines = pending.get(reading);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            synchronized (lines) {
                if (lines.stream().anyMatch(seen -> seen.startsWith(line))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + line + " in " + lines);
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }

    private ApiResponse post(String path, String... fields) {
        var body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return ApiClient.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).header("Origin", SHOP)
                .header("Accept-Language", "en").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }
}
