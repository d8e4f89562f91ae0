package io.atende.console.chats;

import io.atende.chat.ChatManagement;
import io.atende.console.tickets.DeskFixture;
import io.atende.operator.Availability;
import io.atende.operator.OperatorManagement;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat desk's working tools: the queue's previews and waiting times, canned replies, chat to ticket, the history. */
@io.atende.support.ApiTest
class ChatDeskWorkTest {

    private static final String UNKNOWN = "0".repeat(32);

    @Autowired
    TestTenants tenants;
    @Autowired
    ChatManagement chats;
    @Autowired
    OperatorManagement operators;

    DeskFixture desk;

    @BeforeEach
    void anAccountWithADepartmentAnOperatorAndACustomer() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void theQueueShowsHowLongEachChatWaitsAndItsLastMessage() {
        String chat = desk.chat("Olá");
        DeskFixture.ok(desk.tenant.writer().post("/chat/message", "chat_id", chat, "message", "<p>Meu pedido <b>123</b> não chegou</p>",
                "sender_type", "C"));

        var page = desk.session.get("/console/chats");

        var timer = page.document().selectFirst("#chat-" + chat + " time.waiting-timer");
        assertThat(timer.attr("data-server-wait")).matches("\\d+");
        assertThat(timer.text()).matches("\\d+:\\d\\d");
        assertThat(page.text("#chat-" + chat + " .chat-preview")).isEqualTo("Meu pedido 123 não chegou");

        assertThat(desk.session.htmx().post("/console/chats/" + chat + "/accept").status()).isEqualTo(200);
        assertThat(desk.session.get("/console/chats").text("#mine-heading ~ ul .chat-preview")).isEqualTo("Meu pedido 123 não chegou");
    }

    @Test
    void theDeskTellsAnOperatorWhoIsNotOnlineAndPutsThemOnlineInOneStep() {
        desk.session.get("/console/chats");
        desk.session.post("/console/availability", "availability", "AWAY");

        var away = desk.session.get("/console/chats");
        assertThat(away.document().select("#desk-availability [role=status]")).hasSize(1);

        var back = desk.session.post("/console/availability", "availability", "ONLINE");
        assertThat(back.status()).isEqualTo(302);
        assertThat(desk.session.get("/console/chats").document().select("#desk-availability")).isEmpty();
        assertThat(operators.availability(desk.tenant.accountId(), desk.operator.id())).isEqualTo(Availability.ONLINE);
    }

    @Test
    void aCannedReplyIsTheMacrosReplyWithThePlaceholdersFilledForTheChat() {
        String chat = accepted("Oi");
        String macro = DeskFixture.ok(desk.tenant.admin().post("/macro/new", "name", "Saudação",
                "reply", "Olá {{customer.name}}, aqui é {{operator.name}} do {{department.name}}.")).id();
        String actionsOnly = DeskFixture.ok(desk.tenant.admin().post("/macro/new", "name", "Só marcar",
                "actions", "[{\"type\":\"add_tag\",\"value\":\"x\"}]")).id();
        var colleague = desk.colleague();
        String private_ = DeskFixture.ok(desk.tenant.admin().post("/macro/new", "name", "Do colega", "reply", "Meu",
                "shared", "0", "operator_id", colleague.operator().id())).id();

        var page = desk.session.get("/console/chats/" + chat);
        assertThat(page.document().select("#canned-choice option").eachAttr("value")).containsExactly(macro);
        assertThat(page.document().selectFirst("#canned").attr("data-canned")).isEqualTo("/console/chats/" + chat + "/canned/");

        var filled = desk.session.get("/console/chats/" + chat + "/canned/" + macro);
        assertThat(filled.status()).isEqualTo(200);
        assertThat(filled.body()).isEqualTo("Olá Carla Cliente, aqui é " + desk.operator.name() + " do Suporte.");
        // Without script the picker loads the page with the reply in the box.
        assertThat(desk.session.get("/console/chats/" + chat + "?macro=" + macro).document().selectFirst("#chat-message").text())
                .isEqualTo("Olá Carla Cliente, aqui é " + desk.operator.name() + " do Suporte.");

        assertThat(desk.session.get("/console/chats/" + chat + "/canned/" + private_).status()).isEqualTo(409);
        assertThat(desk.session.get("/console/chats/" + chat + "/canned/" + UNKNOWN).status()).isEqualTo(404);
        assertThat(desk.session.get("/console/chats/" + chat + "/canned/" + actionsOnly).body()).isEmpty();
        var other = new DeskFixture(tenants);
        assertThat(other.session.get("/console/chats/" + chat + "/canned/" + macro).status()).isEqualTo(404);
    }

