package io.atende.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atende.platform.PageRequest;
import io.atende.platform.SecretBox;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;
import io.atende.ticket.TicketManagement;

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
    TestTenants tenants;
    @Autowired
    MailManagement mail;
    @Autowired
    TicketManagement tickets;
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

    List<InboundView> awaitInbound(String accountId, Predicate<List<InboundView>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var received = mail.received(accountId, PageRequest.of(1)).items();
            if (condition.test(received) && received.stream().noneMatch(view -> view.outcome().equals("processing"))) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Messages read: " + received);
            }
            MailServers.pause(50);
        }
    }
}
