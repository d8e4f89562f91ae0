package io.atende.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds the body and headers of each format and makes one HTTP attempt with the JDK client. */
@Component
class WebhookSender {

    static final int RESPONSE_LIMIT = 4096;

    private final WebhookProperties properties;
    private final Destinations destinations;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient client;

    WebhookSender(WebhookProperties properties, Destinations destinations, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.destinations = destinations;
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * The outcome of one attempt.
     *
     * @param statusCode  {@code null} when no answer came
     * @param retryAfter  what the receiver asked for with {@code Retry-After}, or {@code null}
     */
    record Result(Instant startedAt, int durationMs, Integer statusCode, String response, String error, Duration retryAfter) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    Result send(WebhookRepository.Work work) {
        byte[] body;
        try {
            body = body(work);
        } catch (RuntimeException unrenderable) {
            return failure(clock.instant(), System.nanoTime(), describe(unrenderable));
        }
        return send(work, body);
    }

    /** One attempt with the body already built (a standard body is the same for every subscription to the event). */
    Result send(WebhookRepository.Work work, byte[] body) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        try {
            URI uri = Destinations.parse(work.subscription().url()).orElseThrow(() -> new IllegalStateException("invalid URL"));
            var forbidden = destinations.forbiddenAddress(uri);
            if (forbidden.isPresent()) {
                return failure(started, startNanos, "Destination refused: " + forbidden.get().getHostAddress()
                        + " is a loopback, link-local or private address");
            }
            var request = request(uri, work, body);
            var future = client.sendAsync(request, info -> new LimitedBody());
            HttpResponse<byte[]> response = future.get(properties.readTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Result(started, elapsed(startNanos), response.statusCode(), text.length() > RESPONSE_LIMIT ? text.substring(0, RESPONSE_LIMIT) : text,
                    null, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        } catch (UnknownHostException unknown) {
            return failure(started, startNanos, "Unknown host: " + unknown.getMessage());
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            return failure(started, startNanos, describe(cause));
        } catch (TimeoutException slow) {
            return failure(started, startNanos, "No answer within " + properties.readTimeout().toSeconds() + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failure(started, startNanos, "Interrupted while sending (server shutting down)");
        } catch (RuntimeException unexpected) {
            return failure(started, startNanos, describe(unexpected));
        }
    }

    /** The body as sent: TomTicket's three members, or the Standard Webhooks envelope with the snapshot as data. */
    byte[] body(WebhookRepository.Work work) {
        if (work.subscription().format() == WebhookFormat.TOMTICKET) {
            Map<String, String> body = new LinkedHashMap<>();
            if (WebhookEvents.TEST.equals(work.eventName())) {
                body.put("type", "webhook");
                body.put("id", work.subjectId());
                body.put("action", "test");
            } else {
                body.put("type", work.subjectType());
                body.put("id", work.subjectId());
                body.put("action", action(work.eventName()));
            }
            return json.writeValueAsBytes(body);
        }
        ObjectNode body = json.createObjectNode();
        body.put("type", work.eventName());
        body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(work.occurredAt()));
        body.set("data", work.data() == null ? json.createObjectNode().put("id", work.subjectId()) : json.readTree(work.data()));
        return json.writeValueAsBytes(body);
    }

    /** TomTicket knows created, updated and deleted; every other change of a subject is an update. */
    static String action(String eventName) {
        if (eventName.endsWith(".created")) {
            return "created";
        }
        if (eventName.endsWith(".deleted")) {
            return "deleted";
        }
        return "updated";
    }

    private HttpRequest request(URI uri, WebhookRepository.Work work, byte[] body) {
        var builder = HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Atende-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String secret = work.subscription().secret();
        if (work.subscription().format() == WebhookFormat.TOMTICKET) {
            builder.header("X-Hub-Signature", Signatures.tomticket(secret, body));
        } else {
            long timestamp = clock.instant().getEpochSecond();
            // The event id is the message id: retries and redeliveries of one event carry the same one, so receivers can deduplicate.
            String messageId = "msg_" + work.eventId();
            builder.header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signatures.standard(secret, messageId, timestamp, body));
        }
        return builder.build();
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                var date = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var wait = Duration.between(Instant.now(), date);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Result failure(Instant started, long startNanos, String error) {
        return new Result(started, elapsed(startNanos), null, null, error.length() > 500 ? error.substring(0, 500) : error, null);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static int elapsed(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Keeps the first 4 KB of the answer and stops reading there. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), RESPONSE_LIMIT - kept.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                kept.write(chunk, 0, take);
            }
            if (kept.size() >= RESPONSE_LIMIT && !result.isDone()) {
                result.complete(kept.toByteArray());
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
