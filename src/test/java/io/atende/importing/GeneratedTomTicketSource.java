package io.atende.importing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A TomTicket API v2.0 source on loopback whose account is generated: as many tickets as asked (and chats, customers),
 * each one's content a function of its number, served as TomTicket serves them: 50 items a page with {@code size},
 * {@code pages}, {@code next_page}, a page past the last one 404, bearer token required. It can be taken down (every
 * connection refused) and brought back on the same port, or made to answer 503 for a while.
 */
final class GeneratedTomTicketSource implements AutoCloseable {

    static final String TOKEN = "generated-source-token";
    static final int PAGE = 50;
    static final int CUSTOMERS = 60;
    static final int OPERATORS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");
    private static final OffsetDateTime START = OffsetDateTime.of(LocalDateTime.of(2025, 1, 6, 8, 0), ZoneOffset.ofHours(-3));

    private final int tickets;
    private final int chats;
    private final boolean listsCustomFields;
    private final int port;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int unavailableAnswers;
    private HttpServer server;
    private ExecutorService executor;

    GeneratedTomTicketSource(int tickets, int chats) {
        this(tickets, chats, true);
    }

    /**
     * @param listsCustomFields whether the source serves {@code /custom_field/list}; without it, its fields are only
     *                          named (id and label) in the departments' nested lists
     */
    GeneratedTomTicketSource(int tickets, int chats, boolean listsCustomFields) {
        this.tickets = tickets;
        this.chats = chats;
        this.listsCustomFields = listsCustomFields;
        this.port = bind(0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v2.0";
    }

    /** Requests answered so far (any status). */
    int requests() {
        return requests.get();
    }

    /** Refuses every connection from now on, until {@link #bringBack()}. */
    synchronized void takeDown() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Listens again, on the same port. */
    synchronized void bringBack() {
        if (server == null) {
            bind(port);
        }
    }

    /** Answers the next {@code count} requests with 503. */
    void failNext(int count) {
        unavailableAnswers = count;
    }

    @Override
    public void close() {
        takeDown();
    }

    private synchronized int bind(int on) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (unavailableAnswers > 0) {
                unavailableAnswers--;
                answer(exchange, 503, Map.of("error", true, "message", "Service unavailable"));
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, Map.of("error", true, "message", "Invalid token"));
                return;
            }
            var params = query(exchange.getRequestURI().getRawQuery());
            String path = exchange.getRequestURI().getPath().substring("/v2.0".length());
            int page = Integer.parseInt(params.getOrDefault("page", "1"));
            switch (path) {
                case "/organization/list", "/status/list" -> list(exchange, 0, page, index -> null);
                case "/operator/list" -> list(exchange, OPERATORS, page, GeneratedTomTicketSource::operator);
                case "/department/list" -> list(exchange, 1, page, index -> department());
                case "/custom_field/list" -> {
                    if (listsCustomFields) {
                        list(exchange, 2, page, GeneratedTomTicketSource::customField);
                    } else {
                        answer(exchange, 404, Map.of("error", true, "message", "Not found"));
                    }
                }
                case "/customer/list" -> list(exchange, CUSTOMERS, page, GeneratedTomTicketSource::customer);
                case "/ticket/list" -> list(exchange, tickets, page, number -> ticket(number, false));
                case "/ticket/detail" -> detail(exchange, params.get("ticket_id"), "tk", tickets, number -> ticket(number, true));
                case "/chat/list" -> list(exchange, chats, page, number -> chat(number, false));
                case "/chat/detail" -> detail(exchange, params.get("chat_id"), "ch", chats, number -> chat(number, true));
                default -> answer(exchange, 404, Map.of("error", true, "message", "Not found"));
            }
        }
    }

    /** Items numbered from 1, {@link #PAGE} a page, in their number's order (tickets by protocol ascending, as asked). */
    private void list(HttpExchange exchange, int count, int page, IntFunction<Object> item) throws IOException {
        int pages = (count + PAGE - 1) / PAGE;
        if (count > 0 && page > pages) {
            answer(exchange, 404, Map.of("error", true, "message", "Page not found"));
            return;
        }
        List<Object> data = new ArrayList<>();
        for (int number = (page - 1) * PAGE + 1; number <= Math.min(count, page * PAGE); number++) {
            data.add(item.apply(number));
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("error", false);
        envelope.put("message", "OK");
        envelope.put("success", true);
        envelope.put("data", data);
        envelope.put("size", count);
        envelope.put("pages", pages);
        envelope.put("current_page", page);
        envelope.put("next_page", page < pages ? page + 1 : null);
        envelope.put("previous_page", page > 1 ? page - 1 : null);
        answer(exchange, 200, envelope);
    }

    private void detail(HttpExchange exchange, String id, String kind, int count, IntFunction<Object> item) throws IOException {
        for (int number = 1; number <= count; number++) {
            if (id(kind, number).equals(id)) {
                answer(exchange, 200, Map.of("error", false, "message", "OK", "success", true, "data", item.apply(number)));
                return;
            }
        }
        answer(exchange, 404, Map.of("error", true, "message", "Not found"));
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    // --- the generated account: every object a function of its number

    /** The 32-hex id of the object of a kind ("tk" ticket, "cu" customer, ...) and number. */
    static String id(String kind, int number) {
        return String.format("%08x%024x", kind.hashCode() & 0xffffffffL, (long) number);
    }

    static String date(OffsetDateTime at) {
        return DATES.format(at);
    }

    static OffsetDateTime created(int ticket) {
        return START.plusHours(ticket);
    }

    static String operatorName(int number) {
        return "Operador " + number;
    }

    static String customerName(int number) {
        return "Cliente " + number;
    }

    /** The ticket's customer: the tickets go round the customers. */
    static int customerOf(int ticket) {
        return 1 + ticket % CUSTOMERS;
    }

    /** The ticket's operator, or 0 for none (every seventh ticket). */
    static int operatorOf(int ticket) {
        return ticket % 7 == 0 ? 0 : 1 + ticket % OPERATORS;
    }

    static boolean finished(int ticket) {
        return ticket % 5 == 0 && operatorOf(ticket) != 0;
    }

    static boolean answered(int ticket) {
        return ticket % 2 == 0 && operatorOf(ticket) != 0;
    }

    private static Object ref(String id, String name) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", id);
        ref.put("name", name);
        return ref;
    }

    private static Object operator(int number) {
        return Map.of("id", id("op", number), "name", operatorName(number), "email", "operador" + number + "@example.com",
                "role", number == 1 ? "admin" : "operator", "active", true, "creation_date", date(START.minusDays(30)));
    }

    private static Object department() {
        List<Object> members = new ArrayList<>();
        for (int number = 1; number <= OPERATORS; number++) {
            members.add(ref(id("op", number), operatorName(number)));
        }
        return Map.of("id", id("dp", 1), "name", "Atendimento", "categories", List.of(Map.of("id", id("ca", 1), "name", "Dúvida",
                "custom_fields", List.of())), "operators", members,
                "general_custom_fields", Map.of("tickets", List.of(Map.of("id", id("cf", 1), "label", "Pedido de compra"))));
    }

    private static Object customField(int number) {
        return number == 1
                ? Map.of("id", id("cf", 1), "label", "Pedido de compra", "entity", "ticket", "type", "text", "options", List.of(),
                "required", false, "department", ref(null, null), "category", ref(null, null), "creation_date", date(START.minusDays(20)))
                : Map.of("id", id("cf", 2), "label", "Segmento", "entity", "customer", "type", "select",
                "options", List.of("Varejo", "Indústria"), "required", false, "department", ref(null, null),
                "category", ref(null, null), "creation_date", date(START.minusDays(20)));
    }

    static String segment(int customer) {
        return customer % 2 == 0 ? "Varejo" : "Indústria";
    }

    private static Object customer(int number) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id("cu", number));
        customer.put("internal_id", "cli-" + number);
        customer.put("name", customerName(number));
        customer.put("email", "cliente" + number + "@example.com");
        customer.put("phone", null);
        customer.put("organization", ref(null, null));
        customer.put("monthly_ticket_quota", null);
        customer.put("allow_create_tickets", true);
        customer.put("email_validated", true);
        customer.put("active", true);
        customer.put("account_approved", true);
        customer.put("language", "pt-BR");
        customer.put("custom_fields", List.of(Map.of("id", id("cf", 2), "name", "Segmento", "value", segment(number))));
        customer.put("creation_date", date(START.minusDays(10)));
        return customer;
    }

    static String subject(int ticket) {
        return "Pedido " + ticket + ": nota fiscal";
    }

    private static Object ticket(int number, boolean detail) {
        var created = created(number);
        int operator = operatorOf(number);
        int customer = customerOf(number);
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("id", id("tk", number));
        ticket.put("protocol", 1000 + number);
        ticket.put("subject", subject(number));
        ticket.put("message", "Mensagem " + number);
        ticket.put("mimetype", "text/plain");
        ticket.put("priority", 1 + number % 4);
        ticket.put("ticket_type", "E");
        ticket.put("work_time", finished(number) ? 300 : 0);
        ticket.put("creation_date", date(created));
        ticket.put("first_reply_date", answered(number) || finished(number) ? date(created.plusHours(1)) : null);
        ticket.put("end_date", finished(number) ? date(created.plusHours(2)) : null);
        var lastUpdate = finished(number) && number % 10 == 0 ? created.plusHours(3) : finished(number) ? created.plusHours(2)
                : answered(number) ? created.plusHours(1) : created;
        ticket.put("last_update", date(lastUpdate));
        ticket.put("reopened", false);
        ticket.put("parent_ticket_id", null);
        ticket.put("customer", Map.of("id", id("cu", customer), "internal_id", "cli-" + customer, "name", customerName(customer),
                "email", "cliente" + customer + "@example.com", "organization", ref(null, null)));
        ticket.put("department", ref(id("dp", 1), "Atendimento"));
        ticket.put("category", number % 3 == 0 ? ref(id("ca", 1), "Dúvida") : ref(null, null));
        ticket.put("operator", operator == 0 ? ref(null, null) : ref(id("op", operator), operatorName(operator)));
        int situation = finished(number) ? 5 : answered(number) ? 2 : operator == 0 ? 0 : 1;
        var situationAt = finished(number) ? created.plusHours(2) : answered(number) ? created.plusHours(1) : created;
        ticket.put("situation", Map.of("id", situation, "description", "", "apply_date", date(situationAt)));
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("grade", finished(number) && number % 10 == 0 ? 1 + number % 5 : null);
        evaluation.put("problem_solved", finished(number) && number % 10 == 0 ? "Y" : null);
        evaluation.put("comment", null);
        evaluation.put("date", finished(number) && number % 10 == 0 ? date(created.plusHours(3)) : null);
        ticket.put("evaluation", evaluation);
        if (!detail) {
            return ticket;
        }
        List<Object> replies = new ArrayList<>();
        replies.add(Map.of("id", id("rp", number * 10), "date", date(created), "sender", customerName(customer), "sender_type", "C",
                "message", "Mensagem " + number, "mimetype", "text/plain", "attachments", List.of()));
        if (answered(number) || finished(number)) {
            replies.add(Map.of("id", id("rp", number * 10 + 1), "date", date(created.plusHours(1)), "sender", operatorName(operator),
                    "sender_type", "A", "message", "Resposta " + number, "mimetype", "text/plain", "attachments", List.of()));
        }
        if (finished(number)) {
            replies.add(Map.of("id", id("rp", number * 10 + 2), "date", date(created.plusHours(2)), "sender", operatorName(operator),
                    "sender_type", "A", "message", "Resolvido " + number, "mimetype", "text/plain", "attachments", List.of()));
        }
        ticket.put("replies", replies);
        ticket.put("comments", number % 4 == 0 ? List.of(Map.of("id", id("cm", number), "date", date(created.plusMinutes(30)),
                "sender", operator == 0 ? "" : operatorName(operator), "comment", "Nota " + number, "attachments", List.of())) : List.of());
        ticket.put("status", List.of());
        ticket.put("current_status", null);
        ticket.put("custom_fields", Map.of("open", List.of(Map.of("id", id("cf", 1), "label", "Pedido de compra", "value", "PC-" + number)),
                "closed", List.of()));
        ticket.put("stopwatch", operator != 0 && number % 4 == 0 ? List.of(Map.of("id", id("sw", number),
                "operator", ref(id("op", operator), operatorName(operator)), "start_date", date(created.plusMinutes(10)),
                "end_date", date(created.plusMinutes(10 + number % 50)), "seconds", (number % 50) * 60)) : List.of());
        ticket.put("tags", number % 3 == 0 ? List.of("lote-" + number % 4) : List.of());
        return ticket;
    }

    private static Object chat(int number, boolean detail) {
        var created = START.plusMinutes(number * 7L);
        int operator = 1 + number % OPERATORS;
        int customer = 1 + number % CUSTOMERS;
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", id("ch", number));
        chat.put("protocol", 500 + number);
        chat.put("situation", Map.of("id", 3, "description", "Finalizado"));
        chat.put("customer", Map.of("id", id("cu", customer), "internal_id", "cli-" + customer, "name", customerName(customer)));
        chat.put("department", ref(id("dp", 1), "Atendimento"));
        chat.put("operator", ref(id("op", operator), operatorName(operator)));
        chat.put("creation_date", date(created));
        chat.put("start_date", date(created.plusMinutes(1)));
        chat.put("end_date", date(created.plusMinutes(5)));
        chat.put("unread_messages", 0);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("grade", number % 2 == 0 ? 5 : null);
        evaluation.put("comment", null);
        chat.put("evaluation", evaluation);
        if (detail) {
            chat.put("messages", List.of(
                    Map.of("id", id("cx", number * 10), "date", date(created), "sender", customerName(customer), "sender_type", "C",
                            "message", "Oi " + number, "attachments", List.of()),
                    Map.of("id", id("cx", number * 10 + 1), "date", date(created.plusMinutes(2)), "sender", operatorName(operator),
                            "sender_type", "A", "message", "Olá " + number, "attachments", List.of())));
        }
        return chat;
    }
}
