package io.atende.portal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalSettings;
import io.atende.customeraccess.WidgetIdentity;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Refusal;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The widget's endpoints as another site's page calls them: no cookies, a chat token, CORS by allow-list. */
@ApiTest
class WidgetTest {

    static final String SHOP = "https://shop.example.com";

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    WidgetIdentity identity;

    TestTenants.Tenant tenant;
    String department;
    String operator;

    @BeforeEach
    void anAccountThatAllowsTheShopsSite() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Vendas").id();
        operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of("HTTPS://Shop.Example.com/"), null));
    }

    @Test
    void aLeftMessageOpensATicketInTheVisitorsNameThroughTheWidget() {
        String email = "v" + System.nanoTime() + "@example.com";
        var left = post(SHOP, "/widget/messages", "account", tenant.accountId(), "department", department, "name", "Visitante",
                "email", email, "message", "Podem me ligar?");
        assertThat(left.status()).as(left.toString()).isEqualTo(201);

        String ticket = tenant.reader().get("/ticket/list").data().get(0).get("id").asString();
        var opened = tenant.reader().get("/ticket/history", "ticket_id", ticket).data().get(0);
        assertThat(opened.get("field").asString()).isEqualTo("opened");
        assertThat(opened.get("actor").get("type").asString()).isEqualTo("customer");
        assertThat(opened.get("actor").get("name").asString()).isEqualTo("Visitante");
        assertThat(opened.get("actor").get("id").asString())
                .isEqualTo(tenant.reader().get("/ticket/detail", "ticket_id", ticket).data().get("customer").get("id").asString());
        assertThat(opened.get("channel").asString()).isEqualTo("widget");
    }

    @Test
    void triggersTellATicketLeftOnTheWidgetFromOneOpenedInThePortalOrThroughTheApi() {
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put("from-widget", "{\"field\": \"channel\", \"operator\": \"is\", \"value\": \"widget\"}");
        channels.put("from-portal", "{\"field\": \"channel\", \"operator\": \"is\", \"value\": \"portal\"}");
        channels.put("from-chat", "{\"field\": \"channel\", \"operator\": \"is\", \"value\": \"chat\"}");
        channels.put("not-from-chat", "{\"field\": \"channel\", \"operator\": \"is_not\", \"value\": \"chat\"}");
        channels.forEach((name, condition) -> {
            var created = tenant.writer().post("/trigger/new", "name", name, "events", "ticket.created", "conditions", "[" + condition + "]",
                    "actions", "[{\"type\": \"add_tag\", \"value\": \"" + name + "\"}]");
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
        });
        // Placed last: once it tagged a ticket, every trigger before it was judged.
        assertThat(tenant.writer().post("/trigger/new", "name", "Witness", "events", "ticket.created", "position", "1000",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"judged\"}]").status()).isEqualTo(200);
        var unknown = tenant.writer().post("/trigger/new", "name", "WhatsApp", "events", "ticket.created",
                "conditions", "[{\"field\": \"channel\", \"operator\": \"is\", \"value\": \"whatsapp\"}]",
                "actions", "[{\"type\": \"add_tag\", \"value\": \"x\"}]");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).contains("widget").contains("chat");

        String email = "v" + System.nanoTime() + "@example.com";
        assertThat(post(SHOP, "/widget/messages", "account", tenant.accountId(), "department", department, "name", "Visitante",
                "email", email, "message", "Podem me ligar?").status()).isEqualTo(201);
        String left = tenant.reader().get("/ticket/list").data().get(0).get("id").asString();
        String customer = tenant.reader().get("/ticket/detail", "ticket_id", left).data().get("customer").get("id").asString();
        var byApi = tenant.writer().post("/ticket/new", "customer_id", customer, "department_id", department, "subject", "Pedido",
                "message", "Pelo sistema");
        assertThat(byApi.status()).as(byApi.toString()).isEqualTo(200);
        String opened = byApi.json().get("ticket_id").asString();

        assertThat(judgedTags(left)).containsExactlyInAnyOrder("from-widget", "not-from-chat", "judged");
        assertThat(judgedTags(opened)).containsExactlyInAnyOrder("not-from-chat", "judged");
    }

    /** The ticket's tags once the witness trigger has judged it. */
    private List<String> judgedTags(String ticket) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<String> tags = tenant.reader().get("/ticket/detail", "ticket_id", ticket, "show_tags", "1").data().get("tags")
                    .valueStream().map(JsonNode::asString).toList();
            if (tags.contains("judged")) {
                return tags;
            }
            assertThat(System.nanoTime()).as("waiting for the triggers on " + ticket).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    @Test
    void startsAChatFromAnAllowedSiteWithoutCookiesForANewCustomer() {
        String email = "v" + System.nanoTime() + "@example.com";
        var started = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Visitante",
                "email", email, "message", "Vocês entregam em Recife?");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(started.headers()).doesNotContainKey("set-cookie");
        var body = ApiClient.parse(started.text());
        assertThat(body.get("token").asString()).hasSizeGreaterThan(40);
        assertThat(body.get("situation").asInt()).isEqualTo(1);

        var chat = tenant.reader().get("/chat/detail", "chat_id", body.get("chat_id").asString());
        assertThat(chat.status()).isEqualTo(200);
        var customer = tenant.reader().get("/customer/details", "customer_id", email, "customer_id_type", "E");
        assertThat(customer.data().get(0).get("name").asString()).isEqualTo("Visitante");

        var config = get(SHOP, "/widget/config?account=" + tenant.accountId());
        assertThat(config.status()).isEqualTo(200);
        assertThat(ApiClient.parse(config.text()).get("texts").get("start").asString()).isEqualTo("Start chat");
        assertThat(config.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    }

    @Test
    void refusesASiteTheAccountDidNotAllowAndCreatesNothing() {
        var refused = post("https://evil.example.org", "/widget/chats", "account", tenant.accountId(), "department", department,
                "name", "X", "email", "x@example.com", "message", "oi");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(ApiClient.parse(refused.text()).get("error").asString()).isEqualTo("This site may not run the chat of this help desk.");
        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isZero();
        assertThat(get("https://evil.example.org", "/widget/config?account=" + tenant.accountId()).status()).isEqualTo(403);
    }

    @Test
    void refusesMissingFieldsAndUnknownDepartmentsWithLocalizedErrors() {
        var noEmail = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "X", "message", "oi");
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(ApiClient.parse(noEmail.text()).get("field").asString()).isEqualTo("email");
        var unknown = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", "0".repeat(32), "name", "X",
                "email", "x@example.com", "message", "oi");
        assertThat(unknown.status()).isEqualTo(404);
        var noAccount = post(SHOP, "/widget/chats", "account", "0".repeat(32), "department", department, "name", "X",
                "email", "x@example.com", "message", "oi");
        assertThat(noAccount.status()).isEqualTo(404);
        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isZero();
    }

    @Test
    void aChatTokenOpensItsOwnChatOnly() {
        var first = start("a" + System.nanoTime() + "@example.com");
        var second = start("b" + System.nanoTime() + "@example.com");
        String firstId = first.get("chat_id").asString();
        String secondToken = second.get("token").asString();
        assertThat(post(SHOP, "/widget/chats/" + firstId + "/messages", "account", tenant.accountId(), "token", secondToken,
                "message", "intruso").status()).isEqualTo(404);
        assertThat(post(SHOP, "/widget/chats/" + firstId + "/messages", "account", tenant.accountId(), "message", "sem token").status())
                .isEqualTo(404);
        assertThat(get(SHOP, "/widget/chats/" + firstId + "/transcript?account=" + tenant.accountId() + "&token=" + secondToken).status())
                .isEqualTo(404);
        var other = tenants.create();
        assertThat(post(SHOP, "/widget/chats/" + firstId + "/messages", "account", other.accountId(), "token",
                first.get("token").asString(), "message", "outra conta").status()).isIn(403, 404);
        var messages = tenant.reader().get("/chat/detail", "chat_id", firstId).data().get("messages");
        assertThat(messages.toString()).doesNotContain("intruso", "sem token", "outra conta");
    }

    @Test
    void streamsTheOperatorsMessagesLiveThenGivesTheTranscriptAndTakesOneRating() throws Exception {
        var started = start("s" + System.nanoTime() + "@example.com");
        String chat = started.get("chat_id").asString();
        String token = started.get("token").asString();

        var lines = new ArrayList<String>();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/widget/chats/" + chat + "/stream?account=" + tenant.accountId()
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("Origin", SHOP).GET().build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        var reading = CompletableFuture.runAsync(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.contains("Olá, sou a Ana")) {
                        return;
                    }
                }
            } catch (java.io.IOException closed) {
                // the test ends the stream
            }
        });
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(200);
        assertThat(tenant.writer().post("/chat/message", "chat_id", chat, "message", "Olá, sou a Ana", "sender_type", "A").status())
                .isEqualTo(200);
        reading.get(10, TimeUnit.SECONDS);
        response.body().close();
        String stream = String.join("\n", lines);
        assertThat(stream).contains("event:message", "Vocês entregam?", "event:situation", "\"situation\":2", "\"operator\":\"Ana\"",
                "\"sender_type\":\"A\"", "Olá, sou a Ana");

        assertThat(post(SHOP, "/widget/chats/" + chat + "/messages", "account", tenant.accountId(), "token", token, "message", "Obrigada!")
                .status()).isEqualTo(201);
        var early = post(SHOP, "/widget/chats/" + chat + "/evaluation", "account", tenant.accountId(), "token", token, "grade", "5");
        assertThat(early.status()).isEqualTo(409);
        assertThat(post(SHOP, "/widget/chats/" + chat + "/finish", "account", tenant.accountId(), "token", token).status()).isEqualTo(200);

        var transcript = get(SHOP, "/widget/chats/" + chat + "/transcript?account=" + tenant.accountId() + "&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(transcript.status()).isEqualTo(200);
        assertThat(transcript.header("Content-Disposition")).startsWith("attachment");
        assertThat(transcript.text()).contains("Vocês entregam?", "Ana: Olá, sou a Ana", "Obrigada!");

        assertThat(post(SHOP, "/widget/chats/" + chat + "/evaluation", "account", tenant.accountId(), "token", token, "grade", "9")
                .status()).isEqualTo(400);
        assertThat(post(SHOP, "/widget/chats/" + chat + "/evaluation", "account", tenant.accountId(), "token", token, "grade", "5")
                .status()).isEqualTo(200);
        assertThat(post(SHOP, "/widget/chats/" + chat + "/evaluation", "account", tenant.accountId(), "token", token, "grade", "4")
                .status()).isEqualTo(409);
        assertThat(tenant.reader().get("/chat/detail", "chat_id", chat).data().toString()).contains("\"grade\":5");
    }

    @Test
    void aVisitorGetsTwoStreamsOfItsChatThenAClearRefusalWhileTheAccountsOperatorsStillGetTheirs() throws Exception {
        var started = start("st" + System.nanoTime() + "@example.com");
        String chat = started.get("chat_id").asString();
        String token = started.get("token").asString();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var open = new ArrayList<HttpResponse<java.io.InputStream>>();
        try {
            for (int i = 0; i < 2; i++) {
                var stream = http.send(streamRequest(chat, token), HttpResponse.BodyHandlers.ofInputStream());
                open.add(stream);
                assertThat(stream.statusCode()).isEqualTo(200);
            }
            var refused = http.send(streamRequest(chat, token), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(ApiClient.parse(refused.body()).get("error").asString())
                    .isEqualTo("This chat is already open in another window; close it there or try again shortly.");

            var api = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v2.0/chat/stream?chat_id=" + chat))
                    .header("Authorization", "Bearer " + tenant.reader().token()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            open.add(api);
            assertThat(api.statusCode()).isEqualTo(200);
        } finally {
            for (var stream : open) {
                stream.body().close();
            }
        }
    }

    @Test
    void aVisitorWhoTypesAnExistingCustomersEmailChatsAsASeparateVisitorAndSeesNothingOfTheCustomer() {
        String email = "maria" + System.nanoTime() + "@example.com";
        String maria = tenant.writer().post("/customer/new", "customer_id", "M-1", "name", "Maria Cliente", "email", email).id();
        var started = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Impostor",
                "email", email, "message", "Quais são os meus pedidos?");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        var body = ApiClient.parse(started.text());
        String chat = body.get("chat_id").asString();

        var detail = tenant.reader().get("/chat/detail", "chat_id", chat).data();
        assertThat(detail.toString()).doesNotContain(maria, "Maria Cliente");
        var transcript = get(SHOP, "/widget/chats/" + chat + "/transcript?account=" + tenant.accountId() + "&token="
                + URLEncoder.encode(body.get("token").asString(), StandardCharsets.UTF_8));
        assertThat(transcript.text()).contains("Impostor: Quais são os meus pedidos?").doesNotContain("Maria");
        assertThat(tenant.reader().get("/customer/details", "customer_id", email, "customer_id_type", "E").data().get(0).get("name")
                .asString()).isEqualTo("Maria Cliente");
    }

    @Test
    void aVisitorWhoseEmailTheSiteSignedChatsAsTheStoredCustomerAndABadSignatureIsRefused() throws Exception {
        String email = "joana" + System.nanoTime() + "@example.com";
        String joana = tenant.writer().post("/customer/new", "customer_id", "J-1", "name", "Joana Cliente", "email", email).id();
        String secret = identity.regenerate(tenant.accountId());

        var forged = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Joana",
                "email", email, "email_hash", hmac("not the secret", email), "message", "oi");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(ApiClient.parse(forged.text()).get("field").asString()).isEqualTo("email_hash");
        assertThat(ApiClient.parse(forged.text()).get("error").asString()).startsWith("Your e-mail address could not be verified");
        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isZero();

        var verified = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Joana",
                "email", email, "email_hash", hmac(secret, email), "message", "Meu pedido chegou?");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
        String chat = ApiClient.parse(verified.text()).get("chat_id").asString();
        assertThat(tenant.reader().get("/chat/detail", "chat_id", chat).data().toString()).contains(joana);

        // A signature made with a secret that was replaced no longer verifies.
        identity.regenerate(tenant.accountId());
        assertThat(post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Joana",
                "email", email, "email_hash", hmac(secret, email), "message", "oi").status()).isEqualTo(400);
    }

    @Test
    void limitsHowManyChatsOneAddressStartsAndRefusesTheNextWithAMessage() {
        for (int i = 0; i < 10; i++) {
            start("r" + i + "x" + System.nanoTime() + "@example.com");
        }
        var refused = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Visitante",
                "email", "r11@example.com", "message", "mais uma");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(ApiClient.parse(refused.text()).get("error").asString())
                .isEqualTo("Too many chats were started from here; please try again in 6 min.");
        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isEqualTo(10);

        // Another account's visitors from the same address are not held back.
        var other = tenants.create();
        access.updateSettings(other.accountId(), new PortalSettings(false, List.of(SHOP), null));
        String otherDepartment = other.admin().post("/department/new", "name", "Suporte").id();
        assertThat(post(SHOP, "/widget/chats", "account", other.accountId(), "department", otherDepartment, "name", "Visitante",
                "email", "r12@example.com", "message", "oi").status()).isEqualTo(201);
    }

    @Test
    void oneAccountsAllowanceIsSharedByAllItsVisitorsAddresses() {
        var clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
        var throttle = new WidgetThrottle(100, 3, Duration.ofHours(1), clock);
        throttle.start("account-a", "192.0.2.1");
        throttle.start("account-a", "192.0.2.2");
        throttle.start("account-a", "192.0.2.3");
        assertThatThrownBy(() -> throttle.start("account-a", "192.0.2.4")).isInstanceOf(WidgetLimitException.class)
                .extracting(failure -> ((WidgetLimitException) failure).refusal()).isEqualTo(Refusal.LIMIT_REACHED);
        throttle.start("account-b", "192.0.2.4");
    }

    @Test
    void refusesRequestsWithoutAnOriginWhenTheAccountRestrictsTheWidgetToItsSites() {
        var refused = post(null, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Script",
                "email", "script@example.com", "message", "oi");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(ApiClient.parse(refused.text()).get("error").asString()).isEqualTo("This site may not run the chat of this help desk.");
        assertThat(get(null, "/widget/config?account=" + tenant.accountId()).status()).isEqualTo(403);
        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isZero();

        access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of(), null));
        assertThat(post(null, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Script",
                "email", "script@example.com", "message", "oi").status()).isEqualTo(201);
    }

    @Test
    void offersAChatOnlyWhileAnOperatorOfTheDepartmentHasTheDeskOpenAndOtherwiseTakesAMessageAsATicket() {
        String config = "/widget/config?account=" + tenant.accountId() + "&department=" + department;
        assertThat(ApiClient.parse(get(SHOP, config).text()).get("available").asBoolean()).isFalse();

        String email = "cliente" + System.nanoTime() + "@example.com";
        String stored = tenant.writer().post("/customer/new", "customer_id", "L-1", "name", "Cliente Guardado", "email", email).id();
        var left = post(SHOP, "/widget/messages", "account", tenant.accountId(), "department", department, "name", "Outra Pessoa",
                "email", email, "message", "Liguem para mim amanhã.");
        assertThat(left.status()).as(left.toString()).isEqualTo(201);
        var tickets = tenant.reader().get("/ticket/list").data();
        assertThat(tickets).hasSize(1);
        var ticket = tenant.reader().get("/ticket/detail", "ticket_id", tickets.get(0).get("id").asString()).data().toString();
        assertThat(ticket).contains("Liguem para mim amanhã.", "Message left on the chat by Outra Pessoa", department)
                .doesNotContain(stored, "Cliente Guardado");
        assertThat(post(SHOP, "/widget/messages", "account", tenant.accountId(), "department", department, "name", "X",
                "email", email).status()).isEqualTo(400);

        // An operator outside the department at the desk does not count; one inside does.
        var outsider = tenants.signedIn(tenant.accountId(), io.atende.operator.OperatorRole.OPERATOR);
        outsider.session().get("/console/chats");
        assertThat(ApiClient.parse(get(SHOP, config).text()).get("available").asBoolean()).isFalse();
        var member = tenants.signedIn(tenant.accountId(), io.atende.operator.OperatorRole.OPERATOR);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", member.operator().id());
        assertThat(member.session().get("/console/chats").status()).isEqualTo(200);
        assertThat(ApiClient.parse(get(SHOP, config).text()).get("available").asBoolean()).isTrue();
    }

    @Test
    void aMessageLeftWithBadInputIsRefusedWithItsReasonAndOpensNothing() {
        var other = tenants.create();
        String foreignDepartment = other.admin().post("/department/new", "name", "Outra").id();
        String email = "deixou" + System.nanoTime() + "@example.com";
        Map<String, String[]> refused = new LinkedHashMap<>();
        refused.put("no message", new String[] {"department", department, "name", "Ana", "email", email});
        refused.put("blank message", new String[] {"department", department, "name", "Ana", "email", email, "message", "   "});
        refused.put("no name", new String[] {"department", department, "email", email, "message", "oi"});
        refused.put("no e-mail", new String[] {"department", department, "name", "Ana", "message", "oi"});
        refused.put("bad e-mail", new String[] {"department", department, "name", "Ana", "email", "ana@", "message", "oi"});
        refused.put("no department", new String[] {"name", "Ana", "email", email, "message", "oi"});
        refused.put("another account's department", new String[] {"department", foreignDepartment, "name", "Ana", "email", email,
                "message", "oi"});
        refused.put("message too long", new String[] {"department", department, "name", "Ana", "email", email,
                "message", "x".repeat(100_001)});
        refused.forEach((why, fields) -> {
            String[] withAccount = new String[fields.length + 2];
            withAccount[0] = "account";
            withAccount[1] = tenant.accountId();
            System.arraycopy(fields, 0, withAccount, 2, fields.length);
            var response = post(SHOP, "/widget/messages", withAccount);
            assertThat(response.status()).as(why + ": " + response).isIn(400, 404);
            assertThat(ApiClient.parse(response.text()).get("error").asString()).as(why).isNotBlank();
        });
        var unknownAccount = post(SHOP, "/widget/messages", "account", "0".repeat(32), "department", department, "name", "Ana",
                "email", email, "message", "oi");
        assertThat(unknownAccount.status()).isEqualTo(404);

        assertThat(tenant.reader().get("/ticket/list").data()).isEmpty();
        assertThat(tenant.reader().get("/customer/list").data().toString()).doesNotContain(email);
        assertThat(other.reader().get("/ticket/list").data()).isEmpty();
    }

    @Test
    void servesTheScriptAndChecksTheAllowListsSites() {
        var script = get(null, "/widget.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.text()).contains("data-account");
        assertThatThrownBy(() -> access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of("shop.example.com"), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of("https://a.com/path"), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> access.updateSettings(tenant.accountId(), new PortalSettings(false, List.of(), "javascript:alert(1)")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(access.settings(tenant.accountId()).allowedSites()).containsExactly(SHOP);
    }

    private JsonNode start(String email) {
        var started = post(SHOP, "/widget/chats", "account", tenant.accountId(), "department", department, "name", "Visitante",
                "email", email, "message", "Vocês entregam?");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return ApiClient.parse(started.text());
    }

    private HttpRequest streamRequest(String chat, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/widget/chats/" + chat + "/stream?account=" + tenant.accountId()
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("Origin", SHOP).header("Accept-Language", "en")
                .GET().build();
    }

    /** What the website's backend computes: HMAC-SHA256 of the visitor's e-mail under the account's secret, in hex. */
    static String hmac(String secret, String email) throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8)));
    }

    private String baseUrl() {
        return "http://localhost:" + tenants.port();
    }

    private ApiResponse get(String origin, String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return ApiClient.send(builder.header("Accept-Language", "en"));
    }

    private ApiResponse post(String origin, String path, String... fields) {
        var body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        var builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return ApiClient.send(builder.header("Accept-Language", "en")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }
}
