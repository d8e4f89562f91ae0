package io.atende.api.v2;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.atende.account.TokenScope;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The live chat stream: Server-Sent Events read as a browser would, with a deadline on every wait. */
@ApiTest
class ChatStreamApiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Autowired
    TestTenants tenants;

    @Autowired
    ChatStreams streams;

    @Autowired
    Environment environment;

    Tenant tenant;
    String department;
    String operator;
    String chat;

    @BeforeEach
    void newAccountWithAQueuedChat() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla");
        chat = tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", "oi").id();
    }

    @Test
    void deliversTheHistoryThenEachChangeInCommitOrder() throws Exception {
        try (var stream = SseStream.open(tenant.reader(), chat, null)) {
            assertThat(stream.contentType()).startsWith("text/event-stream");
            var queued = stream.next();
            assertThat(queued.id()).isEqualTo("1");
            assertThat(queued.name()).isEqualTo("situation");
            assertThat(queued.data().get("situation").get("id").asInt()).isEqualTo(1);
            assertThat(queued.data().get("chat_id").asString()).isEqualTo(chat);
            var first = stream.next();
            assertThat(first.id()).isEqualTo("2");
            assertThat(first.name()).isEqualTo("message");
            assertThat(first.data().get("message").asString()).isEqualTo("oi");
            assertThat(first.data().get("sender_type").asString()).isEqualTo("C");

            assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(200);
            for (int i = 1; i <= 5; i++) {
                tenant.writer().post("/chat/message", "chat_id", chat, "sender_type", i % 2 == 0 ? "C" : "A", "message", "m" + i);
            }

            var accepted = stream.next();
            assertThat(accepted.id()).isEqualTo("3");
            assertThat(accepted.data().get("situation").get("id").asInt()).isEqualTo(2);
            assertThat(accepted.data().get("operator").get("name").asString()).isEqualTo("Ana");
            assertThat(stream.next().data().get("sender_type").asString()).isEqualTo("S");
            List<String> texts = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                var event = stream.next();
                ids.add(event.id());
                texts.add(event.data().get("message").asString());
            }
            assertThat(ids).containsExactly("5", "6", "7", "8", "9");
            assertThat(texts).containsExactly("m1", "m2", "m3", "m4", "m5");
        }
    }

    @Test
    void resumesAfterTheLastEventIdWithoutRepeatingOrSkipping() throws Exception {
        tenant.writer().post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "dois");
        tenant.writer().post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "três");

        try (var stream = SseStream.open(tenant.reader(), chat, "3")) {
            var next = stream.next();
            assertThat(next.id()).isEqualTo("4");
            assertThat(next.data().get("message").asString()).isEqualTo("três");
        }
        try (var stream = SseStream.open(tenant.reader(), chat + "&last_event_id=2", null)) {
            assertThat(stream.next().data().get("message").asString()).isEqualTo("dois");
        }
    }

    @Test
    void deliversAMessageWithItsAttachments() throws Exception {
        try (var stream = SseStream.open(tenant.reader(), chat, "2")) {
            var files = List.of(new ApiClient.FilePart("attachment[0]", "print.png", "image/png", TicketAttachmentApiTest.PNG));
            assertThat(tenant.writer().postMultipart("/chat/message", files, "chat_id", chat, "sender_type", "C", "message", "print")
                    .status()).isEqualTo(200);

            var event = stream.next();
            assertThat(event.name()).isEqualTo("message");
            var file = event.data().get("attachments").get(0);
            assertThat(file.get("name").asString()).isEqualTo("print.png");
            assertThat(file.get("mimetype").asString()).isEqualTo("image/png");
            assertThat(file.get("size").asLong()).isEqualTo(TicketAttachmentApiTest.PNG.length);
            String url = file.get("url").asString();
            assertThat(url).isEqualTo(tenant.reader().baseUrl() + "/chat/attachment?attachment_id=" + file.get("id").asString());
            assertThat(tenant.reader().get("/chat/attachment", "attachment_id", file.get("id").asString()).body())
                    .isEqualTo(TicketAttachmentApiTest.PNG);
        }
    }

    @Test
    void seesAMessageWrittenThroughAnotherNode() throws Exception {
        try (var node = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), List.of());
             var stream = SseStream.open(tenant.reader(), chat, "2")) {
            var otherNode = new ApiClient(TestNodes.port(node), tenant.writer().token());
            assertThat(otherNode.post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "do outro nó").status())
                    .isEqualTo(200);

            var event = stream.next();
            assertThat(event.id()).isEqualTo("3");
            assertThat(event.data().get("message").asString()).isEqualTo("do outro nó");
        }
    }

    @Test
    void forgetsAStreamWhoseClientWentAway() throws Exception {
        int before = streams.openStreams();
        var stream = SseStream.open(tenant.reader(), chat, null);
        stream.next();
        assertThat(streams.openStreams()).isEqualTo(before + 1);

        stream.close();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (streams.openStreams() > before && System.nanoTime() < deadline) {
            // A write is what reveals a closed connection.
            tenant.writer().post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "alguém?");
            Thread.sleep(100);
        }
        assertThat(streams.openStreams()).isEqualTo(before);
    }

    @Test
    void answersRefusalsBeforeTheStreamStartsAsEnvelopes() throws Exception {
        assertEnvelope(request(null, chat, null), 401);
        assertEnvelope(request(tenant.reader().token(), "0".repeat(32), null), 404);
        assertEnvelope(request(tenant.reader().token(), "", null), 400);
        assertEnvelope(request(tenant.reader().token(), chat, "ontem"), 400);
        var outsideAllowList = tenants.client(tenant.accountId(), TokenScope.READ, List.of("203.0.113.9"), TestTenants.GENEROUS);
        assertEnvelope(request(outsideAllowList.token(), chat, null), 403);
        assertEnvelope(request(tenants.create().reader().token(), chat, null), 404);
    }

    private static void assertEnvelope(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var body = ApiClient.parse(response.body());
        assertThat(body.get("error").asBoolean()).isTrue();
        assertThat(body.get("message").asString()).isNotBlank();
    }

    private HttpResponse<String> request(String token, String chatId, String lastEventId) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(tenant.reader().baseUrl() + "/chat/stream?chat_id=" + chatId))
                .header("Accept", "text/event-stream").timeout(DEADLINE);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Event(String id, String name, JsonNode data) {
    }

    /** One open stream, its lines read on a thread of their own so that every wait can have a deadline. */
    static final class SseStream implements AutoCloseable {

        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread reader;

        private SseStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static SseStream open(ApiClient client, String chatQuery, String lastEventId) throws Exception {
            var builder = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/chat/stream?chat_id=" + chatQuery))
                    .header("Authorization", "Bearer " + URLEncoder.encode(client.token(), StandardCharsets.UTF_8))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                builder.header("Last-Event-ID", lastEventId);
            }
            var response = HTTP.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            return new SseStream(response);
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        Event next() throws InterruptedException {
            var event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("no event within " + DEADLINE);
            }
            return event;
        }

        private void read() {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            try (var lines = response.body()) {
                for (var iterator = lines.iterator(); iterator.hasNext(); ) {
                    String line = iterator.next();
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, ApiClient.parse(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (RuntimeException closed) {
                // The test closed the stream.
            }
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }
}
