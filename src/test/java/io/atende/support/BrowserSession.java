package io.atende.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser as page tests need one, without a browser: keeps cookies (the session), does not
 * follow redirects (so tests see them), sends forms with the CSRF token of the last page it loaded,
 * and parses pages with jsoup. {@link #htmx()} sends the header htmx sends.
 */
public final class BrowserSession {

    private final int port;
    private final HttpClient http;
    private final boolean htmx;
    private final String language;
    private final State state;

    /** A fresh session: no cookies yet. */
    public BrowserSession(int port) {
        this(port, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build(),
                false, "en", new State());
    }

    private BrowserSession(int port, HttpClient http, boolean htmx, String language, State state) {
        this.port = port;
        this.http = http;
        this.htmx = htmx;
        this.language = language;
        this.state = state;
    }

    /**
     * The id of the server session this browser holds: Spring Session's {@code SESSION} cookie carries it in base64.
     * Fails when the browser has no session yet.
     */
    public String sessionId() {
        var manager = (CookieManager) http.cookieHandler().orElseThrow();
        return manager.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("SESSION"))
                .map(cookie -> new String(java.util.Base64.getDecoder().decode(cookie.getValue()), java.nio.charset.StandardCharsets.UTF_8))
                .findFirst().orElseThrow(() -> new IllegalStateException("no session cookie"));
    }

    /** The same session (same cookies), its requests marked as htmx requests. */
    public BrowserSession htmx() {
        return new BrowserSession(port, http, true, language, state);
    }

    /** The same session sending another Accept-Language ({@code null}: none). */
    public BrowserSession acceptLanguage(String tag) {
        return new BrowserSession(port, http, htmx, tag, state);
    }

    /** The same session (same cookies and CSRF token) talking to another node of the same database. */
    public BrowserSession atPort(int otherPort) {
        return new BrowserSession(otherPort, http, htmx, language, state);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Loads a page; its CSRF token (meta {@code _csrf} or a form's {@code _csrf} field) is kept for the next post. */
    public Page get(String path) {
        return send(request(path).GET());
    }

    /**
     * Opens a server-sent event stream as a browser's EventSource does and answers the response as
     * it arrives (status, headers, and a body to read line by line); close the body when done.
     */
    public HttpResponse<java.io.InputStream> stream(String path) {
        try {
            return http.send(request(path).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a url-encoded form with the CSRF token of the last page loaded; {@code fields} are name, value pairs. */
    public Page post(String path, String... fields) {
        var all = new ArrayList<String>(List.of(fields));
        if (state.csrf != null) {
            all.add("_csrf");
            all.add(state.csrf);
        }
        return postWithoutCsrf(path, all.toArray(String[]::new));
    }

    /** Posts a form as a forged cross-site request would: without the CSRF token. */
    public Page postWithoutCsrf(String path, String... fields) {
        var body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1] == null ? "" : fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Posts a multipart form (fields and files) with the CSRF token of the last page loaded. */
    public Page postMultipart(String path, List<ApiClient.FilePart> files, String... fields) {
        var all = new ArrayList<String>(List.of(fields));
        if (state.csrf != null) {
            all.add("_csrf");
            all.add(state.csrf);
        }
        String boundary = "----atende" + System.nanoTime();
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < all.size(); i += 2) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + all.get(i) + "\"\r\n\r\n" + all.get(i + 1) + "\r\n");
        }
        for (var file : files) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.name() + "\"; filename=\"" + file.filename()
                    + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
            out.writeBytes(file.content());
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    private static void write(java.io.ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (language != null) {
            builder.header("Accept-Language", language);
        }
        if (htmx) {
            builder.header("HX-Request", "true");
            // As the console's script does for every htmx request.
            if (state.csrf != null) {
                builder.header("X-CSRF-TOKEN", state.csrf);
            }
        }
        return builder;
    }

    private Page send(HttpRequest.Builder builder) {
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            var page = new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body(),
                    Jsoup.parse(response.body(), response.uri().toString()), response.headers());
            var token = page.document().selectFirst("meta[name=_csrf]");
            if (token == null) {
                token = page.document().selectFirst("input[name=_csrf]");
            }
            if (token != null) {
                state.csrf = token.hasAttr("content") ? token.attr("content") : token.attr("value");
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, redirect target, body, and the body as a document. */
    public record Page(int status, String location, String body, Document document, java.net.http.HttpHeaders headers) {

        /** The text of the first element matching the CSS selector, or {@code null}. */
        public String text(String selector) {
            var element = document.selectFirst(selector);
            return element == null ? null : element.text();
        }

        /** The path a redirect points to, without scheme, host and port. */
        public String redirectPath() {
            return location == null ? null : URI.create(location).getRawPath()
                    + (URI.create(location).getRawQuery() == null ? "" : "?" + URI.create(location).getRawQuery());
        }
    }

    private static final class State {
        private String csrf;
    }
}
