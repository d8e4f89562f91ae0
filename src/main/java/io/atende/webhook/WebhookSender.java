package io.atende.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Builds the body and headers of each format and makes one HTTP attempt, blocking on the
 * dispatcher's sender thread: the attempt's thread is the only one that touches it, which costs
 * less CPU per delivery than handing it between an event loop and a pool.
 */
@Component
class WebhookSender implements AutoCloseable {

    static final int RESPONSE_LIMIT = 4096;
    /** A pooled connection is replaced after this long, so that a changed DNS answer (checked again) is followed. */
    private static final TimeValue CONNECTION_LIFETIME = TimeValue.ofMinutes(5);

    private final WebhookProperties properties;
    private final Destinations destinations;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, WebhookSubjectRenderer> renderers;
    private final CloseableHttpClient client;
    /** Cuts off an attempt whose receiver is still answering when its time is up (a trickle never trips a socket timeout). */
    private final ScheduledThreadPoolExecutor deadlines;

    WebhookSender(WebhookProperties properties, Destinations destinations, JsonMapper json, Clock clock,
                  List<WebhookSubjectRenderer> renderers) {
        this.properties = properties;
        this.destinations = destinations;
        this.json = json;
        this.clock = clock;
        this.renderers = renderers.stream().collect(Collectors.toMap(WebhookSubjectRenderer::subjectType, Function.identity()));
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedResolver(destinations))
                // One connection per sender thread and receiver is all a node can use at once.
                .setMaxConnTotal(Math.max(1, properties.concurrency()))
                .setMaxConnPerRoute(Math.max(1, properties.concurrency()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.readTimeout()))
                        // Receivers close idle keep-alive connections; a POST on one of those would fail and not be retried.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(CONNECTION_LIFETIME)
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
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
        HttpPost request;
        try {
            URI uri = Destinations.parse(work.subscription().url()).orElseThrow(() -> new IllegalStateException("invalid URL"));
            if (!destinations.allowsPort(uri)) {
                return failure(started, startNanos, "Destination refused: port " + uri.getPort() + " is not allowed");
            }
            request = request(uri, work, body);
        } catch (RuntimeException unexpected) {
            return failure(started, startNanos, describe(unexpected));
        }
        var deadline = deadlines.schedule(request::cancel, properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            try {
                String text = new String(firstBytes(response), StandardCharsets.UTF_8);
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Result(started, elapsed(startNanos), response.getCode(), text, null,
                        retryAfter(retryAfter == null ? null : retryAfter.getValue()));
            } finally {
                // The rest of the answer is never read: one read to its end has given its connection back to the pool
                // already, and a longer one loses its connection here (a graceful close would read on to the end).
                if (response instanceof ModalCloseable closeable) {
                    closeable.close(CloseMode.IMMEDIATE);
                } else {
                    response.close();
                }
            }
        } catch (Destinations.Refused refused) {
            return failure(started, startNanos, refused.getMessage());
        } catch (UnknownHostException unknown) {
            return failure(started, startNanos, "Unknown host: " + unknown.getMessage());
        } catch (IOException | RuntimeException failed) {
            if (request.isCancelled() || failed instanceof SocketTimeoutException) {
                return failure(started, startNanos, "No answer within " + readTimeout());
            }
            return failure(started, startNanos, describe(failed));
        } finally {
            deadline.cancel(false);
        }
    }

    private String readTimeout() {
        long millis = properties.readTimeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The first 4 KB of the answer. */
    private static byte[] firstBytes(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return new byte[0];
        }
        InputStream content = response.getEntity().getContent();
        return content == null ? new byte[0] : content.readNBytes(RESPONSE_LIMIT);
    }

    /**
     * The body as sent: TomTicket's three members, or the Standard Webhooks envelope with the snapshot, rendered in
     * its wire shape, as data. Rendering reads nothing but the stored snapshot, so every attempt sends the same bytes.
     */
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
        if (work.data() != null) {
            // Written by this mapper when the event was queued: embedded as it is stored, not parsed again.
            body.putRawValue("data", new RawValue(work.data()));
        } else if (work.snapshot() != null) {
            body.putRawValue("data", new RawValue(json.writeValueAsString(render(work))));
        } else {
            body.set("data", json.createObjectNode().put("id", work.subjectId()));
        }
        return json.writeValueAsBytes(body);
    }

    private Object render(WebhookRepository.Work work) {
        var renderer = renderers.get(work.subjectType());
        if (renderer == null) {
            throw new IllegalStateException("no renderer for " + work.subjectType() + " snapshots");
        }
        return renderer.render(StoredSnapshot.read(json, work.accountId(), work.subjectType(), work.subjectId(), work.snapshot(),
                work.occurredAt()));
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

    private HttpPost request(URI uri, WebhookRepository.Work work, byte[] body) {
        var request = new HttpPost(uri);
        request.setHeader("Content-Type", "application/json; charset=utf-8");
        request.setHeader("User-Agent", "Atende-Webhooks/1");
        request.setEntity(new ByteArrayEntity(body, null));
        String secret = work.subscription().secret();
        if (work.subscription().format() == WebhookFormat.TOMTICKET) {
            request.setHeader("X-Hub-Signature", Signatures.tomticket(secret, body));
        } else {
            long timestamp = clock.instant().getEpochSecond();
            // The event id is the message id: retries and redeliveries of one event carry the same one, so receivers can deduplicate.
            String messageId = "msg_" + work.eventId();
            request.setHeader("webhook-id", messageId);
            request.setHeader("webhook-timestamp", Long.toString(timestamp));
            request.setHeader("webhook-signature", Signatures.standard(secret, messageId, timestamp, body));
        }
        return request;
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

    /** Stops the deadlines and closes the connections, in-flight ones too (the dispatcher has stopped by then). */
    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    /** Resolves a receiver's host for each new connection and refuses private addresses (unless allowed) right there. */
    private record CheckedResolver(Destinations destinations) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return destinations.allowedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
