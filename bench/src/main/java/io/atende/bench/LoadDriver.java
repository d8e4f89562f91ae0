package io.atende.bench;

import java.io.FileReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;

/**
 * Runs named HTTP scenarios against a running server, each at a fixed number of closed-loop clients
 * for a fixed time after a warm-up, and prints throughput and latency percentiles.
 *
 * <p>Usage: {@code LoadDriver <base-url> <token> <fixture-file> <warmup-s> <duration-s> [scenario...]}.
 * Client counts: BENCH_WRITE_CLIENTS (default 16) for ticket-new, BENCH_READ_CLIENTS (default 4) for reads.
 */
public final class LoadDriver {

    record Scenario(String name, int clients, Function<Random, ClassicHttpRequest> request) {
    }

    /** A response read whole: the body as bytes, decoded only where something looks at it. */
    record Answer(int status, byte[] body, Header[] headers) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<String> headers(String name) {
            return Arrays.stream(headers).filter(header -> header.getName().equalsIgnoreCase(name)).map(Header::getValue).toList();
        }
    }

    record Result(String name, int clients, long requests, long errors, double seconds, long[] sortedNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
        }
    }

    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded");

    // Blocking, one pooled connection per client thread, nothing done behind the request's back: the driver shares
    // the two cores with the server and PostgreSQL, so every cycle it spends is one the server does not get.
    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX).setMaxConnPerRoute(64).setMaxConnTotal(64)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                            .setSocketTimeout(30, TimeUnit.SECONDS).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(30, TimeUnit.SECONDS).build())
            .disableCookieManagement().disableRedirectHandling().disableAutomaticRetries().disableContentCompression()
            .build();
    private final String base;
    private final String token;
    private final Properties fixture;

    private LoadDriver(String base, String token, Properties fixture) {
        this.base = base;
        this.token = token;
        this.fixture = fixture;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: LoadDriver <base-url> <token> <fixture-file> <warmup-s> <duration-s> [scenario...]");
            System.exit(2);
        }
        var fixture = new Properties();
        try (var in = new FileReader(args[2])) {
            fixture.load(in);
        }
        var driver = new LoadDriver(args[0], args[1], fixture);
        int warmup = Integer.parseInt(args[3]);
        int duration = Integer.parseInt(args[4]);
        var wanted = Arrays.asList(args).subList(5, args.length);
        System.out.printf("%-28s %7s %9s %7s %10s %9s %9s %9s %9s%n", "scenario", "clients", "requests", "errors", "req/s",
                "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (var scenario : driver.scenarios()) {
            if (wanted.isEmpty() || wanted.contains(scenario.name())) {
                print(driver.run(scenario, warmup, duration));
            }
        }
        var console = driver.consoleScenarios(wanted);
        for (var scenario : console) {
            print(driver.run(scenario, warmup, duration));
        }
        if (wanted.isEmpty() || wanted.contains("webhook")) {
            try {
                driver.webhooks(warmup, duration).forEach(LoadDriver::print);
            } catch (Exception e) {
                System.out.println("webhook-deliveries: not measured: " + e.getMessage());
            }
        }
    }

    private static void print(Result result) {
        System.out.printf("%-28s %7d %9d %7d %10.1f %9.2f %9.2f %9.2f %9.2f%n", result.name(), result.clients(),
                result.requests(), result.errors(), result.perSecond(), result.percentileMs(50), result.percentileMs(95),
                result.percentileMs(99), result.percentileMs(100));
    }

    /**
     * Deliveries to a local receiver while tickets are created: BENCH_HOOK_SUBSCRIPTIONS standard subscriptions
     * (default 8) to ticket.created, so each ticket makes that many deliveries, and ticket-new's clients sending
     * BENCH_HOOK_RATE tickets/s between them (default 200, so 1,600 deliveries/s are offered; 0 sends as fast as
     * they can, which offers more than any dispatcher on the same two cores can send, so latency only measures
     * the queue that builds). Reports the producer's rate, deliveries/s received in the measured window and
     * event-to-delivery latency (arrival minus the payload's event timestamp; one clock). The server must run
     * with ATENDE_WEBHOOK_ALLOW_PRIVATE=true. Subscriptions are deleted afterwards.
     */
    private List<Result> webhooks(int warmupSeconds, int durationSeconds) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("BENCH_HOOK_PORT", "18081"));
        int rate = Integer.parseInt(System.getenv().getOrDefault("BENCH_HOOK_RATE", "200"));
        int subscriptions = Integer.parseInt(System.getenv().getOrDefault("BENCH_HOOK_SUBSCRIPTIONS", "8"));
        long windowStartMillis = System.currentTimeMillis() + warmupSeconds * 1_000L;
        long windowEndMillis = windowStartMillis + durationSeconds * 1_000L;
        var latencies = new ArrayList<Long>();
        var received = new AtomicLong();
        var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", port), 256);
        var handlers = java.util.concurrent.Executors.newFixedThreadPool(8);
        receiver.setExecutor(handlers);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.currentTimeMillis();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\"timestamp\":\"");
            if (at >= 0 && now >= windowStartMillis && now <= windowEndMillis) {
                int from = at + 13;
                long event = java.time.Instant.parse(text.substring(from, text.indexOf('"', from))).toEpochMilli();
                received.incrementAndGet();
                synchronized (latencies) {
                    latencies.add((now - event) * 1_000_000L);
                }
            }
        });
        receiver.start();
        var ids = new ArrayList<String>();
        Result produced;
        try {
            for (int i = 0; i < subscriptions; i++) {
                ids.add(id(send(post("/webhook/new", "url", "http://127.0.0.1:" + port + "/hook/" + i,
                        "format", "standard", "events", "ticket.created"))));
            }
            var producer = scenarios().get(1);
            produced = run(new Scenario("webhook-producer", producer.clients(), producer.request()), warmupSeconds, durationSeconds, rate);
            // Deliveries still queued after the producers stop are not counted: the window is what is measured.
        } finally {
            // The window is over: stop the receiver first, then clean up. Deleting a subscription that still has a
            // large queue can take minutes; a failure must neither lose the figures nor leave the receiver's threads
            // keeping this JVM alive.
            receiver.stop(0);
            handlers.shutdownNow();
            for (String id : ids) {
                try {
                    // Ten minutes rather than the 30 s of a measured request: a subscription left behind would keep
                    // its queue and be delivered to during the next runs, skewing them.
                    var patient = HttpClientContext.create();
                    patient.setRequestConfig(RequestConfig.custom().setResponseTimeout(10, TimeUnit.MINUTES).build());
                    exchange(post("/webhook/delete", "webhook_id", id), patient);
                } catch (Exception e) {
                    System.err.println("webhook/delete " + id + " failed (delete it by hand): " + e);
                }
            }
        }
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        return List.of(produced, new Result("webhook-deliveries", subscriptions, received.get(), 0, durationSeconds, sorted));
    }

    private List<Scenario> scenarios() {
        int writers = Integer.parseInt(System.getenv().getOrDefault("BENCH_WRITE_CLIENTS", "16"));
        int readers = Integer.parseInt(System.getenv().getOrDefault("BENCH_READ_CLIENTS", "4"));
        int customers = Integer.parseInt(fixture.getProperty("customers"));
        String department = fixture.getProperty("department_id");
        String operator = fixture.getProperty("operator_id");
        String detail = fixture.getProperty("detail_ticket_id");
        var searches = fixture.getProperty("search_words").split(",");
        var vocabulary = new Vocabulary(new Random(7), 6_000);
        return List.of(
                // The floor every request pays (token lookup, rate-limit transaction, envelope) on a tiny read.
                new Scenario("baseline-department-list", writers, random -> get("/department/list")),
                new Scenario("ticket-new", writers, random -> post("/ticket/new",
                        "customer_id", "C" + random.nextInt(customers), "department_id", department,
                        "subject", vocabulary.sentence(random, 6), "message", vocabulary.body(random))),
                new Scenario("ticket-list", readers, random -> get("/ticket/list", "page", Integer.toString(1 + random.nextInt(20)))),
                new Scenario("ticket-list-open", readers, random -> get("/ticket/list", "situation", "0,1,2,3",
                        "page", Integer.toString(1 + random.nextInt(5)))),
                new Scenario("ticket-list-dept-finished", readers, random -> get("/ticket/list", "department_id", department,
                        "situation", "5", "page", Integer.toString(1 + random.nextInt(5)))),
                new Scenario("ticket-list-operator-upd", readers, random -> get("/ticket/list", "operator_id", operator,
                        "column", "last_update", "priority", "3,4")),
                new Scenario("ticket-detail-50", readers, random -> get("/ticket/detail", "ticket_id", detail)),
                new Scenario("ticket-search", readers, random -> get("/ticket/list", "search", searches[random.nextInt(searches.length)])),
                // Reports over the generated history: 90 days by day (the dashboard's default shape), a year by month.
                new Scenario("report-tickets-90d", readers, random -> get("/report/tickets", "from", daysAgo(89 + random.nextInt(7)),
                        "to", daysAgo(random.nextInt(7)), "group_by", "day")),
                new Scenario("report-tickets-12m", readers, random -> get("/report/tickets", "from", daysAgo(364),
                        "to", daysAgo(0), "group_by", "month")),
                new Scenario("report-operators-90d", readers, random -> get("/report/operators", "from", daysAgo(89),
                        "to", daysAgo(0))),
                new Scenario("report-chats-90d", readers, random -> get("/report/chats", "from", daysAgo(89), "to", daysAgo(0))));
    }

    /** The day {@code days} before today, as a report's from or to. */
    private static String daysAgo(int days) {
        return java.time.LocalDate.now().minusDays(days).toString();
    }

    /**
     * The operator console's pages as an admin operator sees them (scenarios named console-*), each client with a
     * session of its own from the form sign-in. Sets up what the generator does not make: the operator with a
     * password, 30 knowledge-base articles and 30 chats waiting in the queue. Empty when none is wanted.
     */
    private List<Scenario> consoleScenarios(List<String> wanted) throws Exception {
        var names = List.of("console-home", "console-queue", "console-queue-poll", "console-queue-dept-finished",
                "console-queue-search", "console-workspace-50", "console-customers", "console-customer", "console-chat-desk",
                "console-kb", "console-reports", "console-admin-operators", "console-admin-webhooks", "console-bulk-50");
        var chosen = names.stream().filter(name -> wanted.isEmpty() || wanted.contains(name)).toList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        int readers = Integer.parseInt(System.getenv().getOrDefault("BENCH_READ_CLIENTS", "4"));
        String department = fixture.getProperty("department_id");
        String detail = fixture.getProperty("detail_ticket_id");
        var searches = fixture.getProperty("search_words").split(",");
        String site = base.substring(0, base.length() - "/v2.0".length());
        String email = "console-" + System.currentTimeMillis() + "@bench.example";
        String password = "bench-console-password";
        String operator = id(send(post("/operator/new", "name", "Console bench", "email", email, "password", password,
                "role", "admin")));
        send(post("/department/operator/add", "department_id", department, "operator_id", operator));
        String category = id(send(post("/kb/category/new", "name", "Bench " + System.currentTimeMillis())));
        var vocabulary = new Vocabulary(new Random(11), 6_000);
        var random = new Random(13);
        for (int i = 0; i < 30; i++) {
            send(post("/kb/article/new", "category_id", category, "title", vocabulary.sentence(random, 5),
                    "body", "<p>" + vocabulary.body(random) + "</p>"));
            send(post("/chat/new", "customer_id", "C" + i, "department_id", department, "message", vocabulary.sentence(random, 8)));
        }
        List<String> sessions = new ArrayList<>();
        for (int c = 0; c < readers; c++) {
            sessions.add(signIn(site, email, password));
        }
        // The generator's busiest customer (its customers are drawn skewed towards the first, "C0").
        String customer = id(send(get("/customer/details", "customer_id", "C0")));
        // Fifty open tickets the bulk action changes, each request to a priority drawn at random.
        var open = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f]{32})\",\"protocol\"")
                .matcher(send(get("/ticket/list", "situation", "0,1,2,3", "page", "2")).text()).results()
                .map(found -> found.group(1)).distinct().limit(50).toList();
        if (open.size() < 50) {
            throw new IllegalStateException("the bulk scenario needs 50 open tickets, found " + open.size());
        }
        String bulkTickets = String.join(",", open);
        var all = List.of(
                new Scenario("console-home", readers, r -> page(site, sessions, r, "/console")),
                new Scenario("console-customers", readers, r -> page(site, sessions, r, "/console/customers")),
                new Scenario("console-customer", readers, r -> page(site, sessions, r, "/console/customers/" + customer)),
                new Scenario("console-reports", readers, r -> page(site, sessions, r, "/console/reports")),
                // The API's bulk action is the console's (one request, a result per ticket); one client, as one operator.
                new Scenario("console-bulk-50", 1, r -> post("/ticket/bulk", "ticket_id", bulkTickets, "action", "priority",
                        "priority", Integer.toString(1 + r.nextInt(4)))),
                new Scenario("console-queue", readers, r -> page(site, sessions, r, "/console/tickets")),
                new Scenario("console-queue-poll", readers, r -> page(site, sessions, r, "/console/tickets/queue?queue=open&page="
                        + (1 + r.nextInt(5)))),
                new Scenario("console-queue-dept-finished", readers, r -> page(site, sessions, r,
                        "/console/tickets?queue=all&situation=finished&department_id=" + department + "&page=" + (1 + r.nextInt(5)))),
                new Scenario("console-queue-search", readers, r -> page(site, sessions, r,
                        "/console/tickets?queue=all&search=" + URLEncoder.encode(searches[r.nextInt(searches.length)], StandardCharsets.UTF_8))),
                new Scenario("console-workspace-50", readers, r -> page(site, sessions, r, "/console/tickets/" + detail)),
                new Scenario("console-chat-desk", readers, r -> page(site, sessions, r, "/console/chats")),
                new Scenario("console-kb", readers, r -> page(site, sessions, r, "/console/kb")),
                new Scenario("console-admin-operators", readers, r -> page(site, sessions, r, "/console/admin/operators")),
                new Scenario("console-admin-webhooks", readers, r -> page(site, sessions, r, "/console/admin/webhooks")));
        return all.stream().filter(scenario -> chosen.contains(scenario.name())).toList();
    }

    /** Signs in through the console's form (CSRF token and session cookie, as a browser does); returns the Cookie header. */
    private String signIn(String site, String email, String password) throws Exception {
        var form = exchange(ClassicRequestBuilder.get(site + "/console/sign-in").build(), null);
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.text());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + form.status());
        }
        String cookies = cookies(form, "");
        var signedIn = exchange(ClassicRequestBuilder.post(site + "/console/sign-in").addHeader("Cookie", cookies)
                .setEntity(new StringEntity(form("email", email, "password", password, "_csrf", csrf.group(1)), FORM))
                .build(), null);
        String location = signedIn.headers("Location").stream().findFirst().orElse("");
        if (signedIn.status() != 302 || location.contains("error") || location.contains("locked")) {
            throw new IllegalStateException("console sign-in failed: " + signedIn.status() + " " + location);
        }
        return cookies(signedIn, cookies);
    }

    /** The Cookie header after the response's Set-Cookie headers replaced or added to the given one. */
    private static String cookies(Answer response, String current) {
        var jar = new java.util.LinkedHashMap<String, String>();
        for (String pair : current.split("; ")) {
            if (pair.contains("=")) {
                jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        for (String header : response.headers("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return jar.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static ClassicHttpRequest page(String site, List<String> sessions, Random random, String path) {
        return ClassicRequestBuilder.get(site + path).addHeader("Cookie", sessions.get(random.nextInt(sessions.size()))).build();
    }

    /** Sends the request and reads the whole response (so that its connection goes back to the pool). */
    private Answer exchange(ClassicHttpRequest request, HttpClientContext context) throws IOException {
        return http.execute(request, context, response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()), response.getHeaders()));
    }

    private Answer send(ClassicHttpRequest request) throws IOException {
        var response = exchange(request, null);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(request.getRequestUri() + " failed: " + response.status() + " " + response.text());
        }
        return response;
    }

    private static String id(Answer response) {
        var matcher = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f]{32})\"").matcher(response.text());
        if (!matcher.find()) {
            throw new IllegalStateException("no id in " + response.text());
        }
        return matcher.group(1);
    }

    private ClassicHttpRequest get(String path, String... params) {
        return ClassicRequestBuilder.get(base + path + "?" + form(params)).addHeader("Authorization", "Bearer " + token).build();
    }

    private ClassicHttpRequest post(String path, String... params) {
        return ClassicRequestBuilder.post(base + path).addHeader("Authorization", "Bearer " + token)
                .setEntity(new StringEntity(form(params), FORM)).build();
    }

    private static String form(String... params) {
        var text = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            if (i > 0) {
                text.append('&');
            }
            text.append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private Result run(Scenario scenario, int warmupSeconds, int durationSeconds) throws InterruptedException {
        return run(scenario, warmupSeconds, durationSeconds, 0);
    }

    /** Closed-loop clients; with a rate above 0 they share a schedule of that many requests a second (open loop). */
    private Result run(Scenario scenario, int warmupSeconds, int durationSeconds, int ratePerSecond) throws InterruptedException {
        long started = System.nanoTime();
        long warmupEnd = started + warmupSeconds * 1_000_000_000L;
        var schedule = new AtomicLong(started);
        long interval = ratePerSecond > 0 ? 1_000_000_000L / ratePerSecond : 0;
        long end = warmupEnd + durationSeconds * 1_000_000_000L;
        var errors = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var samples = new ArrayList<long[]>();
        var counts = new int[scenario.clients()];
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < scenario.clients(); c++) {
            int client = c;
            long[] own = new long[1 << 16];
            samples.add(own);
            var thread = new Thread(() -> {
                var random = new Random(client * 7919L + scenario.name().hashCode());
                long[] latencies = own;
                int n = 0;
                while (true) {
                    if (interval > 0) {
                        long slot = schedule.getAndAdd(interval);
                        long now = System.nanoTime();
                        if (slot < warmupEnd && now >= warmupEnd) {
                            // Behind schedule when the warm-up ends: the measured window starts on time instead of
                            // catching up on the warm-up's backlog, which offered it more than the rate.
                            schedule.accumulateAndGet(now, Math::max);
                            slot = schedule.getAndAdd(interval);
                        }
                        long wait = slot - now;
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    var request = scenario.request().apply(random);
                    long begin = System.nanoTime();
                    if (begin >= end) {
                        break;
                    }
                    boolean ok;
                    try {
                        var response = exchange(request, null);
                        ok = response.status() / 100 == 2;
                        if (!ok) {
                            firstError.compareAndSet(null, response.status() + " " + response.text());
                        }
                    } catch (Exception e) {
                        ok = false;
                        firstError.compareAndSet(null, e.toString());
                    }
                    long finished = System.nanoTime();
                    if (begin >= warmupEnd && finished <= end) {
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                            synchronized (samples) {
                                samples.set(client, latencies);
                            }
                        }
                        latencies[n++] = finished - begin;
                        counts[client] = n;
                    }
                }
            }, scenario.name() + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (var thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < counts.length; c++) {
            System.arraycopy(samples.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        if (firstError.get() != null) {
            String message = firstError.get();
            System.out.println("  first error in " + scenario.name() + ": " + message.substring(0, Math.min(300, message.length())));
        }
        return new Result(scenario.name(), scenario.clients(), total, errors.get(), durationSeconds, all);
    }
}
