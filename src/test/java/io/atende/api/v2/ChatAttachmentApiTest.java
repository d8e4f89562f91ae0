package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.atende.chat.ChatManagement;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketAttachmentApiTest.PNG;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Requests and Live chat: attachment[i] on /chat/message, attachments[] in /chat/detail, and their download. */
@ApiTest
class ChatAttachmentApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    String department;
    String operator;
    String chat;

    @BeforeEach
    void newAccountWithAnAcceptedChat() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla");
        chat = tenant.writer().post("/chat/new", "customer_id", "C-1", "department_id", department, "message", "oi").id();
        assertThat(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", operator).status()).isEqualTo(200);
    }

    @Test
    void storesTheFilesOfAMessageAndDownloadsThemByteIdenticalWithTheirSniffedType() {
        byte[] binary = random(300_000);
        var sent = send("C", "Segue o print", List.of(new FilePart("attachment[0]", "print.png", "application/pdf", PNG),
                new FilePart("attachment[1]", "dump.bin", "image/png", binary)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.data().get("attachments")).hasSize(2);

        var files = lastMessage().get("attachments");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("name").asString()).isEqualTo("print.png");
        // Sniffed from the bytes, not taken from the declared type.
        assertThat(files.get(0).get("mimetype").asString()).isEqualTo("image/png");
        assertThat(files.get(0).get("size").asLong()).isEqualTo(PNG.length);
        assertThat(files.get(1).get("mimetype").asString()).isEqualTo("application/octet-stream");
        assertThat(files.get(1).get("size").asLong()).isEqualTo(300_000);

        var download = tenant.reader().get("/chat/attachment", "attachment_id", files.get(1).get("id").asString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(binary);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains("dump.bin");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        var png = tenant.reader().get("/chat/attachment", "attachment_id", files.get(0).get("id").asString());
        assertThat(png.body()).isEqualTo(PNG);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void showsEachAttachmentInDetailAsTicketsDo() {
        send("A", "Aqui está", List.of(new FilePart("attachment[0]", "nota.txt", "text/plain", "olá".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))));

        var messages = detail().get("messages");
        var file = messages.get(messages.size() - 1).get("attachments").get(0);
        List<String> members = new ArrayList<>();
        file.propertyNames().forEach(members::add);
        assertThat(members).containsExactly("id", "name", "size", "mimetype", "url");
        assertThat(file.get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(file.get("name").asString()).isEqualTo("nota.txt");
        assertThat(file.get("size").isNumber()).isTrue();
        assertThat(file.get("size").asLong()).isEqualTo(4);
        assertThat(file.get("mimetype").asString()).isEqualTo("text/plain");
        assertThat(file.get("url").asString()).startsWith("http")
                .endsWith("/v2.0/chat/attachment?attachment_id=" + file.get("id").asString());
        // Messages without files, system ones included, still carry the array.
        for (int i = 0; i < messages.size() - 1; i++) {
            assertThat(messages.get(i).get("attachments").isArray()).isTrue();
            assertThat(messages.get(i).get("attachments")).isEmpty();
        }
    }

    @Test
    void refusesMoreThan25FilesWith413AndAddsNoMessage() {
        int before = detail().get("messages").size();
        List<FilePart> files = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            files.add(new FilePart("attachment[" + i + "]", "f" + i + ".txt", "text/plain", new byte[] {'x'}));
        }

        assertThat(send("C", "muitos", files).status()).isEqualTo(413);
        assertThat(detail().get("messages")).hasSize(before);
        assertThat(storedAttachments()).isZero();

        var accepted = send("C", "25 cabem", files.subList(0, 25));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(lastMessage().get("attachments")).hasSize(25);
    }

    @Test
    void aMessageRefusedWith409StoresNoAttachment() {
        assertThat(tenant.writer().post("/chat/finish", "chat_id", chat).status()).isEqualTo(200);
        int before = detail().get("messages").size();

        var refused = send("C", "ainda aí?", List.of(new FilePart("attachment[0]", "a.png", "image/png", PNG)));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(detail().get("messages")).hasSize(before);
        assertThat(storedAttachments()).isZero();
    }

    @Test
    void downloadsOnlyTheAccountsOwnChatAttachments() {
        send("C", "print", List.of(new FilePart("attachment[0]", "a.png", "image/png", PNG)));
        String id = lastMessage().get("attachments").get(0).get("id").asString();
        var other = tenants.create();

        assertThat(other.reader().get("/chat/attachment", "attachment_id", id).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/chat/attachment", "attachment_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/chat/attachment").status()).isEqualTo(400);
        assertThat(tenant.anonymous().get("/chat/attachment", "attachment_id", id).status()).isEqualTo(401);
        assertThat(tenant.reader().get("/chat/attachment", "attachment_id", id).status()).isEqualTo(200);
    }

    @Test
    void servesChatAndTicketAttachmentsEachOnlyThroughItsOwnEndpoint() {
        send("C", "print", List.of(new FilePart("attachment[0]", "a.png", "image/png", PNG)));
        String chatFile = lastMessage().get("attachments").get(0).get("id").asString();
        String ticket = tenant.writer().postMultipart("/ticket/new", List.of(new FilePart("attachment[0]", "b.png", "image/png", PNG)),
                "customer_id", "C-1", "department_id", department, "subject", "Tela", "message", "print").json().get("ticket_id").asString();
        String ticketFile = tenant.reader().get("/ticket/detail", "ticket_id", ticket).data().get("replies").get(0)
                .get("attachments").get(0).get("id").asString();

        assertThat(tenant.reader().get("/chat/attachment", "attachment_id", ticketFile).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/ticket/attachment", "attachment_id", chatFile).status()).isEqualTo(404);
    }

    private ApiResponse send(String senderType, String text, List<FilePart> files) {
        return tenant.writer().postMultipart("/chat/message", files, "chat_id", chat, "sender_type", senderType, "message", text);
    }

    private JsonNode detail() {
        var response = tenant.reader().get("/chat/detail", "chat_id", chat);
        assertThat(response.status()).isEqualTo(200);
        return response.data();
    }

    private JsonNode lastMessage() {
        var messages = detail().get("messages");
        return messages.get(messages.size() - 1);
    }

    // What the API cannot show: that a refused request left no file behind, not even an unlinked one.
    private long storedAttachments() {
        return jdbc.sql("select count(*) from attachment where account_id = :account and owner_type = :owner")
                .param("account", tenant.accountId()).param("owner", ChatManagement.ATTACHMENT_OWNER).query(Long.class).single();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
