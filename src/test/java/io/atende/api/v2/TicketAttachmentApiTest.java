package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Requests and Endpoints: Tickets: attachment[0..24] on new, replies, comment and finish; download; limits. */
@ApiTest
class TicketAttachmentApiTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        fx = new TicketFixture(tenants.create());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private String newTicketWith(List<FilePart> files) {
        var created = ok(fx.tenant.writer().postMultipart("/ticket/new", files, "customer_id", "c-1", "department_id", fx.department,
                "subject", "Tela", "message", "Segue print"));
        return created.json().get("ticket_id").asString();
    }

    @Test
    void storesAttachmentsOfTheOpeningMessageAndDownloadsThemByteIdentical() {
        byte[] binary = random(300_000);
        String ticket = newTicketWith(List.of(new FilePart("attachment[0]", "print.png", "application/pdf", PNG),
                new FilePart("attachment[1]", "dump.bin", "image/png", binary)));

        var files = fx.detail(ticket).data().get("replies").get(0).get("attachments");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("name").asString()).isEqualTo("print.png");
        // Sniffed from the bytes, not taken from the declared type.
        assertThat(files.get(0).get("mimetype").asString()).isEqualTo("image/png");
        assertThat(files.get(1).get("mimetype").asString()).isEqualTo("application/octet-stream");
        assertThat(files.get(1).get("size").asLong()).isEqualTo(300_000);
        assertThat(files.get(0).get("url").asString()).endsWith("/v2.0/ticket/attachment?attachment_id=" + files.get(0).get("id").asString());

        var download = fx.tenant.reader().get("/ticket/attachment", "attachment_id", files.get(1).get("id").asString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(binary);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains("dump.bin");
        var png = fx.tenant.reader().get("/ticket/attachment", "attachment_id", files.get(0).get("id").asString());
        assertThat(png.body()).isEqualTo(PNG);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void acceptsAttachmentsOnRepliesCommentsAndFinish() {
        String ticket = fx.linkedTicket();
        var file = List.of(new FilePart("attachment[0]", "a.txt", "text/plain", "olá".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ok(fx.tenant.writer().postMultipart("/ticket/reply/operator", file, "ticket_id", ticket, "message", "R1"));
        ok(fx.tenant.writer().postMultipart("/ticket/reply/customer", file, "ticket_id", ticket, "message", "R2"));
        ok(fx.tenant.writer().postMultipart("/ticket/comment", file, "ticket_id", ticket, "comment", "C"));
        ok(fx.tenant.writer().postMultipart("/ticket/finish", file, "ticket_id", ticket, "message", "F"));

        var data = fx.detail(ticket).data();
        for (int i = 1; i <= 3; i++) {
            assertThat(data.get("replies").get(i).get("attachments")).hasSize(1);
            assertThat(data.get("replies").get(i).get("attachments").get(0).get("mimetype").asString()).isEqualTo("text/plain");
        }
        assertThat(data.get("comments").get(0).get("attachments")).hasSize(1);
    }

    @Test
    void aRefusedWriteLeavesNoAttachmentBehind() {
        String ticket = fx.openTicket();
        var file = List.of(new FilePart("attachment[0]", "a.png", "image/png", PNG));

        var refused = fx.tenant.writer().postMultipart("/ticket/reply/operator", file, "ticket_id", ticket, "message", "Oi");
        assertThat(refused.status()).isEqualTo(409);

        var data = fx.detail(ticket).data();
        assertThat(data.get("replies")).hasSize(1);
        assertThat(data.get("replies").get(0).get("attachments")).isEmpty();
    }

    @Test
    void refusesMoreThan25FilesWith413() {
        List<FilePart> files = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            files.add(new FilePart("attachment[" + i + "]", "f" + i + ".txt", "text/plain", new byte[] {'x'}));
        }
        var refused = fx.tenant.writer().postMultipart("/ticket/new", files, "customer_id", "c-1", "department_id", fx.department,
                "subject", "S", "message", "M");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(ok(fx.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
        assertThat(newTicketWith(files.subList(0, 25))).isNotNull();
    }

    @Test
    void refusesARequestOver25MegabytesWith413() {
        var big = List.of(new FilePart("attachment[0]", "big.bin", "application/octet-stream", new byte[30 * 1024 * 1024]));

        var refused = fx.tenant.writer().postMultipart("/ticket/new", big, "customer_id", "c-1", "department_id", fx.department,
                "subject", "S", "message", "M");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(ok(fx.tenant.reader().get("/ticket/list")).json().get("size").asInt()).isZero();
    }

    @Test
    void stripsBidiControlsFromFileNamesSoThatNoNameShowsAnExtensionItDoesNotHave() {
        // The right-to-left override (U+202E) would show "invoice<RLO>fdp.exe" as "invoiceexe.pdf".
        String ticket = newTicketWith(List.of(new FilePart("attachment[0]", "invoice\u202Efdp.exe", "application/pdf", PNG),
                new FilePart("attachment[1]", "\u2066rep\u200Fort\u2069\u202A\u202B\u202C\u202D\u2067\u2068\u200E.txt", "text/plain",
                        new byte[] {'x'})));

        var files = fx.detail(ticket).data().get("replies").get(0).get("attachments");
        assertThat(files.get(0).get("name").asString()).isEqualTo("invoicefdp.exe");
        assertThat(files.get(1).get("name").asString()).isEqualTo("report.txt");
        var download = fx.tenant.reader().get("/ticket/attachment", "attachment_id", files.get(0).get("id").asString());
        assertThat(download.header("Content-Disposition")).doesNotContain("\u202E").doesNotContainIgnoringCase("%E2%80%AE");

        // A name stored before the rule is shown without its controls as well.
        jdbc.sql("update attachment set name = :name where account_id = :account and id = :id").param("name", "old\u202Efdp.exe")
                .param("account", fx.tenant.accountId()).param("id", files.get(0).get("id").asString()).update();
        assertThat(fx.detail(ticket).data().get("replies").get(0).get("attachments").get(0).get("name").asString()).isEqualTo("oldfdp.exe");
    }

    @Test
    void shortensALongFileNameKeepingItsExtensionInsteadOfRefusingTheRequest() {
        String longName = "relatório-".repeat(60) + "final.pdf";

        String ticket = newTicketWith(List.of(new FilePart("attachment[0]", longName, "application/pdf", PNG)));

        String stored = fx.detail(ticket).data().get("replies").get(0).get("attachments").get(0).get("name").asString();
        assertThat(stored).startsWith("relatório-relatório").endsWith(".pdf").hasSizeLessThanOrEqualTo(250);
    }

    @Test
    void downloadsOnlyTheAccountsOwnAttachments() {
        String ticket = newTicketWith(List.of(new FilePart("attachment[0]", "a.png", "image/png", PNG)));
        String id = fx.detail(ticket).data().get("replies").get(0).get("attachments").get(0).get("id").asString();
        var other = tenants.create();

        assertThat(other.reader().get("/ticket/attachment", "attachment_id", id).status()).isEqualTo(404);
        assertThat(fx.tenant.reader().get("/ticket/attachment", "attachment_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(fx.tenant.reader().get("/ticket/attachment").status()).isEqualTo(400);
        assertThat(fx.tenant.anonymous().get("/ticket/attachment", "attachment_id", id).status()).isEqualTo(401);
    }
}
