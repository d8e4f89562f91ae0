package io.atende.importing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one source for one job, at most {@code rate} requests per second: requests are spaced evenly, a 429 waits the
 * source's {@code Retry-After} (a second when it gives none) and is asked again, and a source that fails (5xx, no
 * answer) is asked again twice within seconds (a blip) before the job is told it is unavailable (the job then waits
 * longer, see {@link ImportRetries}).
 */
final class SourceClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_THROTTLED = 30;
    private static final int MAX_RETRIES = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;
    private final long spacingNanos;
    private final CloseableHttpClient http;
    private final long quickPauseMillis;
    private final Runnable answered;
    private long nextAllowed = System.nanoTime();
    private long requests;
    private boolean anyAnswer;

    /**
     * @param quickPause the pause before the first quick retry of a failed request
     * @param answered   called once, on the source's first answer (any status): it can be reached
     */
    SourceClient(String baseUrl, String token, int rate, SourceAddresses addresses, Duration quickPause, Runnable answered) {
        this.quickPauseMillis = Math.max(0, quickPause.toMillis());
        this.answered = answered;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.spacingNanos = 1_000_000_000L / Math.max(1, rate);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(addresses))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(TIMEOUT)).setSocketTimeout(Timeout.of(TIMEOUT)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(TIMEOUT)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** The source refused the job's token or its requests (401, 403): nothing more can be read. */
    static final class SourceRefused extends Exception {
        SourceRefused(String message) {
            super(message);
        }
    }

    /** The source kept failing or could not be reached. */
    static final class SourceUnavailable extends Exception {
        SourceUnavailable(String message) {
            super(message);
        }
    }

    /** The source does not know the object asked for (404) or refused the request for it (400, 409, ...). */
    static final class ObjectUnavailable extends Exception {
        ObjectUnavailable(String message) {
            super(message);
        }
    }

    /** How many requests this client sent, retries included. */
    long requests() {
        return requests;
    }

    /** GETs {@code path} under the base URL with the parameters (name, value, ...) and answers the envelope. */
    JsonNode get(String path, String... params) throws InterruptedException, SourceRefused, SourceUnavailable, ObjectUnavailable {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            pairs.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        String url = baseUrl + path + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        var answer = send(url, true);
        try {
            return JSON.readTree(answer.body());
        } catch (JacksonException malformed) {
            throw new SourceUnavailable("The source answered " + path + " with something that is not JSON");
        }
    }

    /**
     * The bytes at an absolute URL the source gave (an attachment's). The token goes along only to the source's own host:
     * a file kept elsewhere (a storage service) must not learn it.
     */
    byte[] download(String url) throws InterruptedException, SourceRefused, SourceUnavailable, ObjectUnavailable {
        URI target;
        try {
            target = URI.create(url.startsWith("/") ? origin() + url : url);
        } catch (IllegalArgumentException malformed) {
            throw new ObjectUnavailable("The source gave a malformed file address: " + url);
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ObjectUnavailable("The source gave a file address that is not http(s): " + url);
        }
        var base = URI.create(baseUrl);
        boolean sameOrigin = scheme.equalsIgnoreCase(base.getScheme()) && target.getHost() != null
                && target.getHost().equalsIgnoreCase(base.getHost()) && port(target) == port(base);
        return send(target.toString(), sameOrigin).body();
    }

    private String origin() {
        var base = URI.create(baseUrl);
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private record Answer(int status, byte[] body) {
    }

    private Answer send(String url, boolean withToken) throws InterruptedException, SourceRefused, SourceUnavailable, ObjectUnavailable {
        int throttled = 0;
        int failures = 0;
        while (true) {
            pace();
            Answer answer;
            long retryAfter;
            try {
                var request = new HttpGet(URI.create(url));
                if (withToken) {
                    request.setHeader("Authorization", "Bearer " + token);
                }
                request.setHeader("Accept", "application/json");
                requests++;
                var result = http.execute(request, response -> {
                    var header = response.getFirstHeader("Retry-After");
                    long wait = 1;
                    if (header != null) {
                        try {
                            wait = Math.max(1, Long.parseLong(header.getValue().strip()));
                        } catch (NumberFormatException notSeconds) {
                            wait = 1;
                        }
                    }
                    byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                    return new Object[] {new Answer(response.getCode(), body), wait};
                });
                answer = (Answer) result[0];
                retryAfter = (Long) result[1];
            } catch (SourceAddresses.Refused refused) {
                throw new SourceRefused(refused.getMessage());
            } catch (IOException unreachable) {
                if (++failures > MAX_RETRIES) {
                    throw new SourceUnavailable("The source could not be reached: " + unreachable.getMessage());
                }
                Thread.sleep(quickPauseMillis << (failures - 1));
                continue;
            }
            int status = answer.status();
            if (!anyAnswer && status < 500) {
                anyAnswer = true;
                answered.run();
            }
            if (status >= 200 && status < 300) {
                return answer;
            }
            if (status == 429) {
                if (++throttled > MAX_THROTTLED) {
                    throw new SourceUnavailable("The source kept refusing requests as too many (429)");
                }
                Thread.sleep(Math.min(retryAfter, 60) * 1000);
                continue;
            }
            if (status == 401 || status == 403) {
                throw new SourceRefused("The source refused the token (HTTP " + status + ")");
            }
            if (status >= 500) {
                if (++failures > MAX_RETRIES) {
                    throw new SourceUnavailable("The source kept failing (HTTP " + status + ")");
                }
                Thread.sleep(quickPauseMillis << (failures - 1));
                continue;
            }
            throw new ObjectUnavailable("The source answered HTTP " + status + message(answer.body()));
        }
    }

    private static String message(byte[] body) {
        try {
            var node = JSON.readTree(body);
            return node.hasNonNull("message") ? ": " + node.get("message").asString() : "";
        } catch (JacksonException notJson) {
            return "";
        }
    }

    /** Waits for the request's turn: requests go out evenly spaced at the job's rate. */
    private void pace() throws InterruptedException {
        long now = System.nanoTime();
        long wait = nextAllowed - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        nextAllowed = Math.max(now, nextAllowed) + spacingNanos;
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    private record CheckedResolver(SourceAddresses addresses) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return addresses.allowedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
