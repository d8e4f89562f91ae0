package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atende.chat.ChatManagement;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class ChatApiTest {

    private static final String UNKNOWN = "0".repeat(32);

    @Autowired
    TestTenants tenants;

    @Autowired
    ChatManagement chats;

    Tenant tenant;
    String department;
    String operator;
    String customer;

    @BeforeEach
    void newAccountWithADepartmentAnOperatorAndACustomer() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        operator = operatorIn(department, "Ana", "ana@example.com");
        customer = tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla", "email", "carla@example.com").id();
    }

    @Test
    void opensAQueuedChatWithTheFirstMessageAndARootIdAndProtocol() {
        var created = open("Olá, preciso de ajuda");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.json().get("protocol").asLong()).isEqualTo(1);
        var chat = created.data();
        assertThat(chat.get("protocol").isNumber()).isTrue();
        assertThat(chat.get("situation").get("id").asInt()).isEqualTo(1);
        assertThat(chat.get("situation").get("description").asString()).isEqualTo("Aguardando atendimento");
        assertThat(chat.get("customer").get("id").asString()).isEqualTo(customer);
        assertThat(chat.get("customer").get("internal_id").asString()).isEqualTo("C-1");
        assertThat(chat.get("customer").get("email").asString()).isEqualTo("carla@example.com");
        assertThat(chat.get("department").get("name").asString()).isEqualTo("Suporte");
        assertThat(chat.get("operator").has("id")).isTrue();
        assertThat(chat.get("operator").get("id").isNull()).isTrue();
        assertThat(chat.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00");
        assertThat(chat.get("start_date").isNull()).isTrue();
        assertThat(chat.get("unread_messages").asInt()).isEqualTo(1);
        assertThat(chat.get("evaluation").get("grade").isNull()).isTrue();
        assertThat(chat.get("messages").get(0).get("sender_type").asString()).isEqualTo("C");
        assertThat(chat.get("messages").get(0).get("sender").asString()).isEqualTo("Carla");
        assertThat(chat.get("messages").get(0).get("message").asString()).isEqualTo("Olá, preciso de ajuda");
        assertThat(chat.get("messages").get(0).get("attachments").isArray()).isTrue();

        assertThat(open("De novo").json().get("protocol").asLong()).isEqualTo(2);
    }

    @Test
    void opensByEmailAndByTheCustomersOwnId() {
        assertThat(tenant.writer().post("/chat/new", "customer_id", "carla@example.com", "customer_type_id", "E",
                "department_id", department, "message", "a").status()).isEqualTo(200);
        assertThat(tenant.writer().post("/chat/new", "customer_id", customer, "customer_id_type", "I",
                "department_id", department, "message", "b").status()).isEqualTo(200);
    }

    @Test
    void refusesABadNewChatAndLeavesNothingBehind() {
        assertThat(tenant.writer().post("/chat/new", "department_id", department, "message", "x").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "C-1", "message", "x").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", department).status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", "   ").status())
                .isEqualTo(400);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", "x".repeat(100_001))
                .status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "C-1", "customer_type_id", "X", "department_id", department,
                "message", "x").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "nobody", "department_id", department, "message", "x").status())
                .isEqualTo(404);
        assertThat(tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", UNKNOWN, "message", "x").status())
                .isEqualTo(404);
        assertThat(tenant.reader().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", "x").status())
                .isEqualTo(403);
        assertThat(tenant.anonymous().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", "x").status())
                .isEqualTo(401);

        assertThat(tenant.reader().get("/chat/list").json().get("size").asInt()).isZero();
        // No protocol was spent either.
        assertThat(open("agora sim").json().get("protocol").asLong()).isEqualTo(1);
    }

    @Test
    void sanitizesHtmlMessages() {
        String chat = open("<p>Oi <script>alert(1)</script><b>você</b></p>").id();

        var message = detail(chat).get("messages").get(0);
        assertThat(message.get("message").asString()).isEqualTo("<p>Oi <b>você</b></p>");
        assertThat(message.get("mimetype").asString()).isEqualTo("text/html");
    }

    @Test
    void acceptsAQueuedChatOnceAndLinksTheOperator() {
        String chat = open("oi").id();

        var accepted = tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.data().get("situation").get("id").asInt()).isEqualTo(2);
        assertThat(accepted.data().get("situation").get("description").asString()).isEqualTo("Em atendimento");
        assertThat(accepted.data().get("operator").get("id").asString()).isEqualTo(operator);
        assertThat(accepted.data().get("operator").get("name").asString()).isEqualTo("Ana");
        assertThat(accepted.data().get("start_date").isNull()).isFalse();
        assertThat(accepted.data().get("wait_time").isNumber()).isTrue();

        String other = operatorIn(department, "Bia", "bia@example.com");
        var again = tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", other);
        assertThat(again.status()).isEqualTo(409);
        assertThat(detail(chat).get("operator").get("id").asString()).isEqualTo(operator);
    }

    @Test
    void exactlyOneOfManyConcurrentAcceptsWins() throws Exception {
        String chat = open("oi").id();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(operatorIn(department, "Op " + i, "op" + i + "@example.com"));
        }
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(candidates.size());
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (String candidate : candidates) {
                Callable<ApiResponse> accept = () -> {
                    start.await();
                    return tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", candidate);
                };
                answers.add(pool.submit(accept));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            String winner = null;
            for (var answer : answers) {
                var response = answer.get();
                statuses.add(response.status());
                if (response.status() == 200) {
                    winner = response.data().get("operator").get("id").asString();
                }
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
            assertThat(detail(chat).get("operator").get("id").asString()).isEqualTo(winner);
            assertThat(detail(chat).get("messages").size()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAcceptByAnOperatorOutsideTheDepartmentOrInactive() {
        String chat = open("oi").id();
        String outsider = tenant.admin().post("/operator/new", "name", "Caio", "email", "caio@example.com").id();
        String inactive = operatorIn(department, "Dani", "dani@example.com");
        assertThat(tenant.admin().post("/operator/update", "operator_id", inactive, "active", "0").status()).isEqualTo(200);

        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", outsider).status()).isEqualTo(409);
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", inactive).status()).isEqualTo(409);
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", UNKNOWN).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/chat/accept", "chat_id", UNKNOWN, "operator_id", operator).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat).status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/accept", "operator_id", operator).status()).isEqualTo(400);
        assertThat(tenant.reader().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(401);

        var unchanged = detail(chat);
        assertThat(unchanged.get("situation").get("id").asInt()).isEqualTo(1);
        assertThat(unchanged.get("messages").size()).isEqualTo(1);
    }

    @Test
    void keepsMessagesInOrderAndCountsUnreadCustomerMessages() {
        String chat = open("1").id();
        assertThat(message(chat, "C", "2").status()).isEqualTo(200);
        assertThat(list().get(0).get("unread_messages").asInt()).isEqualTo(2);
        accept(chat);
        var reply = message(chat, "A", "3");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.id()).isEqualTo(reply.data().get("id").asString());
        assertThat(reply.data().get("sender").asString()).isEqualTo("Ana");
        assertThat(list().get(0).get("unread_messages").asInt()).isZero();
        message(chat, "C", "4");
        message(chat, "C", "5");

        var detail = detail(chat);
        assertThat(detail.get("unread_messages").asInt()).isEqualTo(2);
        List<String> written = new ArrayList<>();
        detail.get("messages").forEach(message -> {
            if (!message.get("sender_type").asString().equals("S")) {
                written.add(message.get("sender_type").asString() + message.get("message").asString());
            }
        });
        assertThat(written).containsExactly("C1", "C2", "A3", "C4", "C5");
        assertThat(detail.get("messages").get(2).get("sender_type").asString()).isEqualTo("S");
    }

    @Test
    void refusesOperatorMessagesBeforeAcceptanceAndAllMessagesAfterTheEnd() {
        String chat = open("oi").id();

        assertThat(message(chat, "A", "cedo demais").status()).isEqualTo(409);
        assertThat(message(chat, "X", "?").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/message", "chat_id", chat, "sender_type", "C").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/message", "chat_id", chat, "message", "x").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/message", "sender_type", "C", "message", "x").status()).isEqualTo(400);
        assertThat(message(UNKNOWN, "C", "x").status()).isEqualTo(404);
        assertThat(tenant.reader().post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "x").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "x").status())
                .isEqualTo(401);
        assertThat(detail(chat).get("messages").size()).isEqualTo(1);

        assertThat(tenant.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(200);
        assertThat(message(chat, "C", "ainda aí?").status()).isEqualTo(409);
        assertThat(message(chat, "A", "tchau").status()).isEqualTo(409);
    }

    @Test
    void transfersToAnotherOperatorAndToAnotherDepartmentsQueue() {
        String chat = open("oi").id();
        accept(chat);
        String bia = operatorIn(department, "Bia", "bia@example.com");
        String finance = tenant.admin().post("/department/new", "name", "Financeiro").id();

        var same = tenant.writer().post("/chat/transfer", "chat_id", chat, "operator_id", operator);
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.message()).contains("Same operator");
        assertThat(tenant.writer().post("/chat/transfer", "chat_id", chat).status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/transfer", "chat_id", chat, "department_id", finance, "operator_id", bia).status())
                .isEqualTo(409);
        assertThat(tenant.writer().post("/chat/transfer", "chat_id", chat, "department_id", UNKNOWN).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/chat/transfer", "chat_id", UNKNOWN, "operator_id", bia).status()).isEqualTo(404);
        assertThat(tenant.reader().post("/chat/transfer", "chat_id", chat, "operator_id", bia).status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/chat/transfer", "chat_id", chat, "operator_id", bia).status()).isEqualTo(401);
        assertThat(detail(chat).get("operator").get("id").asString()).isEqualTo(operator);

        var toBia = tenant.writer().post("/chat/transfer", "chat_id", chat, "operator_id", bia);
        assertThat(toBia.status()).isEqualTo(200);
        assertThat(toBia.data().get("operator").get("id").asString()).isEqualTo(bia);
        assertThat(toBia.data().get("situation").get("id").asInt()).isEqualTo(2);

        var sameDepartment = tenant.writer().post("/chat/transfer", "chat_id", chat, "department_id", department);
        assertThat(sameDepartment.status()).isEqualTo(409);
        assertThat(sameDepartment.message()).contains("Same department");

        var toFinance = tenant.writer().post("/chat/transfer", "chat_id", chat, "department_id", finance);
        assertThat(toFinance.status()).isEqualTo(200);
        assertThat(toFinance.data().get("department").get("id").asString()).isEqualTo(finance);
        assertThat(toFinance.data().get("situation").get("id").asInt()).isEqualTo(1);
        assertThat(toFinance.data().get("operator").get("id").isNull()).isTrue();
    }

    @Test
    void movesAnAcceptedChatToAnotherDepartmentTogetherWithAnOperatorWhoWorksThere() {
        String chat = open("oi").id();
        accept(chat);
        String finance = tenant.admin().post("/department/new", "name", "Financeiro").id();

        // Ana does not work in Financeiro yet.
        assertThat(tenant.writer().post("/chat/transfer", "chat_id", chat, "department_id", finance, "operator_id", operator).status())
                .isEqualTo(409);
        assertThat(detail(chat).get("department").get("id").asString()).isEqualTo(department);

        tenant.admin().post("/department/operator/add", "department_id", finance, "operator_id", operator);
        var moved = tenant.writer().post("/chat/transfer", "chat_id", chat, "department_id", finance, "operator_id", operator);
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.data().get("department").get("id").asString()).isEqualTo(finance);
        assertThat(moved.data().get("operator").get("id").asString()).isEqualTo(operator);
        assertThat(moved.data().get("situation").get("id").asInt()).isEqualTo(2);
    }

    @Test
    void finishesAnOpenChatOnceAndThenTakesOneEvaluation() {
        String chat = open("oi").id();
        accept(chat);
        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", chat, "grade", "5").status()).isEqualTo(409);

        var finished = tenant.writer().post("/chat/finish", "chat_id", chat);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.data().get("situation").get("id").asInt()).isEqualTo(3);
        assertThat(finished.data().get("situation").get("description").asString()).isEqualTo("Finalizado");
        assertThat(finished.data().get("end_date").isNull()).isFalse();
        assertThat(finished.data().get("duration").isNumber()).isTrue();
        assertThat(tenant.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(409);
        assertThat(tenant.writer().post("/chat/finish", "chat_id", UNKNOWN).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/chat/finish").status()).isEqualTo(400);
        assertThat(tenant.reader().post("/chat/finish", "chat_id", chat).status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/chat/finish", "chat_id", chat).status()).isEqualTo(401);

        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", chat).status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", chat, "grade", "6").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", chat, "grade", "ótimo").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", chat, "grade", "4", "comment", "x".repeat(1001)).status())
                .isEqualTo(400);
        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", UNKNOWN, "grade", "4").status()).isEqualTo(404);
        assertThat(tenant.reader().post("/chat/evaluation", "chat_id", chat, "grade", "4").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/chat/evaluation", "chat_id", chat, "grade", "4").status()).isEqualTo(401);
        assertThat(detail(chat).get("evaluation").get("grade").isNull()).isTrue();

        var evaluated = tenant.writer().post("/chat/evaluation", "chat_id", chat, "grade", "4", "comment", "Rápido");
        assertThat(evaluated.status()).isEqualTo(200);
        assertThat(evaluated.data().get("evaluation").get("grade").asInt()).isEqualTo(4);
        assertThat(evaluated.data().get("evaluation").get("comment").asString()).isEqualTo("Rápido");
        assertThat(tenant.writer().post("/chat/evaluation", "chat_id", chat, "grade", "1").status()).isEqualTo(409);
        assertThat(detail(chat).get("evaluation").get("grade").asInt()).isEqualTo(4);
    }

    @Test
    void abandonsAQueuedChatWhoseCustomerStaysSilent() {
        String silent = open("alguém?").id();
        String attended = open("oi").id();
        accept(attended);

        // The sweep itself, as the scheduler runs it, with a cutoff in the future of every chat.
        chats.abandonSilentChatsBefore(java.time.Instant.now().plusSeconds(1));

        var abandoned = detail(silent);
        assertThat(abandoned.get("situation").get("id").asInt()).isEqualTo(4);
        assertThat(abandoned.get("situation").get("description").asString()).isEqualTo("Não atendido");
        assertThat(abandoned.get("end_date").isNull()).isFalse();
        var last = abandoned.get("messages").get(abandoned.get("messages").size() - 1);
        assertThat(last.get("sender_type").asString()).isEqualTo("S");
        assertThat(detail(attended).get("situation").get("id").asInt()).isEqualTo(2);
        assertThat(message(silent, "C", "voltei").status()).isEqualTo(409);
        assertThat(tenant.writer().post("/chat/accept", "chat_id", silent, "operator_id", operator).status()).isEqualTo(409);
    }

    @Test
    void writesTheSystemMessagesInTheChatsLanguageWhichIsItsCustomers() {
        tenant.writer().post("/customer/new", "customer_id", "C-ES", "name", "Lucía", "language", "es");
        tenant.writer().post("/customer/new", "customer_id", "C-EN", "name", "John", "language", "en");
        String other = operatorIn(department, "Bruno", "bruno@example.com");
        String spanish = tenant.writer().post("/chat/new", "customer_id", "C-ES", "department_id", department, "message", "hola").id();
        String english = tenant.writer().post("/chat/new", "customer_id", "C-EN", "department_id", department, "message", "hi").id();
        String portuguese = open("oi").id();
        for (String chat : List.of(spanish, english, portuguese)) {
            accept(chat);
            assertThat(tenant.writer().post("/chat/transfer", "chat_id", chat, "operator_id", other).status()).isEqualTo(200);
            assertThat(tenant.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(200);
        }
        String silent = tenant.writer().post("/chat/new", "customer_id", "C-ES", "department_id", department, "message", "¿hay alguien?")
                .id();
        chats.abandonSilentChatsBefore(java.time.Instant.now().plusSeconds(1));

        assertThat(systemMessages(spanish))
                .containsExactly("Ana se unió a la conversación.", "La conversación fue transferida a Bruno.", "La conversación terminó.");
        assertThat(systemMessages(english))
                .containsExactly("Ana joined the chat.", "The chat was transferred to Bruno.", "The chat was finished.");
        assertThat(systemMessages(portuguese))
                .containsExactly("Ana entrou na conversa.", "A conversa foi transferida para Bruno.", "A conversa foi encerrada.");
        assertThat(systemMessages(silent)).containsExactly("El cliente dejó la cola.");
    }

    private List<String> systemMessages(String chat) {
        var texts = new ArrayList<String>();
        for (var message : detail(chat).get("messages")) {
            if ("S".equals(message.get("sender_type").asString())) {
                texts.add(message.get("message").asString());
            }
        }
        return texts;
    }

    @Test
    void leavesAQueuedChatWithRecentCustomerActivityAlone() {
        String chat = open("oi").id();

        chats.abandonSilentChatsBefore(java.time.Instant.now().minusSeconds(600));

        assertThat(detail(chat).get("situation").get("id").asInt()).isEqualTo(1);
    }

    @Test
    void listsNewestProtocolFirstWithEveryFilter() {
        String holding = tenant.writer().post("/organization/new", "name", "Holding").id();
        String branch = tenant.writer().post("/organization/new", "name", "Filial", "parent_id", holding).id();
        String other = tenant.writer().post("/organization/new", "name", "Outra").id();
        tenant.writer().post("/customer/new", "customer_id", "C-2", "name", "Duda", "organization_id", branch);
        tenant.writer().post("/customer/new", "customer_id", "C-3", "name", "Edu", "organization_id", other);
        String finance = tenant.admin().post("/department/new", "name", "Financeiro").id();

        String first = open("1").id();
        String second = tenant.writer().post("/chat/new", "customer_id", "C-2", "department_id", department, "message", "2").id();
        String third = tenant.writer().post("/chat/new", "customer_id", "C-3", "department_id", finance, "message", "3").id();
        accept(second);
        tenant.writer().post("/chat/finish", "chat_id", first);

        assertThat(ids(list())).containsExactly(third, second, first);
        assertThat(list().get(0).get("protocol").asInt()).isEqualTo(3);
        assertThat(ids(list("customer_id", "C-2"))).containsExactly(second);
        assertThat(ids(list("customer_id", "carla@example.com", "customer_type_id", "E"))).containsExactly(first);
        assertThat(ids(list("department_id", finance))).containsExactly(third);
        assertThat(ids(list("organization_id", holding))).containsExactly(second);
        assertThat(ids(list("organization_id", other))).containsExactly(third);
        assertThat(ids(list("situation", "1"))).containsExactly(third);
        assertThat(ids(list("situation", "2,3"))).containsExactly(second, first);
        assertThat(ids(list("min_protocol", "2"))).containsExactly(third, second);
        assertThat(ids(list("max_protocol", "2"))).containsExactly(second, first);
        assertThat(ids(list("min_protocol", "2", "max_protocol", "2"))).containsExactly(second);
        assertThat(ids(list("creation_date_ge", "2000-01-01", "creation_date_le", "2999-01-01 00:00:00-0300")))
                .containsExactly(third, second, first);
        assertThat(ids(list("creation_date_ge", "2999-01-01"))).isEmpty();

        var page = tenant.reader().get("/chat/list");
        assertThat(page.json().get("size").asInt()).isEqualTo(3);
        assertThat(page.json().get("pages").asInt()).isEqualTo(1);
        assertThat(page.json().get("next_page").isNull()).isTrue();
        assertThat(tenant.reader().get("/chat/list", "page", "2").status()).isEqualTo(404);
    }

    @Test
    void refusesBadListFilters() {
        for (String[] bad : List.of(new String[] {"situation", "5"}, new String[] {"situation", "a"},
                new String[] {"min_protocol", "x"}, new String[] {"max_protocol", "1.5"}, new String[] {"creation_date_ge", "ontem"},
                new String[] {"creation_date_le", "2026-13-01"}, new String[] {"page", "0"}, new String[] {"customer_type_id", "Z"})) {
            var response = tenant.reader().get("/chat/list", bad);
            assertThat(response.status()).as(String.join("=", bad)).isEqualTo(400);
            assertThat(response.json().get("error").asBoolean()).isTrue();
        }
        assertThat(tenant.reader().get("/chat/list", "creation_date_ge", "ontem").message()).contains("Invalid date.");
        assertThat(tenant.reader().get("/chat/list", "customer_id", "nobody").status()).isEqualTo(404);
        assertThat(tenant.reader().get("/chat/list", "department_id", UNKNOWN).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/chat/list", "organization_id", UNKNOWN).status()).isEqualTo(404);
        assertThat(tenant.anonymous().get("/chat/list").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/chat/detail", "chat_id", UNKNOWN).status()).isEqualTo(401);
        assertThat(tenant.reader().get("/chat/detail").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/chat/detail", "chat_id", UNKNOWN).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountSeesNoneOfTheChatsAndGets404ForTheirIds() {
        String chat = open("oi").id();
        var stranger = tenants.create();

        assertThat(stranger.reader().get("/chat/list").json().get("size").asInt()).isZero();
        assertThat(stranger.reader().get("/chat/detail", "chat_id", chat).status()).isEqualTo(404);
        assertThat(stranger.writer().post("/chat/message", "chat_id", chat, "sender_type", "C", "message", "x").status()).isEqualTo(404);
        assertThat(stranger.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(404);
        assertThat(stranger.writer().post("/chat/transfer", "chat_id", chat, "department_id", department).status()).isEqualTo(404);
        assertThat(stranger.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(404);
        assertThat(stranger.writer().post("/chat/evaluation", "chat_id", chat, "grade", "5").status()).isEqualTo(404);
        assertThat(stranger.writer().post("/chat/new", "customer_id", customer, "department_id", department, "message", "x").status())
                .isEqualTo(404);
        assertThat(stranger.reader().get("/chat/stream", "chat_id", chat).status()).isEqualTo(404);
        assertThat(detail(chat).get("messages").size()).isEqualTo(1);
        assertThat(detail(chat).get("situation").get("id").asInt()).isEqualTo(1);
    }

    @Test
    void keepsOperatorsAndDepartmentsThatChatsReference() {
        String chat = open("oi").id();
        accept(chat);

        var deleteOperator = tenant.admin().post("/operator/delete", "operator_id", operator);
        assertThat(deleteOperator.status()).isEqualTo(409);
        assertThat(deleteOperator.message()).contains("This operator cannot be removed because there are chats/tickets linked to it.");
        assertThat(tenant.admin().post("/department/delete", "department_id", department).status()).isEqualTo(409);

        String bia = operatorIn(department, "Bia", "bia@example.com");
        tenant.writer().post("/chat/transfer", "chat_id", chat, "operator_id", bia);
        // Ana handed the chat over, yet remains part of its history.
        assertThat(tenant.admin().post("/operator/delete", "operator_id", operator).status()).isEqualTo(409);

        String idle = operatorIn(department, "Caio", "caio@example.com");
        assertThat(tenant.admin().post("/operator/delete", "operator_id", idle).status()).isEqualTo(200);
        String empty = tenant.admin().post("/department/new", "name", "Vazio").id();
        assertThat(tenant.admin().post("/department/delete", "department_id", empty).status()).isEqualTo(200);
    }

    private String operatorIn(String departmentId, String name, String email) {
        String id = tenant.admin().post("/operator/new", "name", name, "email", email).id();
        assertThat(tenant.admin().post("/department/operator/add", "department_id", departmentId, "operator_id", id).status())
                .isEqualTo(200);
        return id;
    }

    private ApiResponse open(String message) {
        return tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", message);
    }

    private void accept(String chat) {
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(200);
    }

    private ApiResponse message(String chat, String senderType, String text) {
        return tenant.writer().post("/chat/message", "chat_id", chat, "sender_type", senderType, "message", text);
    }

    private JsonNode detail(String chat) {
        var response = tenant.reader().get("/chat/detail", "chat_id", chat);
        assertThat(response.status()).isEqualTo(200);
        return response.data();
    }

    private JsonNode list(String... params) {
        var response = tenant.reader().get("/chat/list", params);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
