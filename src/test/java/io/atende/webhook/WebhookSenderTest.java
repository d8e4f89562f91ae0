package io.atende.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSenderTest {

    @Test
    void refusesAPrivateDestinationAtDeliveryTimeToo() {
        try (var receiver = new WebhookReceiver(); var sender = sender(DestinationsTest.properties(false))) {
            var result = sender.send(work(receiver.url()));

            assertThat(result.succeeded()).isFalse();
            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).contains("Destination refused");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void refusesAnIpv6FormOfALoopbackAddressAtDeliveryTime() {
        try (var receiver = new WebhookReceiver(); var sender = sender(DestinationsTest.properties(false))) {
            int port = java.net.URI.create(receiver.url()).getPort();
            for (String url : List.of("http://[::127.0.0.1]:" + port + "/", "http://[2002:7f00:1::]:" + port + "/")) {
                var result = sender.send(work(url));

                assertThat(result.statusCode()).as(url).isNull();
                assertThat(result.error()).as(url).contains("Destination refused");
            }
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void refusesAPortOutsideTheWebAndUnprivilegedOnesAtDeliveryTime() {
        try (var sender = sender(DestinationsTest.properties(false))) {
            var result = sender.send(work("http://93.184.215.14:25/hook"));

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).isEqualTo("Destination refused: port 25 is not allowed");
        }
    }

    @Test
    void keepsTheFirst4KbOfALongAnswerAndStillDeliversTheNextAttempt() {
        try (var receiver = new WebhookReceiver(); var sender = sender(DestinationsTest.properties(true))) {
            receiver.answer(request -> new WebhookReceiver.Answer(500, Map.of(), "x".repeat(100_000), Duration.ZERO));

            var cut = sender.send(work(receiver.url()));
            receiver.answer(request -> new WebhookReceiver.Answer(200, Map.of(), "ok", Duration.ZERO));
            var next = sender.send(work(receiver.url()));

            assertThat(cut.statusCode()).isEqualTo(500);
            assertThat(cut.response()).hasSize(WebhookSender.RESPONSE_LIMIT);
            assertThat(next.succeeded()).isTrue();
            assertThat(next.response()).isEqualTo("ok");
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void givesUpOnAReceiverThatDoesNotAnswerInTime() {
        try (var receiver = new WebhookReceiver(); var sender = sender(shortReadTimeout())) {
            receiver.answer(request -> new WebhookReceiver.Answer(200, Map.of(), "late", Duration.ofSeconds(3)));

            var result = sender.send(work(receiver.url()));

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).isEqualTo("No answer within 500 ms");
            assertThat(result.durationMs()).isLessThan(3000);
        }
    }

    @Test
    void cutsOffAReceiverThatTricklesItsAnswerPastTheReadTimeout() throws Exception {
        // A byte every 100 ms never trips a socket timeout of 500 ms: only the attempt's own deadline ends it.
        try (var trickler = new Trickler(); var sender = sender(shortReadTimeout())) {
            var result = sender.send(work(trickler.url()));

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).isEqualTo("No answer within 500 ms");
            assertThat(result.durationMs()).isLessThan(Trickler.LASTS_MS);
        }
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(WebhookSender.retryAfter("120")).hasSeconds(120);
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(WebhookSender.retryAfter("soon")).isNull();
        assertThat(WebhookSender.retryAfter(null)).isNull();
    }

    @Test
    void tomticketActionsAreCreatedDeletedOrUpdated() {
        assertThat(WebhookSender.action("ticket.created")).isEqualTo("created");
        assertThat(WebhookSender.action("customer.deleted")).isEqualTo("deleted");
        assertThat(WebhookSender.action("ticket.replied")).isEqualTo("updated");
        assertThat(WebhookSender.action("ticket.finished")).isEqualTo("updated");
    }

    private static WebhookSender sender(WebhookProperties properties) {
        return new WebhookSender(properties, new Destinations(properties), JsonMapper.builder().build(), Clock.systemUTC(), List.of());
    }

    private static WebhookProperties shortReadTimeout() {
        return new WebhookProperties(true, true, 4, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofMillis(500),
                Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(72), 10, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofDays(30), Duration.ofHours(1), 100);
    }

    private static WebhookRepository.Work work(String url) {
        var subscription = new WebhookRepository.Subscription("s", url, WebhookFormat.TOMTICKET, List.of(), "secret", true,
                null, 0, null, Instant.now(), Instant.now());
        return new WebhookRepository.Work("a", "d", "t", 0, Instant.now(), subscription, "e", "customer.created", "customer", "x",
                null, null, Instant.now());
    }

    /** A receiver that answers 200 at once, then sends its chunked body one byte every 100 ms for five seconds. */
    private static final class Trickler implements AutoCloseable {

        static final int LASTS_MS = 5000;

        private final ServerSocket server;
        private final Thread thread;

        Trickler() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "trickler");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                in.read(new byte[8192]);
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int sent = 0; sent < LASTS_MS; sent += 100) {
                    out.write("1\r\na\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException | InterruptedException closed) {
                // the sender hung up, as it should
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
    }
}
