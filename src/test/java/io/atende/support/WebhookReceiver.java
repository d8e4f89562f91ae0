package io.atende.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint on loopback that records every request it gets and answers as the test
 * scripts it (status, headers, delay).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. Header names are lower case. */
    public record Received(Instant at, String path, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** What to answer. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        public static Answer of(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> script = request -> Answer.of(200);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            var request = new Received(Instant.now(), exchange.getRequestURI().getPath(), headers, exchange.getRequestBody().readAllBytes());
            var answer = script.apply(request);
            received.add(request);
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void answer(Function<Received, Answer> script) {
        this.script = script;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (polling, up to the deadline) until the received requests satisfy the condition; returns them. */
    public List<Received> await(Predicate<List<Received>> condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            var now = received();
            if (condition.test(now)) {
                return now;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("The receiver did not get what was expected within " + deadline + "; it got " + received().size()
                + " requests: " + received().stream().map(Received::text).toList());
    }

    public List<Received> awaitCount(int count) {
        return await(list -> list.size() >= count, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
