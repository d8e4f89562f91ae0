package io.atende.mail;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.platform.SecretBox;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.ticket.MessageKind;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defects found delivering real-world mail through a real IMAP server, each as the round trip that showed it:
 * the message goes through GreenMail's IMAPS server and what Atende sends back through its SMTP server.
 */
class RealWorldMailTest extends MailTest {

    @Autowired
    CustomerManagement customers;
    @Autowired
    OperatorManagement operators;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox box;

    @Test
    void aLongMailboxNameStillGetsASignedReplyAddressWithinSixtyFourCharactersAndTheFirstFormStillThreads() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        // 44 characters: the longest name the short token leaves room for with a protocol of up to 7 digits.
        String mailbox = mailbox(desk, "atendimento-ao-cliente-financeiro-regional-s");
        String ticketId = desk.openTicket("Boleto em dobro", "Recebi dois boletos.");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        tickets.replyByOperator(desk.accountId(), ticketId, "Pode desconsiderar o segundo.", List.of(), null, null);
        MimeMessage notification = awaitSent(desk, desk.customerEmail());
        String replyTo = notification.getReplyTo()[0].toString();
        String local = replyTo.substring(0, replyTo.lastIndexOf('@'));
        assertThat(local).startsWith(mailbox.substring(0, mailbox.indexOf('@')) + "+r").hasSizeLessThanOrEqualTo(64);

        // The customer's client drops the threading headers and the subject: the token alone finds the ticket.
        Mails.deliver(mailbox, Mails.text(desk.customerEmail(), replyTo, "Sobre aquilo", "Certo, obrigada.",
                "<token-short." + desk.domain() + "@client.test>"));
        var replied = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(replied.outcome()).isEqualTo("replied");
        assertThat(replied.ticketId()).isEqualTo(ticketId);

