package io.atende.api.v2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.atende.support.ApiClient;
import io.atende.support.FreshDatabase;
import io.atende.support.TestNodes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused tokens are counted per client address: past the budget (here 3 at once, then one a second)
 * the address gets 429 in the envelope with {@code Retry-After}, even with a right token, while other
 * addresses go on as before. Requests come from distinct loopback addresses (127.x.y.z) of their own.
 */
class FailedAuthenticationLimitTest {

    static final String TOKEN = "bootstrap-token-for-the-failed-authentication-limit-test";
    static final String PLATFORM_TOKEN = "platform-token-for-the-failed-authentication-limit-test";

    static FreshDatabase database;
    static ConfigurableApplicationContext node;
    static int port;

    @BeforeAll
    static void startNode() {
        database = FreshDatabase.create();
        node = TestNodes.start(database.url(), List.of("atende.bootstrap.token=" + TOKEN, "atende.platform-token=" + PLATFORM_TOKEN,
                "atende.api.failed-authentication.burst=3", "atende.api.failed-authentication.per-second=1"));
        port = TestNodes.port(node);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void wrongTokensFromOneAddressAreRefusedWith429AfterTheBudgetWithoutBlockingOthers() {
        String guesser = randomLoopbackAddress();
        String neighbour = randomLoopbackAddress();

        List<Answer> guesses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guesses.add(get(guesser, "/v2.0/department/list", "guess-" + i));
        }
        assertThat(guesses).extracting(Answer::status).containsExactly(401, 401, 401);

        var throttled = get(guesser, "/v2.0/department/list", "guess-3");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().get("content-type")).startsWith("application/json");
        assertThat(Integer.parseInt(throttled.headers().get("retry-after"))).isBetween(1, 2);
        var envelope = throttled.json();
        assertThat(envelope.get("error").asBoolean()).isTrue();
        assertThat(envelope.get("message").asString()).contains("wrong token").contains("Try again in");

        // A right guess from the throttled address cannot be told from a wrong one.
        assertThat(get(guesser, "/v2.0/department/list", TOKEN).status()).isEqualTo(429);

        assertThat(get(neighbour, "/v2.0/department/list", "a-wrong-token").status()).isEqualTo(401);
        assertThat(get(neighbour, "/v2.0/department/list", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void wrongPlatformTokensCountToo() {
        String guesser = randomLoopbackAddress();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get(guesser, "/v2.0/account/list", PLATFORM_TOKEN + i).status());
        }

        assertThat(statuses).containsExactly(401, 401, 401, 429);
        assertThat(get(guesser, "/v2.0/account/list", PLATFORM_TOKEN).status()).isEqualTo(429);
        assertThat(get(randomLoopbackAddress(), "/v2.0/account/list", PLATFORM_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void rightTokensAreNotCounted() {
        String integration = randomLoopbackAddress();
        for (int i = 0; i < 10; i++) {
            assertThat(get(integration, "/v2.0/department/list", TOKEN).status()).isEqualTo(200);
        }
        assertThat(new ApiClient(port, TOKEN).get("/department/list").status()).isEqualTo(200);
    }

    /** An address of the loopback network no other test uses, so no other test's failures count against it. */
    private static String randomLoopbackAddress() {
        var random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255);
    }

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return ApiClient.parse(body);
        }
    }

    /** One GET over HTTP/1.1 sent from the local address {@code from} (java.net.http cannot choose it). */
    private static Answer get(String from, String path, String token) {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body = response.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String unchunk(String chunked) {
        var body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
