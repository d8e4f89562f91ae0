package io.atende.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TomTicket client as tests need one: sends query strings, url-encoded and multipart forms or
 * JSON to {@code /v2.0}, with the token as {@code Authorization: Bearer}, and reads the envelope.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String token;
    private final Map<String, String> headers;

    public ApiClient(int port, String token) {
        this(port, token, Map.of());
    }

    private ApiClient(int port, String token, Map<String, String> headers) {
        this.port = port;
        this.token = token;
        this.headers = Map.copyOf(headers);
    }

    /** The same client sending one more header (e.g. {@code Accept-Language}). */
    public ApiClient withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(port, token, more);
    }

    /** The same client presenting its token without the {@code Bearer} prefix. */
    public ApiClient withBareToken() {
        return withHeader("Authorization", token);
    }

    public String token() {
        return token;
    }

    public String baseUrl() {
        return "http://localhost:" + port + "/v2.0";
    }

    /** GET with query parameters given as name, value, name, value, ... */
    public ApiResponse get(String path, String... params) {
        return send(request(path + query(params)).GET());
    }

    /**
     * GETs the path until the rate limit refuses, at most {@code attempts} times, and returns the
     * last answer. Tests assert on a refusal this way rather than on the exact request that gets it,
     * so that a slow machine refilling the bucket between two requests cannot make them fail.
     */
    public ApiResponse getUntilThrottled(String path, int attempts) {
        ApiResponse last = null;
        for (int i = 0; i < attempts; i++) {
            last = get(path);
            if (last.status() == 429) {
                break;
            }
        }
        return last;
    }

    /** POST as {@code application/x-www-form-urlencoded}, parameters given as name, value, ... */
    public ApiResponse post(String path, String... params) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(params).replaceFirst("^\\?", ""))));
    }

    /** POST as flat {@code application/json}. */
    public ApiResponse postJson(String path, Map<String, ?> body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** POST a raw body with any content type. */
    public ApiResponse postRaw(String path, String contentType, String body) {
        var builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method, no body. */
    public ApiResponse method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A file part of a multipart request. */
    public record FilePart(String name, String filename, String contentType, byte[] content) {
    }

    /** POST as {@code multipart/form-data}: text fields (name, value, ...) and files. */
    public ApiResponse postMultipart(String path, List<FilePart> files, String... params) {
        String boundary = "atende-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < params.length; i += 2) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + params[i] + "\"\r\n\r\n"
                    + params[i + 1] + "\r\n");
        }
        for (var file : files) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.name() + "\"; filename=\""
                    + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
            body.writeBytes(file.content());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl() + path));
        if (token != null && !headers.containsKey("Authorization")) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    /** Sends a request built by hand (unusual headers or bodies), reading the answer like every other. */
    public static ApiResponse send(HttpRequest.Builder builder) {
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String query(String... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs");
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < params.length; i += 2) {
            pairs.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a JSON text (for documents that are not envelopes). */
    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