        // An address of the first form (sent before the short one existed) still threads; a forged one does not.
        String secret = box.open(jdbc.sql("select reply_secret from mail_installation where id = 1").query(String.class).single());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.util.Base64.getDecoder().decode(secret), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((desk.accountId() + ":" + ticketId + ":" + desk.customerId())
                .getBytes(StandardCharsets.UTF_8)), 0, 6);
        String legacy = "help+t" + ticketId + signature + "@" + desk.domain();
        Mails.deliver(mailbox, Mails.text(desk.customerEmail(), legacy, "Outra coisa", "Mais uma pergunta.",
                "<token-legacy." + desk.domain() + "@client.test>"));
        var legacyReply = awaitInbound(desk.accountId(), list -> list.size() == 2).get(0);
        assertThat(legacyReply.outcome()).isEqualTo("replied");
        assertThat(legacyReply.ticketId()).isEqualTo(ticketId);
        String forged = replyTo.substring(0, replyTo.lastIndexOf('@') - 1) + (replyTo.charAt(replyTo.lastIndexOf('@') - 1) == 'a' ? 'b' : 'a')
                + replyTo.substring(replyTo.lastIndexOf('@'));
        Mails.deliver(mailbox, Mails.text(desk.customerEmail(), forged, "Forjado", "Outro assunto.",
                "<token-forged." + desk.domain() + "@client.test>"));
        var forgedReply = awaitInbound(desk.accountId(), list -> list.size() == 3).get(0);
        assertThat(forgedReply.outcome()).isEqualTo("ticket_created");
        assertThat(forgedReply.ticketId()).isNotEqualTo(ticketId);
    }

    @Test
    void aMailboxNameTooLongForAnyTokenStillGetsRepliesThroughItsBareAddress() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        String mailbox = mailbox(desk, "central-de-atendimento-ao-cliente-e-financeiro-regional-sudeste");
        String ticketId = desk.openTicket("Nota fiscal", "Falta a nota.");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        tickets.replyByOperator(desk.accountId(), ticketId, "Segue a nota.", List.of(), null, null);
        MimeMessage notification = awaitSent(desk, desk.customerEmail());
        assertThat(notification.getReplyTo()[0].toString()).isEqualTo(mailbox);
    }

    @Test
    void anOperatorAnsweringANotificationByEmailRepliesAsThemselvesAndNeverBecomesACustomer() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        String mailbox = mailbox(desk, "help");
        String colleague = "bia@" + desk.domain();
        String colleagueId = desk.tenant().admin().post("/operator/new", "name", "Bia Rocha", "email", colleague, "password",
                "s3cret-pass-2").id();
        desk.tenant().admin().post("/department/operator/add", "department_id", desk.departmentId(), "operator_id", colleagueId);
        String customer = "joao@" + desk.domain();
        Mails.deliver(mailbox, Mails.text("João Pereira <" + customer + ">", mailbox, "Sem acesso ao sistema", "Não consigo entrar.",
                "<op-first." + desk.domain() + "@client.test>"));
        String ticketId = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0).ticketId();
        MimeMessage toAna = awaitSent(desk, desk.operatorEmail());
        MimeMessage toBia = awaitSent(desk, colleague);
        String anaReplyTo = toAna.getReplyTo()[0].toString();
        assertThat(anaReplyTo).startsWith("help+o").endsWith("@" + desk.domain());
        assertThat(toBia.getReplyTo()[0].toString()).startsWith("help+o").isNotEqualTo(anaReplyTo);

        // Ana answers from her mail client: the answer is her reply to the customer, and she takes the ticket.
        Mails.deliver(mailbox, Mails.text("Ana Souza <" + desk.operatorEmail() + ">", anaReplyTo, "Re: " + toAna.getSubject(),
                "Tente redefinir a senha pelo link <https://desk.test/reset>.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Acme wrote:\n> Não consigo entrar.",
                "<op-ana." + desk.domain() + "@mail.test>", "In-Reply-To: " + toAna.getMessageID()));
        var answered = awaitInbound(desk.accountId(), list -> list.size() == 2).get(0);
        assertThat(answered.outcome()).isEqualTo("operator_replied");
        assertThat(answered.ticketId()).isEqualTo(ticketId);
        var detail = tickets.detail(desk.accountId(), ticketId);
        assertThat(detail.ticket().operatorId()).isEqualTo(desk.operatorId());
        var reply = detail.messages().get(detail.messages().size() - 1);
        assertThat(reply.kind()).isEqualTo(MessageKind.OPERATOR);
        assertThat(reply.operatorId()).isEqualTo(desk.operatorId());
        assertThat(reply.body()).isEqualTo("Tente redefinir a senha pelo link <https://desk.test/reset>.");
        MimeMessage toCustomer = awaitSent(desk, customer);
        assertThat(OutboundMailTest.part(toCustomer, "text/plain")).contains("Tente redefinir a senha");
        assertThat(toCustomer.getHeader("In-Reply-To", null)).isEqualTo("<op-first." + desk.domain() + "@client.test>");
        assertThat(customers.find(desk.accountId(), CustomerLookup.byEmail(desk.operatorEmail()))).isEmpty();

        // Bia answers her notification of Ana's ticket: an internal comment in her name, the customer hears nothing of it.
        Mails.deliver(mailbox, Mails.text(colleague, toBia.getReplyTo()[0].toString(), "Re: " + toBia.getSubject(),
                "Esse cliente tem SSO, cuidado.", "<op-bia." + desk.domain() + "@mail.test>"));
        var commented = awaitInbound(desk.accountId(), list -> list.size() == 3).get(0);
        assertThat(commented.outcome()).isEqualTo("operator_commented");
        var comment = tickets.detail(desk.accountId(), ticketId).messages().stream().filter(m -> m.kind() == MessageKind.COMMENT)
                .findFirst().orElseThrow();
        assertThat(comment.operatorId()).isEqualTo(colleagueId);
        assertThat(comment.body()).isEqualTo("Esse cliente tem SSO, cuidado.");

        // The customer answers: Ana's notification continues her thread (In-Reply-To and the whole chain in References).
        Mails.deliver(mailbox, Mails.text(customer, toCustomer.getReplyTo()[0].toString(), "Re: " + toCustomer.getSubject(),
                "Funcionou.", "<op-second." + desk.domain() + "@client.test>", "In-Reply-To: " + toCustomer.getMessageID(),
                "References: <op-first." + desk.domain() + "@client.test> " + toCustomer.getMessageID()));
        awaitInbound(desk.accountId(), list -> list.size() == 4);
        MimeMessage secondToAna = MailServers.awaitFor(desk.domain(), list -> list.stream()
                .filter(m -> OutboundMailTest.to(m).equals(desk.operatorEmail())).count() >= 2).stream()
                .filter(m -> OutboundMailTest.to(m).equals(desk.operatorEmail())).reduce((first, second) -> second).orElseThrow();
        assertThat(secondToAna.getHeader("In-Reply-To", null)).isEqualTo("<op-ana." + desk.domain() + "@mail.test>");
        assertThat(secondToAna.getHeader("References", " ")).contains(toAna.getMessageID()).contains("<op-ana." + desk.domain() + "@mail.test>");

        // Ana answering without her token (her client dropped Reply-To) is set aside: no reply in her name, no customer ticket.
        Mails.deliver(mailbox, Mails.text(desk.operatorEmail(), mailbox, "Re: " + secondToAna.getSubject(), "Ótimo!",
                "<op-unsigned." + desk.domain() + "@mail.test>", "In-Reply-To: " + secondToAna.getMessageID()));
        var unsigned = awaitInbound(desk.accountId(), list -> list.size() == 5).get(0);
        assertThat(unsigned.outcome()).isEqualTo("operator_unsigned");
        assertThat(unsigned.ticketId()).isNull();
        assertThat(tickets.detail(desk.accountId(), ticketId).messages()).noneMatch(m -> m.body().contains("Ótimo"));
    }

    @Test
    void aMessageWithABrokenMimeStructureIsRecordedAsFailedKeptAsItCameAndAnAdminIsTold() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        String admin = "chefe@" + desk.domain();
        operators.create(desk.accountId(), new CreateOperator("Chefe", admin, "s3cret-pass-3", OperatorRole.ADMIN, true));
        String mailbox = mailbox(desk, "help");
        String raw = """
                From: Paulo Reis <paulo@%s>
                To: %s
                Subject: Contrato assinado
                Message-ID: <broken-boundary.%s@legacy-mailer.test>
                Date: Thu, 26 Nov 2026 16:00:00 -0300
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="----=_Part_0_1234567.8901"

                ------=_Part_0_9999999.0000
                Content-Type: text/plain; charset=UTF-8

                Segue o contrato assinado.
                ------=_Part_0_9999999.0000--
                """.formatted(desk.domain(), mailbox, desk.domain());
        Mails.deliver(mailbox, Mails.parse(raw));

        var failed = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.messageId()).isEqualTo("<broken-boundary." + desk.domain() + "@legacy-mailer.test>");
        assertThat(failed.sender()).isEqualTo("paulo@" + desk.domain());
        assertThat(failed.subject()).isEqualTo("Contrato assinado");
        assertThat(failed.detail()).startsWith("unreadable MIME structure");
        assertThat(failed.ticketId()).isNull();
        assertThat(new String(mail.receivedRaw(desk.accountId(), failed.id()), StandardCharsets.UTF_8))
                .contains("Segue o contrato assinado.").contains("boundary=\"----=_Part_0_1234567.8901\"");
        MimeMessage told = awaitSent(desk, admin);
        assertThat(told.getSubject()).contains(mailbox);
        assertThat(OutboundMailTest.part(told, "text/plain")).contains("paulo@" + desk.domain()).contains("Contrato assinado")
                .contains("/console/admin/mail/inbound");
        // Another account knows nothing of it.
        var stranger = tenants.create();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mail.receivedRaw(stranger.accountId(), failed.id()))
                .isInstanceOf(io.atende.platform.NotFoundException.class);
    }

    @Test
    void theInboundLogShowsAdminsWhatBecameOfEachMessageAndLetsThemDownloadItAsItCame() {
        var desk = MailFixture.create(tenants, "pt-BR");
        String mailbox = mailbox(desk, "help");
        Mails.deliver(mailbox, Mails.text("Rui <rui@" + desk.domain() + ">", mailbox, "Acesso ao portal", "Não recebi o convite.",
                "<log-new." + desk.domain() + "@client.test>"));
        Mails.deliver(mailbox, Mails.text("Loja <loja@" + desk.domain() + ">", mailbox, "Ofertas da semana", "Promoções!",
                "<log-bulk." + desk.domain() + "@news.test>", "Precedence: bulk"));
        awaitInbound(desk.accountId(), list -> list.size() == 2);

        var list = desk.tenant().admin().get("/mailbox/inbound/list");
        assertThat(list.status()).isEqualTo(200);
        var items = list.data();
        assertThat(items.size()).isEqualTo(2);
        var taken = items.get(0).get("outcome").asString().equals("ticket_created") ? items.get(0) : items.get(1);
        var ignored = taken == items.get(0) ? items.get(1) : items.get(0);
        assertThat(taken.get("ticket_id").asString()).isNotBlank();
        assertThat(taken.get("protocol").asLong()).isEqualTo(tickets.get(desk.accountId(), taken.get("ticket_id").asString()).protocol());
        assertThat(taken.get("sender").asString()).isEqualTo("rui@" + desk.domain());
        assertThat(taken.get("raw_kept").asBoolean()).isTrue();
        assertThat(ignored.get("outcome").asString()).isEqualTo("auto_submitted");
        assertThat(ignored.get("ticket_id").isNull()).isTrue();

        var raw = desk.tenant().admin().get("/mailbox/inbound/raw", "id", taken.get("id").asString());
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.headers().get("content-type").get(0)).startsWith("message/rfc822");
        assertThat(raw.text()).contains("Message-ID: <log-new." + desk.domain() + "@client.test>").contains("Não recebi o convite.");

        // Admins only; an unknown or another account's message is not found; the id is required.
        assertThat(desk.tenant().writer().get("/mailbox/inbound/list").status()).isEqualTo(403);
        assertThat(desk.tenant().writer().get("/mailbox/inbound/raw", "id", taken.get("id").asString()).status()).isEqualTo(403);
        assertThat(desk.tenant().admin().get("/mailbox/inbound/raw", "id", "0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
        assertThat(desk.tenant().admin().get("/mailbox/inbound/raw").status()).isEqualTo(400);
        var stranger = tenants.create();
        assertThat(stranger.admin().get("/mailbox/inbound/raw", "id", taken.get("id").asString()).status()).isEqualTo(404);
        assertThat(stranger.admin().get("/mailbox/inbound/list").data().size()).isZero();

        // The console's page: each message with its outcome, the ticket it opened and the message to download; admins only.
        var admin = tenants.signedIn(desk.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/admin/mail/inbound");
        assertThat(page.status()).isEqualTo(200);
        var row = page.document().selectFirst("tr#inbound-" + taken.get("id").asString());
        assertThat(row).isNotNull();
        assertThat(row.text()).contains("rui@" + desk.domain()).contains("Acesso ao portal").contains("#" + taken.get("protocol").asLong());
        assertThat(row.select("a[href$=/raw]")).hasSize(1);
        assertThat(page.document().selectFirst("tr#inbound-" + ignored.get("id").asString() + " .badge.outcome-auto_submitted")).isNotNull();
        var download = admin.get("/console/admin/mail/inbound/" + taken.get("id").asString() + "/raw");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).contains("Não recebi o convite.");
        assertThat(admin.get("/console/admin/mail/inbound?page=0").status()).isEqualTo(400);
        assertThat(tenants.signedIn(stranger.accountId(), OperatorRole.ADMIN).session()
                .get("/console/admin/mail/inbound/" + taken.get("id").asString() + "/raw").status()).isEqualTo(404);
        var operator = tenants.signedIn(desk.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/mail/inbound").status()).isEqualTo(403);
        assertThat(operator.get("/console/admin/mail/inbound/" + taken.get("id").asString() + "/raw").status()).isEqualTo(403);
    }

    @Test
    void notesOnTheTicketAreInTheAccountsLanguageAndTheSenderIsToldWhichFilesWereNotKept() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        String mailbox = mailbox(desk, "help");
        StringBuilder raw = new StringBuilder("""
                From: Maria Lima <%s>
                To: %s
                Subject: Fotos do equipamento
                Message-ID: <files-dropped.%s@client.test>
                Date: Thu, 26 Nov 2026 18:00:00 -0300
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="FILES"

                """.formatted(desk.customerEmail(), mailbox, desk.domain()));
        for (int i = 1; i <= 26; i++) {
            raw.append("--FILES\nContent-Type: image/png; name=\"foto-").append(i).append(".png\"\n")
                    .append("Content-Disposition: attachment; filename=\"foto-").append(i).append(".png\"\n")
                    .append("Content-Transfer-Encoding: base64\n\n")
                    .append("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n");
        }
        raw.append("--FILES--\n");
        Mails.deliver(mailbox, Mails.parse(raw.toString()));

        var taken = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(taken.outcome()).isEqualTo("ticket_created");
        var opening = tickets.detail(desk.accountId(), taken.ticketId()).messages().get(0);
        assertThat(opening.attachments()).hasSize(25);
        // The account speaks Portuguese (its console language), whatever the customer's language.
        assertThat(opening.body()).startsWith("(mensagem sem texto)").contains("Arquivos não guardados").contains("foto-26.png")
                .doesNotContain("Files not kept");

        // The customer, who reads English, hears at once which file was not kept.
        MimeMessage told = awaitSent(desk, desk.customerEmail());
        assertThat(told.getSubject()).contains("Some of your files were not received");
        assertThat(OutboundMailTest.part(told, "text/plain")).contains("foto-26.png").contains("25 files");
        assertThat(told.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(told.getHeader("In-Reply-To", null)).isEqualTo("<files-dropped." + desk.domain() + "@client.test>");
    }

    String mailbox(MailFixture desk, String local) {
        String address = local + "@" + desk.domain();
        MailServers.mailbox(address, "secret-" + desk.domain());
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), address, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret-" + desk.domain(), null, null, true, null));
        return address;
    }

    MimeMessage awaitSent(MailFixture desk, String recipient) {
        return MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(recipient)))
                .stream().filter(m -> OutboundMailTest.to(m).equals(recipient)).reduce((first, second) -> second).orElseThrow();
    }
}
