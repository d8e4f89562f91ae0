package io.atende.console.chats;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.atende.chat.ChatView;
import io.atende.console.tickets.DeskFixture;
import io.atende.platform.PageRequest;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class ChatDeskPageTest {

    private static final String UNKNOWN = "0".repeat(32);

    @Autowired
    TestTenants tenants;

    @Autowired
    ChatDesk chatDesk;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void showsTheWaitingChatsOldestFirstAndReloadsThemEveryFewSeconds() {
        String first = desk.chat("Olá");
        String second = desk.chat("Alguém aí?");

        var page = desk.session.get("/console/chats");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#chat-queue tbody tr").eachAttr("id")).containsExactly("chat-" + first, "chat-" + second);
        assertThat(page.text("#chat-" + first + " td[data-label=Cliente]")).isEqualTo("Carla Cliente");
        assertThat(page.text("#waiting-count")).isEqualTo("2");
        assertThat(page.document().selectFirst("#chat-queue").attr("hx-get")).isEqualTo("/console/chats/queue");

        String third = desk.chat("Mais um");
        var fragment = desk.session.htmx().get("/console/chats/queue");
        assertThat(fragment.document().select("#chat-" + third)).hasSize(1);
        assertThat(fragment.document().select("header.topbar")).isEmpty();
    }

    @Test
    void acceptsAWaitingChatAndOpensItsConversation() {
        String chat = desk.chat("Preciso de ajuda");
        desk.session.get("/console/chats");

        var accepted = desk.session.htmx().post("/console/chats/" + chat + "/accept");

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("HX-Redirect")).hasValue("/console/chats/" + chat);
        var page = desk.session.get("/console/chats/" + chat);
        assertThat(page.text("#chat-state")).isEqualTo("Em atendimento");
        assertThat(page.document().select("#conversation article.message .body").eachText())
                .containsExactly("Preciso de ajuda", desk.operator.name() + " entrou na conversa.");
        assertThat(page.document().select("#chat-message")).hasSize(1);
        assertThat(desk.session.get("/console/chats").document().select(".panel a").eachText()).containsExactly("#1 Carla Cliente");
    }

    @Test
    void tellsTheOperatorWhoLostTheRaceThatAnotherOneAcceptedTheChatFirst() {
        String chat = desk.chat("Oi");
        var colleague = desk.colleague();
        colleague.session().get("/console/chats");
        desk.session.get("/console/chats");
        assertThat(desk.session.htmx().post("/console/chats/" + chat + "/accept").status()).isEqualTo(200);

        var late = colleague.session().htmx().post("/console/chats/" + chat + "/accept");

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("#accept-error[role=alert]")).isEqualTo("Outro atendente atendeu o chat 1 primeiro.");
        assertThat(late.document().select("#chat-" + chat)).isEmpty();
    }

    @Test
    void refusesAChatToAnOperatorOutsideItsDepartment() {
        String chat = desk.chat("Oi");
        var outsider = desk.outsider();
        outsider.session().get("/console/chats");

        var refused = outsider.session().htmx().post("/console/chats/" + chat + "/accept");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#accept-error")).isEqualTo("Este atendente não faz parte do departamento do chat.");
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/chat/detail", "chat_id", chat)).data().get("situation").get("id").asInt())
                .isEqualTo(1);
    }

    @Test
    void sendsMessagesWithAttachmentsAndShowsABlankOneAsAnErrorInPlace() {
        String chat = accepted("Oi");
        desk.session.get("/console/chats/" + chat);

        var sent = desk.session.htmx().postMultipart("/console/chats/" + chat + "/messages",
                List.of(new ApiClient.FilePart("attachment", "passo.txt", "text/plain", "clique".getBytes(StandardCharsets.UTF_8))),
                "message", "Como posso ajudar?");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.document().selectFirst("#chat-message").text()).isEmpty();

        var detail = DeskFixture.ok(desk.tenant.reader().get("/chat/detail", "chat_id", chat)).data();
        var last = detail.get("messages").get(detail.get("messages").size() - 1);
        assertThat(last.get("message").asString()).isEqualTo("Como posso ajudar?");
        assertThat(last.get("sender_type").asString()).isEqualTo("A");
        String fileId = last.get("attachments").get(0).get("id").asString();
        var file = desk.session.get("/console/chats/attachments/" + fileId);
        assertThat(file.body()).isEqualTo("clique");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("passo.txt");

        var blank = desk.session.htmx().postMultipart("/console/chats/" + chat + "/messages", List.of(), "message", "  ");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text("#send-error[role=alert]")).isEqualTo("O parâmetro \"message\" é obrigatório.");
        assertThat(blank.document().selectFirst("#chat-message").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void letsOnlyTheChatsOperatorWriteTransferOrFinish() {
        String chat = accepted("Oi");
        var colleague = desk.colleague();
        colleague.session().get("/console/chats/" + chat);

        var write = colleague.session().htmx().post("/console/chats/" + chat + "/messages", "message", "Eu");
        assertThat(write.status()).isEqualTo(409);
        assertThat(write.document().select("#chat-message")).isEmpty();
        assertThat(colleague.session().htmx().post("/console/chats/" + chat + "/finish").status()).isEqualTo(409);
        assertThat(colleague.session().htmx().post("/console/chats/" + chat + "/transfer", "operator_id", colleague.operator().id())
                .text("#action-error")).isEqualTo("Outro atendente está atendendo este chat; só ele pode agir nele.");

        String waiting = desk.chat("Na fila");
        desk.session.get("/console/chats/" + waiting);
        assertThat(desk.session.htmx().post("/console/chats/" + waiting + "/messages", "message", "Oi").status()).isEqualTo(409);
    }

    @Test
    void transfersTheChatToAColleague() {
        String chat = accepted("Oi");
        var colleague = desk.colleague();
        desk.session.get("/console/chats/" + chat);

        var same = desk.session.htmx().post("/console/chats/" + chat + "/transfer", "operator_id", desk.operator.id());
        assertThat(same.status()).isEqualTo(409);

        var moved = desk.session.htmx().post("/console/chats/" + chat + "/transfer", "operator_id", colleague.operator().id());

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("#actions [role=status]")).isEqualTo("Chat transferido.");
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/chat/detail", "chat_id", chat)).data().get("operator").get("id").asString())
                .isEqualTo(colleague.operator().id());
        assertThat(colleague.session().get("/console/chats").document().select(".panel a").eachText()).containsExactly("#1 Carla Cliente");
    }

    @Test
    void finishesTheChatOnce() {
        String chat = accepted("Oi");
        desk.session.get("/console/chats/" + chat);

        var finished = desk.session.htmx().post("/console/chats/" + chat + "/finish");

        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.text("#actions [role=status]")).isEqualTo("Chat finalizado.");
        assertThat(DeskFixture.ok(desk.tenant.reader().get("/chat/detail", "chat_id", chat)).data().get("situation").get("id").asInt())
                .isEqualTo(3);
        assertThat(desk.session.htmx().post("/console/chats/" + chat + "/finish").status()).isEqualTo(409);
        assertThat(desk.session.get("/console/chats/" + chat).document().select("#chat-message")).isEmpty();
    }

    @Test
    void streamsNewMessagesAndChangesAsTheyHappen() throws Exception {
        String chat = accepted("Oi");
        var page = desk.session.get("/console/chats/" + chat);
        String stream = page.document().selectFirst("#conversation").attr("data-stream");

        var response = desk.session.stream(stream);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            var lines = CompletableFuture.supplyAsync(() -> readUntil(reader, "event:ended"));
            DeskFixture.ok(desk.tenant.writer().post("/chat/message", "chat_id", chat, "message", "<b>Obrigada</b> & tchau",
                    "sender_type", "C"));
            DeskFixture.ok(desk.tenant.writer().post("/chat/finish", "chat_id", chat));
            var events = String.join("\n", lines.get(20, TimeUnit.SECONDS));

            assertThat(events).contains("event:message");
            assertThat(events).contains("class=\"message customer\"").contains("<b>Obrigada</b> &amp; tchau").contains("Carla Cliente");
            assertThat(events).contains("data:Finalizado");
        }
    }

    @Test
    void answersNotFoundForAnotherAccountsChats() {
        var other = new DeskFixture(tenants);
        String theirs = other.chat("Segredo");
        desk.session.get("/console/chats");

        assertThat(desk.session.get("/console/chats/" + theirs).status()).isEqualTo(404);
        assertThat(desk.session.get("/console/chats/" + UNKNOWN).status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/chats/" + theirs + "/accept").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/chats/" + theirs + "/finish").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/chats/" + theirs + "/messages", "message", "x").status()).isEqualTo(404);
        assertThat(desk.session.stream("/console/chats/" + theirs + "/stream").statusCode()).isEqualTo(404);
        assertThat(desk.session.get("/console/chats").document().select("#chat-" + theirs)).isEmpty();
        assertThat(DeskFixture.ok(other.tenant.reader().get("/chat/detail", "chat_id", theirs)).data().get("situation").get("id").asInt())
                .isEqualTo(1);
    }

    @Test
    void myChatsAreOnlyTheSignedInOperatorsAndTheirCountAndPagesComeFromTheDatabase() {
        String first = accepted("Um");
        String second = accepted("Dois");
        String third = accepted("Três");
        var colleague = desk.colleague();
        colleague.session().get("/console/chats");
        String theirs = desk.chat("Do colega");
        assertThat(colleague.session().htmx().post("/console/chats/" + theirs + "/accept").status()).isEqualTo(200);
        String alsoTheirs = desk.chat("Também do colega");
        assertThat(colleague.session().htmx().post("/console/chats/" + alsoTheirs + "/accept").status()).isEqualTo(200);
        desk.chat("Na fila");

        var page = desk.session.get("/console/chats");

        assertThat(page.document().select(".panel li a").eachAttr("href")).containsExactly(
                "/console/chats/" + first, "/console/chats/" + second, "/console/chats/" + third);
        assertThat(page.text("#mine-count")).isEqualTo("3");
        assertThat(colleague.session().htmx().get("/console/chats/queue").text("#mine-count")).isEqualTo("2");

        // Filtered by the query, not after it: a page of two holds two of mine and the total counts all three.
        var firstPage = chatDesk.mine(desk.tenant.accountId(), desk.operator.id(), new PageRequest(1, 2));
        var secondPage = chatDesk.mine(desk.tenant.accountId(), desk.operator.id(), new PageRequest(2, 2));
        assertThat(firstPage.total()).isEqualTo(3);
        assertThat(firstPage.pages()).isEqualTo(2);
        assertThat(firstPage.items()).extracting(ChatView::id).containsExactlyInAnyOrder(second, third);
        assertThat(secondPage.items()).extracting(ChatView::id).containsExactly(first);
        assertThat(chatDesk.mine(desk.tenant.accountId(), colleague.operator().id(), new PageRequest(1, 2)).items())
                .extracting(ChatView::id).containsExactlyInAnyOrder(theirs, alsoTheirs);
    }

    @Test
    void myChatsCountTheTimeSinceTheCustomersUnansweredMessage() {
        String answered = accepted("Bom dia");
        String unanswered = accepted("Meu pedido não chegou");
        DeskFixture.ok(desk.tenant.writer().post("/chat/message", "chat_id", answered, "sender_type", "A", "message", "Já vejo."));

        var page = desk.session.get("/console/chats");

        var waiting = page.document().selectFirst(".panel li:has(a[href$=" + unanswered + "]) .chat-wait");
        assertThat(waiting).isNotNull();
        assertThat(waiting.text()).matches("Aguardando resposta há \\d+:\\d\\d");
        assertThat(waiting.selectFirst("time.waiting-timer").attr("data-server-wait")).matches("\\d+");
        assertThat(page.document().select(".panel li:has(a[href$=" + answered + "]) .chat-wait")).isEmpty();

        DeskFixture.ok(desk.tenant.writer().post("/chat/message", "chat_id", answered, "sender_type", "C", "message", "Obrigada!"));
        assertThat(desk.session.htmx().get("/console/chats/queue").document()
                .select(".panel li:has(a[href$=" + answered + "]) .chat-wait time")).hasSize(1);
    }

    private String accepted(String message) {
        String chat = desk.chat(message);
        desk.session.get("/console/chats");
        assertThat(desk.session.htmx().post("/console/chats/" + chat + "/accept").status()).isEqualTo(200);
        return chat;
    }

    private static List<String> readUntil(BufferedReader reader, String last) {
        var lines = new ArrayList<String>();
        try {
            String line;
            boolean seen = false;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(last)) {
                    seen = true;
                }
                if (seen && line.isEmpty()) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }
}
