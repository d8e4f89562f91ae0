package io.atende.api.v2;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atende.account.AccountManagement;
import io.atende.account.IssueToken;
import io.atende.account.TokenScope;
import io.atende.platform.DomainEvent;
import io.atende.platform.Ids;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.FreshDatabase;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.support.WebhookReceiver;
import io.atende.support.WebhookReceiver.Answer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook delivery against a real receiver on loopback: formats, signatures, retries, ordering, nodes. */
@ApiTest
class WebhookDeliveryTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Environment environment;

    Tenant tenant;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = tenants.create();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** An event of a module that does not exist yet: the webhook module must deliver it unchanged. */
    record SomethingHappened(String accountId, String eventName, String subjectType, String subjectId) implements DomainEvent {
    }

    @Test
    void deliversTheTomTicketFormatSignedOverTheBase64OfTheBody() throws Exception {
        subscribe(tenant.admin(), "format", "tomticket", "events", "customer.created,customer.updated", "secret", "tt-secret");

        String customer = newCustomer(tenant.writer(), "c1");
        var request = receiver.awaitCount(1).get(0);

        assertThat(request.text()).isEqualTo("{\"type\":\"customer\",\"id\":\"" + customer + "\",\"action\":\"created\"}");
        String base64Body = Base64.getEncoder().encodeToString(request.body());
        assertThat(request.header("X-Hub-Signature")).isEqualTo("sha1=" + hmac("HmacSHA1", "tt-secret".getBytes(StandardCharsets.UTF_8),
                base64Body.getBytes(StandardCharsets.US_ASCII)));
        assertThat(request.header("Content-Type")).startsWith("application/json");

        tenant.writer().post("/customer/update", "customer_id", "c1", "name", "Renamed");
        assertThat(receiver.awaitCount(2).get(1).text())
                .isEqualTo("{\"type\":\"customer\",\"id\":\"" + customer + "\",\"action\":\"updated\"}");
    }

    @Test
    void deliversTheStandardFormatWithTheObjectAsTheDetailEndpointShowsIt() throws Exception {
        var created = subscribe(tenant.admin(), "format", "standard");
        String secret = created.data().get("secret").asString();
        assertThat(secret).startsWith("whsec_");

        String customer = newCustomer(tenant.writer(), "c1");
        var request = receiver.awaitCount(1).get(0);

        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        assertThat(id).isNotBlank();
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String signed = id + "." + timestamp + "." + request.text();
        assertThat(request.header("webhook-signature")).isEqualTo("v1," + hmac("HmacSHA256", key, signed.getBytes(StandardCharsets.UTF_8)));

        JsonNode body = ApiClient.parse(request.text());
        assertThat(body.get("type").asString()).isEqualTo("customer.created");
        assertThat(body.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        JsonNode detail = tenant.reader().get("/customer/details", "customer_id", customer).data().get(0);
        assertThat(body.get("data")).isEqualTo(detail);
    }

    @Test
    void deliversChatEventsInTheStandardFormatWithTheChatAsItsDetailEndpointShowsIt() {
        subscribe(tenant.admin(), "format", "standard", "events", "chat.created,chat.accepted");
        String department = tenant.admin().post("/department/new", "name", "Chat").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        newCustomer(tenant.writer(), "c1");
        String chat = tenant.writer().post("/chat/new", "customer_id", "c1", "department_id", department, "message", "Oi").id();
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(200);

        var received = receiver.awaitCount(2);

        JsonNode created = ApiClient.parse(received.get(0).text());
        JsonNode accepted = ApiClient.parse(received.get(1).text());
        assertThat(created.get("type").asString()).isEqualTo("chat.created");
        assertThat(created.get("data").get("id").asString()).isEqualTo(chat);
        assertThat(created.get("data").get("situation").get("id").asInt()).isEqualTo(1);
        assertThat(accepted.get("type").asString()).isEqualTo("chat.accepted");
        assertThat(accepted.get("data")).isEqualTo(tenant.reader().get("/chat/detail", "chat_id", chat).data());
    }

    @Test
    void deliversTicketEventsInTheStandardFormatWithTheTicketAsItsDetailEndpointShowsIt() {
        subscribe(tenant.admin(), "format", "standard", "events", "ticket.created,ticket.replied,ticket.finished");
        var fx = new TicketFixture(tenant);
        String ticket = fx.linkedTicket();
        var file = List.of(new ApiClient.FilePart("attachment[0]", "a.txt", "text/plain", "olá".getBytes(StandardCharsets.UTF_8)));
        TicketFixture.ok(tenant.writer().postMultipart("/ticket/reply/operator", file, "ticket_id", ticket, "message", "Trocamos o toner"));
        JsonNode afterReply = fx.detail(ticket).data();
        TicketFixture.ok(tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido"));

        var received = receiver.awaitCount(3);

        JsonNode created = ApiClient.parse(received.get(0).text());
        JsonNode replied = ApiClient.parse(received.get(1).text());
        JsonNode finished = ApiClient.parse(received.get(2).text());
        assertThat(created.get("type").asString()).isEqualTo("ticket.created");
        assertThat(created.get("data").get("id").asString()).isEqualTo(ticket);
        assertThat(created.get("data").get("situation").get("id").asInt()).isEqualTo(0);
        assertThat(created.get("data").get("replies")).hasSize(1);
        assertThat(replied.get("type").asString()).isEqualTo("ticket.replied");
        assertThat(replied.get("data").get("situation").get("id").asInt()).isEqualTo(2);
        assertThat(replied.get("data").get("replies")).hasSize(2);
        assertThat(replied.get("data").get("replies").get(1)).isEqualTo(afterReply.get("replies").get(1));
        assertThat(finished.get("type").asString()).isEqualTo("ticket.finished");
        // Finished, the ticket's elapsed time stops, so the whole object can be compared; the SLA extensions are live
        // readings of /ticket/detail, which a delivery (the ticket as its change left it) does not carry.
        var detail = (tools.jackson.databind.node.ObjectNode) fx.detail(ticket).data().deepCopy();
        assertThat(detail.has("sla_policy") && detail.has("sla_targets")).isTrue();
        detail.remove(List.of("sla_policy", "sla_targets"));
        assertThat(finished.get("data").has("sla_targets")).isFalse();
        assertThat(finished.get("data")).isEqualTo(detail);
    }

    @Test
    void ticketsOpenedAtTheSameTimeEachArriveWithTheirOwnSnapshot() throws Exception {
        // Openings that arrive together share one transaction, whose events are rendered together at its end.
        subscribe(tenant.admin(), "format", "standard", "events", "ticket.created");
        var fx = new TicketFixture(tenant);
        int tickets = 24;
        Map<String, String> subjects = new java.util.concurrent.ConcurrentHashMap<>();
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var opened = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < tickets; i++) {
                String subject = "Assunto " + i;
                opened.add(pool.submit(() -> {
                    start.await();
                    subjects.put(fx.openTicket("subject", subject, "message", "Mensagem de " + subject), subject);
                    return null;
                }));
            }
            start.countDown();
            for (var future : opened) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        var received = receiver.awaitCount(tickets);

        assertThat(received).hasSize(tickets);
        for (var request : received) {
            JsonNode data = ApiClient.parse(request.text()).get("data");
            String subject = subjects.get(data.get("id").asString());
            assertThat(data.get("subject").asString()).isEqualTo(subject);
            assertThat(data.get("replies")).hasSize(1);
            assertThat(data.get("replies").get(0).get("message").asString()).isEqualTo("Mensagem de " + subject);
            assertThat(data.get("customer").get("name").asString()).isEqualTo("Carla");
        }
        assertThat(received.stream().map(request -> ApiClient.parse(request.text()).get("data").get("id").asString()).distinct())
                .hasSize(tickets);
    }

    @Test
    void everyAttemptSendsTheTicketAsItsTransactionLeftItWithTheLinksOfTheRequestThatMadeTheChange() {
        subscribe(tenant.admin(), "format", "standard", "events", "ticket.created");
        var fx = new TicketFixture(tenant);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> {
            if (calls.incrementAndGet() > 1) {
                return Answer.of(200);
            }
            // Changed after the commit and before the retry: not part of the event that was already queued.
            TicketFixture.ok(tenant.writer().post("/customer/update", "customer_id", "c-1", "name", "Carla Souza"));
            return Answer.of(503);
        });
        var file = List.of(new ApiClient.FilePart("attachment[0]", "a.txt", "text/plain", "olá".getBytes(StandardCharsets.UTF_8)));

        String ticket = TicketFixture.ok(tenant.writer().postMultipart("/ticket/new", file, "customer_id", "c-1",
                "department_id", fx.department, "subject", "Impressora", "message", "Não imprime")).json().get("ticket_id").asString();

        var received = receiver.awaitCount(2);
        assertThat(received.get(1).text()).isEqualTo(received.get(0).text());
        JsonNode data = ApiClient.parse(received.get(0).text()).get("data");
        JsonNode detail = fx.detail(ticket).data();
        assertThat(data.get("customer").get("name").asString()).isEqualTo("Carla");
        assertThat(detail.get("customer").get("name").asString()).isEqualTo("Carla Souza");
        assertThat(data.get("replies").get(0).get("attachments")).isEqualTo(detail.get("replies").get(0).get("attachments"));
        assertThat(data.get("replies").get(0).get("attachments").get(0).get("url").asString()).startsWith("http://");
    }

    @Test
    void ticketEventsPublishedOutsideARequestLinkAttachmentsByPath() {
        subscribe(tenant.admin(), "format", "standard", "events", "ticket.updated");
        var fx = new TicketFixture(tenant);
        var file = List.of(new ApiClient.FilePart("attachment[0]", "a.txt", "text/plain", "olá".getBytes(StandardCharsets.UTF_8)));
        String ticket = TicketFixture.ok(tenant.writer().postMultipart("/ticket/new", file, "customer_id", "c-1",
                "department_id", fx.department, "subject", "Impressora", "message", "Não imprime")).json().get("ticket_id").asString();
        String attachment = fx.detail(ticket).data().get("replies").get(0).get("attachments").get(0).get("id").asString();

        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                events.publishEvent(new SomethingHappened(tenant.accountId(), "ticket.updated", "ticket", ticket)));

        JsonNode data = ApiClient.parse(receiver.awaitCount(1).get(0).text()).get("data");
        assertThat(data.get("id").asString()).isEqualTo(ticket);
        assertThat(data.get("replies").get(0).get("attachments").get(0).get("url").asString())
                .isEqualTo("/v2.0/ticket/attachment?attachment_id=" + attachment);
    }

    @Test
    void deliversTicketEventsInTheTomTicketFormatAsCreatedThenUpdated() {
        subscribe(tenant.admin(), "format", "tomticket", "events", "ticket.created,ticket.replied");
        var fx = new TicketFixture(tenant);
        String ticket = fx.linkedTicket();
        TicketFixture.ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Ainda não imprime"));

        var received = receiver.awaitCount(2);

        assertThat(received.get(0).text()).isEqualTo("{\"type\":\"ticket\",\"id\":\"" + ticket + "\",\"action\":\"created\"}");
        assertThat(received.get(1).text()).isEqualTo("{\"type\":\"ticket\",\"id\":\"" + ticket + "\",\"action\":\"updated\"}");
    }

    @Test
    void deliversEveryEventWhenTheReceiverRecoversAndLogsEachAttempt() {
        String webhook = subscribe(tenant.admin(), "format", "tomticket").id();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() <= 3
                ? new Answer(503, Map.of(), "down for maintenance", Duration.ZERO) : Answer.of(200));

        String first = newCustomer(tenant.writer(), "c1");
        String second = newCustomer(tenant.writer(), "c2");

        var deliveries = awaitDeliveries(webhook, list -> list.size() == 2 && allDelivered(list));
        var received = receiver.received();
        assertThat(received).hasSize(5);
        assertThat(received.stream().map(r -> ApiClient.parse(r.text()).get("id").asString()).distinct())
                .containsExactlyInAnyOrder(first, second);
        int attempts = 0;
        for (JsonNode delivery : deliveries) {
            attempts += delivery.get("attempts").asInt();
            assertThat(delivery.get("log").size()).isEqualTo(delivery.get("attempts").asInt());
            var log = delivery.get("log");
            assertThat(log.get(log.size() - 1).get("response_status").asInt()).isEqualTo(200);
            for (int i = 0; i < log.size() - 1; i++) {
                assertThat(log.get(i).get("response_status").asInt()).isEqualTo(503);
                assertThat(log.get(i).get("response_body").asString()).isEqualTo("down for maintenance");
            }
        }
        assertThat(attempts).isEqualTo(5);
    }

    @Test
    void waitsAsLongAsRetryAfterAsks() {
        subscribe(tenant.admin(), "format", "tomticket");
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() == 1
                ? new Answer(429, Map.of("Retry-After", "1"), "", Duration.ZERO) : Answer.of(200));

        newCustomer(tenant.writer(), "c1");

        var received = receiver.awaitCount(2);
        // The configured backoff is 100 ms; only Retry-After explains a wait of a second.
        assertThat(Duration.between(received.get(0).at(), received.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void keepsTheEventsOfOneSubjectInOrderWhenTheReceiverIsSlowOrFails() {
        subscribe(tenant.admin(), "format", "standard");
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() == 1
                ? Answer.of(503) : new Answer(200, Map.of(), "", Duration.ofMillis(60)));

        newCustomer(tenant.writer(), "c1");
        for (int i = 1; i <= 5; i++) {
            tenant.writer().post("/customer/update", "customer_id", "c1", "name", "Name " + i);
        }

        var received = receiver.await(list -> list.size() >= 7, Duration.ofSeconds(20));
        List<String> names = new ArrayList<>();
        for (var request : received.subList(1, received.size())) {
            names.add(ApiClient.parse(request.text()).get("data").get("name").asString());
        }
        assertThat(names).containsExactly("Customer c1", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5");
        assertThat(ApiClient.parse(received.get(0).text()).get("type").asString()).isEqualTo("customer.created");
    }

    @Test
    void aBurstToSeveralSubscriptionsArrivesOnceToEachSignedWithItsOwnSecretAndInOrderPerSubject() throws Exception {
        // Deliveries are claimed and recorded in batches and one standard body serves every subscription to an event:
        // each subscription must still get each event once, signed with its own secret, and one subject in order.
        Map<String, String> secrets = new HashMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            var created = tenant.admin().post("/webhook/new", "url", receiver.url() + "/" + name, "format", "standard",
                    "events", "customer.created,customer.updated");
            secrets.put("/hook/" + name, created.data().get("secret").asString());
        }
        receiver.answer(request -> new Answer(200, Map.of(), "", Duration.ofMillis(5)));

        newCustomer(tenant.writer(), "c0");
        for (int i = 1; i <= 10; i++) {
            newCustomer(tenant.writer(), "n" + i);
            tenant.writer().post("/customer/update", "customer_id", "c0", "name", "Name " + i);
        }

        receiver.await(list -> list.size() >= 4 * 21, Duration.ofSeconds(30));
        Thread.sleep(500);  // anything sent twice would arrive meanwhile
        var received = receiver.received();
        assertThat(received).hasSize(4 * 21);
        for (var subscription : secrets.entrySet()) {
            var mine = received.stream().filter(request -> request.path().equals(subscription.getKey())).toList();
            assertThat(mine).hasSize(21);
            assertThat(mine.stream().map(request -> request.header("webhook-id")).distinct()).hasSize(21);
            byte[] key = Base64.getDecoder().decode(subscription.getValue().substring("whsec_".length()));
            List<String> names = new ArrayList<>();
            for (var request : mine) {
                String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.text();
                assertThat(request.header("webhook-signature")).isEqualTo("v1," + hmac("HmacSHA256", key, signed.getBytes(StandardCharsets.UTF_8)));
                String name = ApiClient.parse(request.text()).get("data").get("name").asString();
                if (name.equals("Customer c0") || name.startsWith("Name ")) {
                    names.add(name);
                }
            }
            assertThat(names).containsExactly("Customer c0", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6", "Name 7",
                    "Name 8", "Name 9", "Name 10");
        }
    }

    @Test
    void aReceiverAnswering410DisablesTheSubscription() {
        String webhook = subscribe(tenant.admin(), "format", "tomticket").id();
        receiver.answer(request -> Answer.of(410));

        newCustomer(tenant.writer(), "c1");
        awaitDeliveries(webhook, list -> list.size() == 1 && list.get(0).get("status").asString().equals("failed"));

        var listed = tenant.admin().get("/webhook/list").data().get(0);
        assertThat(listed.get("active").asBoolean()).isFalse();
        assertThat(listed.get("status").asString()).isEqualTo("disabled");
        assertThat(listed.get("disabled_reason").asString()).isEqualTo("gone");

        newCustomer(tenant.writer(), "c2");
        assertThat(tenant.admin().get("/webhook/delivery/list", "webhook_id", webhook).json().get("size").asInt()).isEqualTo(1);

        receiver.answer(request -> Answer.of(200));
        assertThat(tenant.admin().post("/webhook/update", "webhook_id", webhook, "active", "1").status()).isEqualTo(200);
        newCustomer(tenant.writer(), "c3");
        awaitDeliveries(webhook, list -> list.size() == 2 && list.get(0).get("status").asString().equals("delivered"));
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void redeliverSendsTheSameEventAgain() {
        String webhook = subscribe(tenant.admin(), "format", "standard").id();
        newCustomer(tenant.writer(), "c1");
        var first = awaitDeliveries(webhook, list -> list.size() == 1 && allDelivered(list)).get(0);

        var again = tenant.admin().post("/webhook/delivery/redeliver", "delivery_id", first.get("id").asString());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isNotEqualTo(first.get("id").asString());
        var received = receiver.awaitCount(2);
        assertThat(received.get(1).header("webhook-id")).isEqualTo(received.get(0).header("webhook-id"));
        assertThat(received.get(1).text()).isEqualTo(received.get(0).text());
        awaitDeliveries(webhook, list -> list.size() == 2 && allDelivered(list));
    }

    @Test
    void aRolledBackChangeEmitsNothingAndEventsOfModulesYetToComeAreDelivered() {
        String tomticket = subscribe(tenant.admin(), "format", "tomticket").id();
        String standard = subscribe(tenant.admin(), "format", "standard").id();
        var transactions = new TransactionTemplate(transactionManager);
        String ticket = Ids.newId();

        transactions.executeWithoutResult(status -> {
            events.publishEvent(new SomethingHappened(tenant.accountId(), "ticket.replied", "ticket", Ids.newId()));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status ->
                events.publishEvent(new SomethingHappened(tenant.accountId(), "ticket.replied", "ticket", ticket)));
        transactions.executeWithoutResult(status ->
                events.publishEvent(new SomethingHappened(tenant.accountId(), "chat.message", "chat", Ids.newId())));

        var received = receiver.await(list -> list.size() >= 3, Duration.ofSeconds(20));
        assertThat(awaitDeliveries(tomticket, list -> allDelivered(list))).hasSize(1);
        assertThat(awaitDeliveries(standard, list -> allDelivered(list))).hasSize(2);
        assertThat(received.stream().map(WebhookReceiver.Received::text))
                .contains("{\"type\":\"ticket\",\"id\":\"" + ticket + "\",\"action\":\"updated\"}")
                .anyMatch(text -> text.contains("\"type\":\"ticket.replied\"") && text.contains("\"data\":{\"id\":\"" + ticket + "\"}"))
                .anyMatch(text -> text.contains("\"type\":\"chat.message\""));
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void aTestEventReachesTheReceiverSigned() {
        String webhook = subscribe(tenant.admin(), "format", "tomticket", "secret", "abc").id();

        var queued = tenant.admin().post("/webhook/test", "webhook_id", webhook);

        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.data().get("event").asString()).isEqualTo("webhook.test");
        var request = receiver.awaitCount(1).get(0);
        assertThat(request.text()).isEqualTo("{\"type\":\"webhook\",\"id\":\"" + webhook + "\",\"action\":\"test\"}");
        awaitDeliveries(webhook, list -> list.size() == 1 && allDelivered(list));
    }

    @Test
    void twoServersOnOneDatabaseMakeEachAttemptOnce() {
        String webhook = subscribe(tenant.admin(), "format", "standard").id();
        receiver.answer(request -> new Answer(200, Map.of(), "", Duration.ofMillis(10)));
        String url = environment.getRequiredProperty("spring.datasource.url");
        try (var secondNode = TestNodes.start(url, List.of())) {
            var writers = new ApiClient[] {tenant.writer(), new ApiClient(TestNodes.port(secondNode), tenant.writer().token())};
            for (int i = 0; i < 40; i++) {
                newCustomer(writers[i % 2], "c" + i);
            }
            var deliveries = awaitDeliveries(webhook, list -> list.size() == 40 && allDelivered(list));
            for (JsonNode delivery : deliveries) {
                assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            }
        }
        var received = receiver.received();
        assertThat(received).hasSize(40);
        assertThat(received.stream().map(request -> request.header("webhook-id")).distinct()).hasSize(40);
    }

    @Test
    void deliveriesDueWhenAServerStopsAreMadeByTheNextOne() {
        try (var database = FreshDatabase.create()) {
            receiver.answer(request -> Answer.of(503));
            String webhook;
            String token;
            String accountId;
            try (var node = TestNodes.start(database.url(), List.of())) {
                var accounts = node.getBean(AccountManagement.class);
                accountId = accounts.createAccount("Restart", "America/Sao_Paulo").account().id();
                accounts.update(accountId, new io.atende.account.UpdateAccount(null, null, TestTenants.GENEROUS));
                token = accounts.issueToken(accountId, new IssueToken("admin", TokenScope.ADMIN, List.of(), null)).secret();
                var client = new ApiClient(TestNodes.port(node), token);
                webhook = client.post("/webhook/new", "url", receiver.url(), "format", "tomticket").id();
                for (int i = 0; i < 5; i++) {
                    newCustomer(client, "c" + i);
                }
                receiver.await(list -> list.size() >= 5, Duration.ofSeconds(20));
            }
            int attemptsWhileDown = receiver.received().size();
            receiver.answer(request -> Answer.of(200));
            try (var node = TestNodes.start(database.url(), List.of())) {
                var client = new ApiClient(TestNodes.port(node), token);
                var deliveries = await(() -> client.get("/webhook/delivery/list", "webhook_id", webhook),
                        list -> list.size() == 5 && allDelivered(list));
                int attempts = 0;
                for (JsonNode delivery : deliveries) {
                    attempts += delivery.get("attempts").asInt();
                }
                assertThat(attempts).isEqualTo(receiver.received().size());
                assertThat(receiver.received().size()).isGreaterThan(attemptsWhileDown);
            }
            Map<String, Integer> successes = new HashMap<>();
            // every customer arrived; none is left behind
            receiver.received().forEach(request -> successes.merge(ApiClient.parse(request.text()).get("id").asString(), 1, Integer::sum));
            assertThat(successes).hasSize(5);
        }
    }


    @Test
    void aSubscriptionFailingAgainAndAgainIsPausedAndProbedOneDeliveryAtATime() {
        String webhook = subscribe(tenant.admin(), "format", "tomticket").id();
        var paused = new java.util.concurrent.atomic.AtomicBoolean();
        var healthy = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlightWhilePaused = new AtomicInteger();
        receiver.answer(request -> {
            int now = inFlight.incrementAndGet();
            if (paused.get()) {
                mostInFlightWhilePaused.accumulateAndGet(now, Math::max);
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return Answer.of(healthy.get() ? 200 : 503);
        });

        newCustomer(tenant.writer(), "c0");
        awaitWebhook(item -> item.get("status").asString().equals("paused"));
        paused.set(true);
        for (int i = 1; i <= 4; i++) {
            newCustomer(tenant.writer(), "c" + i);
        }
        int before = receiver.received().size();
        receiver.await(list -> list.size() >= before + 2, Duration.ofSeconds(20));

        paused.set(false);
        healthy.set(true);
        awaitDeliveries(webhook, list -> list.size() == 5 && allDelivered(list));
        assertThat(mostInFlightWhilePaused.get()).isEqualTo(1);
        var recovered = awaitWebhook(item -> item.get("status").asString().equals("active"));
        assertThat(recovered.get("consecutive_failures").asInt()).isZero();
    }

    private JsonNode awaitWebhook(Predicate<JsonNode> condition) {
        return await(() -> tenant.admin().get("/webhook/list"), list -> condition.test(list.get(0))).get(0);
    }


    @Test
    void aDeliveryIsGivenUpWhenItsRetriesOutliveTheMaximumAgeAndCanThenBeRedelivered() {
        try (var database = FreshDatabase.create();
             var node = TestNodes.start(database.url(), List.of("atende.webhook.max-age=1s"))) {
            var accounts = node.getBean(AccountManagement.class);
            String accountId = accounts.createAccount("Give up", "America/Sao_Paulo").account().id();
            accounts.update(accountId, new io.atende.account.UpdateAccount(null, null, TestTenants.GENEROUS));
            var client = new ApiClient(TestNodes.port(node), accounts.issueToken(accountId,
                    new IssueToken("admin", TokenScope.ADMIN, List.of(), null)).secret());
            receiver.answer(request -> Answer.of(500));
            String webhook = client.post("/webhook/new", "url", receiver.url(), "format", "tomticket").id();
            newCustomer(client, "c1");

            var failed = await(() -> client.get("/webhook/delivery/list", "webhook_id", webhook),
                    list -> list.size() == 1 && list.get(0).get("status").asString().equals("failed")).get(0);
            assertThat(failed.get("attempts").asInt()).isGreaterThanOrEqualTo(1).isEqualTo(receiver.received().size());
            assertThat(failed.get("last_response_status").asInt()).isEqualTo(500);
            assertThat(failed.get("next_attempt_date").isNull()).isTrue();

            receiver.answer(request -> Answer.of(200));
            assertThat(client.post("/webhook/delivery/redeliver", "delivery_id", failed.get("id").asString()).status()).isEqualTo(200);
            await(() -> client.get("/webhook/delivery/list", "webhook_id", webhook, "status", "delivered"), list -> list.size() == 1);
        }
    }

    // --- helpers

    private ApiResponse subscribe(ApiClient admin, String... params) {
        var all = new ArrayList<String>(List.of("url", receiver.url()));
        all.addAll(List.of(params));
        var response = admin.post("/webhook/new", all.toArray(String[]::new));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static String newCustomer(ApiClient writer, String internalId) {
        var response = writer.post("/customer/new", "customer_id", internalId, "name", "Customer " + internalId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    private List<JsonNode> awaitDeliveries(String webhook, Predicate<List<JsonNode>> condition) {
        return await(() -> tenant.admin().get("/webhook/delivery/list", "webhook_id", webhook), condition);
    }

    private static List<JsonNode> await(java.util.function.Supplier<ApiResponse> fetch, Predicate<List<JsonNode>> condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> items = List.of();
        while (System.nanoTime() < end) {
            var response = fetch.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            items = new ArrayList<>();
            for (JsonNode item : response.data()) {
                items.add(item);
            }
            if (condition.test(items)) {
                return items;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Deliveries did not reach the expected state: " + items);
    }

    private static boolean allDelivered(List<JsonNode> deliveries) {
        return deliveries.stream().allMatch(delivery -> delivery.get("status").asString().equals("delivered"));
    }

    private static String hmac(String algorithm, byte[] key, byte[] content) throws Exception {
        var mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return Base64.getEncoder().encodeToString(mac.doFinal(content));
    }
}
