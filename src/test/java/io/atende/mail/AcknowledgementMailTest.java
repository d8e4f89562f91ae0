package io.atende.mail;

import java.util.List;

import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.TicketChannel;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A customer whose e-mail or portal message opens a ticket hears at once that it was received, when the account turned it on. */
class AcknowledgementMailTest extends MailTest {

    @Autowired
    MailAcknowledgements acknowledgements;

    @Test
    void anEmailThatOpensATicketIsAcknowledgedInTheAccountsWordsInItsThread() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        acknowledgements.save(desk.accountId(), new AcknowledgementSettings(true, "Recebemos: {{ticket.subject}} [#{{ticket.protocol}}]",
                "Olá {{customer.name}},\n\nSeu pedido chegou ao {{department.name}} da {{account.name}}."));
        String mailbox = "help@" + desk.domain();
        MailServers.mailbox(mailbox, "secret-" + desk.domain());
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), mailbox, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret-" + desk.domain(), null, null, true, null));
        String messageId = "<ack." + desk.domain() + "@client.test>";

        Mails.deliver(mailbox, Mails.text(desk.customerEmail(), mailbox, "Nota fiscal", "Preciso da nota fiscal.", messageId));

        MimeMessage ack = awaitTo(desk, desk.customerEmail());
        String ticketId = mail.messages(desk.accountId(), null, null, PageRequest.of(1)).items().stream()
                .filter(m -> m.kind() == MailKind.ACKNOWLEDGEMENT).findFirst().orElseThrow().ticketId();
        long protocol = tickets.get(desk.accountId(), ticketId).protocol();
        assertThat(ack.getSubject()).isEqualTo("Recebemos: Nota fiscal [#" + protocol + "]");
        String text = OutboundMailTest.part(ack, "text/plain");
        assertThat(text).contains("Olá Maria Lima,").contains("Seu pedido chegou ao Suporte da ")
                .contains("Para acrescentar algo, responda a este e-mail");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(messageId);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getReplyTo()[0].toString()).startsWith("help+r" + protocol + "-");
    }

    @Test
    void aPortalTicketIsAcknowledgedInTheCustomersLanguageByDefaultAndApiTicketsOrADisabledSettingSendNone() throws Exception {
        var desk = MailFixture.create(tenants, "es");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        assertThat(acknowledgements.settings(desk.accountId()).enabled()).isFalse();
        var before = tickets.open(desk.accountId(), open(desk, "Antes"), TicketChannel.PORTAL).ticket();

        acknowledgements.save(desk.accountId(), new AcknowledgementSettings(true, " ", null));
        String apiTicket = desk.openTicket("Por la API", "Sin acuse");
        var portal = tickets.open(desk.accountId(), open(desk, "Factura"), TicketChannel.PORTAL).ticket();

        MimeMessage ack = awaitTo(desk, desk.customerEmail());
        assertThat(ack.getSubject()).isEqualTo("[#" + portal.protocol() + "] Recibimos su solicitud: Factura");
        assertThat(OutboundMailTest.part(ack, "text/plain")).contains("Hola Maria Lima")
                .contains("abrimos el ticket #" + portal.protocol() + " (Factura) con Suporte");
        MailServers.pause(500);
        var kinds = mail.messages(desk.accountId(), null, null, PageRequest.of(1)).items().stream()
                .filter(m -> m.kind() == MailKind.ACKNOWLEDGEMENT).map(MailMessageView::ticketId).toList();
        assertThat(kinds).containsExactly(portal.id()).doesNotContain(apiTicket, before.id());
    }

    @Test
    void anUnknownPlaceholderOrATooLongTextIsRefusedAndChangesNothing() {
        var desk = MailFixture.create(tenants, "en");
        acknowledgements.save(desk.accountId(), new AcknowledgementSettings(true, "Got it", "Thanks {{customer.name}}"));
        assertThatThrownBy(() -> acknowledgements.save(desk.accountId(), new AcknowledgementSettings(false, "Got {{ticket.number}}", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("{{ticket.number}}");
        assertThatThrownBy(() -> acknowledgements.save(desk.accountId(), new AcknowledgementSettings(false, null, "x".repeat(4001))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(acknowledgements.settings(desk.accountId())).isEqualTo(new AcknowledgementSettings(true, "Got it", "Thanks {{customer.name}}"));
    }

    private static OpenTicket open(MailFixture desk, String subject) {
        return new OpenTicket(desk.customerId(), desk.departmentId(), null, subject, "Necesito la factura", null, null, List.of(),
                null, null, null);
    }

    private static MimeMessage awaitTo(MailFixture desk, String address) {
        return MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(address)))
                .stream().filter(m -> OutboundMailTest.to(m).equals(address)).findFirst().orElseThrow();
    }
}