    @Test
    void turnsTheChatIntoATicketOfItsCustomerWithTheTranscriptLinkedBothWays() {
        String chat = accepted("Meu pedido não chegou");
        desk.session.get("/console/chats/" + chat);
        desk.session.htmx().post("/console/chats/" + chat + "/messages", "message", "Vou abrir um ticket para a transportadora.");

        var made = desk.session.htmx().post("/console/chats/" + chat + "/ticket", "subject", "Pedido extraviado");

        assertThat(made.status()).isEqualTo(200);
        String target = made.headers().firstValue("HX-Redirect").orElseThrow();
        assertThat(target).startsWith("/console/tickets/");
        String ticket = target.substring("/console/tickets/".length());
        var detail = desk.detail(ticket).data();
        assertThat(detail.get("subject").asString()).isEqualTo("Pedido extraviado");
        assertThat(detail.get("customer").get("id").asString()).isEqualTo(desk.customer);
        assertThat(detail.get("department").get("id").asString()).isEqualTo(desk.department);
        assertThat(detail.get("operator").get("id").asString()).isEqualTo(desk.operator.id());
        assertThat(detail.get("message").asString()).contains("Meu pedido não chegou", "Carla Cliente",
                desk.operator.name() + ": Vou abrir um ticket para a transportadora.");
        assertThat(chats.chatOfTicket(desk.tenant.accountId(), ticket).orElseThrow().id()).isEqualTo(chat);
        assertThat(desk.session.get("/console/tickets/" + ticket).document().selectFirst("#from-chat a").attr("href"))
                .isEqualTo("/console/chats/" + chat);
        assertThat(desk.session.get("/console/chats/" + chat).document().selectFirst("#chat-ticket-link").attr("href"))
                .isEqualTo("/console/tickets/" + ticket);

        var again = desk.session.htmx().post("/console/chats/" + chat + "/ticket");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.document().select("#ticket-error[role=alert]")).hasSize(1);
        assertThat(desk.tenant.reader().get("/ticket/list").data()).hasSize(1);
    }

    @Test
    void whileTheChatIsOpenOnlyItsOperatorTurnsItIntoATicketAndOnceEndedAnyOperatorMay() {
        String chat = accepted("Oi");
        var colleague = desk.colleague();
        colleague.session().get("/console/chats/" + chat);

        var refused = colleague.session().htmx().post("/console/chats/" + chat + "/ticket");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(desk.tenant.reader().get("/ticket/list").data()).isEmpty();

        DeskFixture.ok(desk.tenant.writer().post("/chat/finish", "chat_id", chat));
        colleague.session().get("/console/chats/" + chat);
        var made = colleague.session().post("/console/chats/" + chat + "/ticket");
        assertThat(made.status()).isEqualTo(302);
        assertThat(made.redirectPath()).startsWith("/console/tickets/");
        var ticket = desk.tenant.reader().get("/ticket/list").data().get(0);
        assertThat(ticket.get("subject").asString()).isEqualTo("Chat 1");
    }

    @Test
    void anotherAccountsChatIsNotFoundAndStaysWithoutTicket() {
        var other = new DeskFixture(tenants);
        String theirs = other.chat("Segredo");
        DeskFixture.ok(other.tenant.writer().post("/chat/finish", "chat_id", theirs));
        desk.session.get("/console/chats");

        assertThat(desk.session.htmx().post("/console/chats/" + theirs + "/ticket").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/chats/" + UNKNOWN + "/ticket").status()).isEqualTo(404);
        assertThat(other.tenant.reader().get("/ticket/list").data()).isEmpty();
        assertThat(desk.tenant.reader().get("/ticket/list").data()).isEmpty();
    }

    @Test
    void theHistoryFindsEndedChatsByWordsOfTheConversationAndByCustomer() {
        String delivery = accepted("Minha ENCOMENDA atrasou");
        DeskFixture.ok(desk.tenant.writer().post("/chat/message", "chat_id", delivery, "message", "Já está a caminho", "sender_type", "A"));
        DeskFixture.ok(desk.tenant.writer().post("/chat/finish", "chat_id", delivery));
        DeskFixture.ok(desk.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Bruno Souza", "email", "bruno@example.com"));
        String invoice = DeskFixture.ok(desk.tenant.writer().post("/chat/new", "customer_id", "c-2", "department_id", desk.department,
                "message", "Preciso da nota fiscal da encomenda")).id();
        DeskFixture.ok(desk.tenant.writer().post("/chat/finish", "chat_id", invoice));
        String open = desk.chat("Encomenda nova");
        var other = new DeskFixture(tenants);
        String theirs = other.chat("Encomenda de outra conta");
        DeskFixture.ok(other.tenant.writer().post("/chat/finish", "chat_id", theirs));

        var all = desk.session.get("/console/chats/history");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.document().select("#history tbody tr").eachAttr("id")).containsExactly("history-" + invoice, "history-" + delivery);

        // Prefixes of words, without regard to case or accents; every word must match.
        assertThat(rows("/console/chats/history?q=encom")).containsExactly("history-" + invoice, "history-" + delivery);
        assertThat(rows("/console/chats/history?q=ja+caminho")).containsExactly("history-" + delivery);
        assertThat(rows("/console/chats/history?q=fiscal+atrasou")).isEmpty();
        assertThat(rows("/console/chats/history?customer=bruno")).containsExactly("history-" + invoice);
        assertThat(rows("/console/chats/history?customer=carla&q=encomenda")).containsExactly("history-" + delivery);
        assertThat(rows("/console/chats/history?customer=ninguem")).isEmpty();
        assertThat(rows("/console/chats/history?q=encomenda")).doesNotContain("history-" + open, "history-" + theirs);
        assertThat(desk.session.get("/console/chats/history?q=encomenda").text("#history-" + delivery + " .chat-preview"))
                .isEqualTo("Já está a caminho");
        assertThat(desk.session.get("/console/chats/history?page=abc").status()).isEqualTo(200);
    }

    private java.util.List<String> rows(String path) {
        var page = desk.session.get(path);
        assertThat(page.status()).isEqualTo(200);
        return page.document().select("#history tbody tr").eachAttr("id");
    }

    private String accepted(String message) {
        String chat = desk.chat(message);
        desk.session.get("/console/chats");
        assertThat(desk.session.htmx().post("/console/chats/" + chat + "/accept").status()).isEqualTo(200);
        return chat;
    }
}
