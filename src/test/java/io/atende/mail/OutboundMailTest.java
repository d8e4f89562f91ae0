package io.atende.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atende.platform.PageRequest;
import io.atende.customeraccess.PortalInvitationIssued;
import io.atende.customeraccess.PortalPasswordResetRequested;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundMailTest extends MailTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    io.atende.operator.OperatorSignIn signIn;

    @Test
    void changesThroughTheApiSendNothingWhileTheAccountKeepsTheDefault() {
        var desk = MailFixture.create(tenants, "pt-BR");
        String ticketId = desk.openTicket("Impressora parada", "Não imprime desde ontem");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Pode reiniciar?");
        desk.tenant().writer().post("/ticket/finish", "ticket_id", ticketId, "message", "Resolvido");

        assertThat(accounts.mailsForApiChanges(desk.accountId())).isFalse();
        assertThat(mail.messages(desk.accountId(), null, null, PageRequest.of(1)).total()).isZero();
        assertThat(MailServers.receivedFor(desk.domain())).isEmpty();
    }

    @Test
    void customerHearsOfAnOperatorReplyInTheirLanguageWithTheAccountsBrandingAndASignedReplyAddress() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        accounts.update(desk.accountId(), new io.atende.account.UpdateAccount("Acme Suporte", null, null, "#ffcc00"));
        MailServers.mailbox("help@" + desk.domain(), "secret");
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), "help@" + desk.domain(), "127.0.0.1",
                MailServers.imapsPort(), MailboxSecurity.SSL, null, "secret", null, null, null, null));
        String ticketId = desk.openTicket("Impressora parada", "Não imprime desde ontem");
        long protocol = tickets.get(desk.accountId(), ticketId).protocol();
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Pode <b>reiniciar</b>?");

        var received = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> to(m).equals(desk.customerEmail())));
        MimeMessage reply = received.stream().filter(m -> to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
        assertThat(reply.getSubject()).isEqualTo("Re: [#" + protocol + "] Impressora parada");
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(reply.getReplyTo()[0].toString()).matches("help\\+r" + protocol + "-[a-z2-7]{10}@" + desk.domain().replace(".", "\\."));
        String html = part(reply, "text/html");
        String text = part(reply, "text/plain");
        assertThat(html).contains("Acme Suporte").contains("#ffcc00").contains("color:#000000").contains("Pode <b>reiniciar</b>?")
                .contains("Olá Maria Lima");
        assertThat(text).contains("Ana Souza respondeu ao seu chamado #" + protocol).contains("Pode reiniciar?");

        var queued = mail.messages(desk.accountId(), null, ticketId, PageRequest.of(1)).items();
        var sent = queued.stream().filter(m -> m.kind() == MailKind.OPERATOR_REPLIED).findFirst().orElseThrow();
        awaitStatus(desk.accountId(), sent.id(), MailStatus.SENT);
        var log = mail.message(desk.accountId(), sent.id());
        assertThat(log.attempts()).isEqualTo(1);
        assertThat(log.log()).singleElement().satisfies(attempt -> assertThat(attempt.error()).isNull());
        assertThat(log.recipient()).isEqualTo(desk.customerEmail());
    }

    @Test
    void anImagePastedIntoAReplyReachesTheCustomerAsALinkToItsDownloadNotAsABrokenImage() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String ticketId = desk.openTicket("Impressora parada", "Não imprime desde ontem");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        var png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var replied = desk.tenant().writer().postMultipart("/ticket/reply/operator",
                List.of(new io.atende.support.ApiClient.FilePart("attachment[0]", "pasted-1.png", "image/png", png)),
                "ticket_id", ticketId, "message", "<p>Veja a tela:</p><p><img src=\"cid:pasted-1.png\" alt=\"tela de configuração\"></p>");
        assertThat(replied.status()).as(replied.toString()).isEqualTo(200);
        String file = tickets.detail(desk.accountId(), ticketId).messages().get(1).attachments().get(0).id();

        var received = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> to(m).equals(desk.customerEmail())));
        MimeMessage reply = received.stream().filter(m -> to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
        String html = part(reply, "text/html");
        assertThat(html).doesNotContain("cid:").doesNotContain("<img")
                .containsPattern("<a href=\"https?://[^\"]+/portal/tickets/" + ticketId + "/attachments/" + file + "\"[^>]*>\\[tela de configuração\\]</a>");
    }

    @Test
    void operatorsOfTheDepartmentHearOfNewTicketsAndTheTicketsOperatorOfCustomerReplies() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        String otherEmail = "bruno@" + desk.domain();
        String other = desk.tenant().admin().post("/operator/new", "name", "Bruno", "email", otherEmail, "password", "s3cret-pass-2").id();
        desk.tenant().admin().post("/department/operator/add", "department_id", desk.departmentId(), "operator_id", other);
        // Operators read notifications in the language they chose for the console.
        signIn.chooseLanguage(desk.accountId(), desk.operatorId(), "en");
        signIn.chooseLanguage(desk.accountId(), other, "en");
        // Changes outside the API (console, portal, e-mail) always notify.
        var ticket = tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(desk.customerId(), desk.departmentId(), null,
                "Printer", "It does not print", null, null, List.of(), null, null, null));

        var created = MailServers.awaitFor(desk.domain(), list -> list.size() >= 2);
        assertThat(created).extracting(OutboundMailTest::to).containsExactlyInAnyOrder(desk.operatorEmail(), otherEmail);
        assertThat(created.get(0).getSubject()).isEqualTo("New ticket [#" + ticket.protocol() + "] Printer");

        tickets.linkOperator(desk.accountId(), ticket.id(), desk.operatorId());
        tickets.replyByCustomer(desk.accountId(), ticket.id(), "Still broken", List.of());
        var all = MailServers.awaitFor(desk.domain(), list -> list.size() >= 3);
        MimeMessage replied = all.stream().filter(m -> subject(m).startsWith("Customer reply")).findFirst().orElseThrow();
        assertThat(to(replied)).isEqualTo(desk.operatorEmail());
        assertThat(part(replied, "text/plain")).contains("Maria Lima <" + desk.customerEmail() + "> replied to ticket #"
                + ticket.protocol()).contains("Still broken");
        MailServers.pause(300);
        assertThat(MailServers.receivedFor(desk.domain())).hasSize(3);
    }

    @Test
    void ticketsOpenedInOneTransactionEachNotifyWhenItCommitsAndARolledBackOneNotifiesNobody() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        signIn.chooseLanguage(desk.accountId(), desk.operatorId(), "en");

        transactions.executeWithoutResult(status -> {
            open(desk, "Scanner");
            status.setRollbackOnly();
        });
        var opened = transactions.execute(status -> List.of(open(desk, "Printer"), open(desk, "Monitor")));

        var received = MailServers.awaitFor(desk.domain(), list -> list.size() >= 2);
        assertThat(received).extracting(OutboundMailTest::subject).containsExactlyInAnyOrder(
                "New ticket [#" + opened.get(0).protocol() + "] Printer", "New ticket [#" + opened.get(1).protocol() + "] Monitor");
        assertThat(received).extracting(OutboundMailTest::to).containsOnly(desk.operatorEmail());
        MailServers.pause(300);
        assertThat(MailServers.receivedFor(desk.domain())).hasSize(2);
    }

    private io.atende.ticket.TicketView open(MailFixture desk, String subject) {
        return tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(desk.customerId(), desk.departmentId(), null,
                subject, "It does not work", null, null, List.of(), null, null, null));
    }

    @Test
    void finishingTellsTheCustomerInSpanish() throws Exception {
        var desk = MailFixture.create(tenants, "es_ES");
        var ticket = tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(desk.customerId(), desk.departmentId(), null,
                "Factura", "No llegó", null, null, List.of(), desk.operatorId(), null, null));
        tickets.finish(desk.accountId(), ticket.id(), "Enviada de nuevo", List.of(), null, null);

        var received = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> to(m).equals(desk.customerEmail())));
        MimeMessage finished = received.stream().filter(m -> to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
        assertThat(finished.getSubject()).isEqualTo("[#" + ticket.protocol() + "] Factura - finalizado");
        assertThat(part(finished, "text/plain")).contains("Hola Maria Lima").contains("Ana Souza finalizó su ticket")
                .contains("Enviada de nuevo");
    }

    @Test
    void portalInvitationsAndPasswordResetsReachTheCustomerWithTheirLink() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        Instant expires = Instant.now().plus(Duration.ofDays(2));
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new PortalInvitationIssued(desk.accountId(), desk.customerId(), desk.customerEmail(), "Maria Lima", "pt-BR",
                    "https://desk.test/portal/invite/abc123", expires));
            events.publishEvent(new PortalPasswordResetRequested(desk.accountId(), desk.customerId(), "other@" + desk.domain(), "Maria",
                    "en", "https://desk.test/portal/reset/xyz789", expires));
        });
        var received = MailServers.awaitFor(desk.domain(), list -> list.size() >= 2);
        MimeMessage invitation = received.stream().filter(m -> to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
        assertThat(part(invitation, "text/html")).contains("href=\"https://desk.test/portal/invite/abc123\"").contains("Escolher minha senha");
        MimeMessage reset = received.stream().filter(m -> to(m).equals("other@" + desk.domain())).findFirst().orElseThrow();
        assertThat(reset.getSubject()).startsWith("Choose a new password for");
        assertThat(part(reset, "text/plain")).contains("https://desk.test/portal/reset/xyz789");
    }

    @Test
    void nothingIsLostWhileTheSmtpServerIsDownAndEveryAttemptIsRecorded() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        MailServers.stopSmtp();
        String messageId;
        try {
            var ticket = tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(desk.customerId(), desk.departmentId(), null,
                    "Outage", "Hello", null, null, List.of(), null, null, null));
            messageId = mail.messages(desk.accountId(), null, ticket.id(), PageRequest.of(1)).items().get(0).id();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (mail.message(desk.accountId(), messageId).attempts() < 2 && System.nanoTime() < deadline) {
                MailServers.pause(50);
            }
            var failing = mail.message(desk.accountId(), messageId);
            assertThat(failing.status()).isEqualTo(MailStatus.QUEUED);
            assertThat(failing.log()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(attempt -> assertThat(attempt.error()).isNotBlank());
            assertThat(failing.lastError()).isNotBlank();
        } finally {
            MailServers.startSmtp();
        }
        awaitStatus(desk.accountId(), messageId, MailStatus.SENT);
        assertThat(MailServers.awaitFor(desk.domain(), list -> !list.isEmpty())).singleElement()
                .satisfies(message -> assertThat(message.getSubject()).contains("Outage"));
        var sent = mail.message(desk.accountId(), messageId);
        assertThat(sent.log().get(sent.log().size() - 1).error()).isNull();
    }

    @Test
    void aSentMessageCanBeSentAgainButNotWhileQueuedNorFromAnotherAccount() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        var ticket = tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(desk.customerId(), desk.departmentId(), null,
                "Again", "Hello", null, null, List.of(), desk.operatorId(), null, null));
        String messageId = mail.messages(desk.accountId(), null, ticket.id(), PageRequest.of(1)).items().get(0).id();
        awaitStatus(desk.accountId(), messageId, MailStatus.SENT);

        var again = mail.sendAgain(desk.accountId(), messageId);
        assertThat(again.status()).isEqualTo(MailStatus.QUEUED);
        assertThatThrownBy(() -> mail.sendAgain(desk.accountId(), messageId)).isInstanceOf(io.atende.platform.RuleViolationException.class);
        awaitStatus(desk.accountId(), messageId, MailStatus.SENT);
        assertThat(MailServers.awaitFor(desk.domain(), list -> list.size() >= 2)).hasSize(2);
        assertThat(mail.message(desk.accountId(), messageId).log()).hasSize(2);

        var stranger = tenants.create();
        assertThatThrownBy(() -> mail.sendAgain(stranger.accountId(), messageId)).isInstanceOf(io.atende.platform.NotFoundException.class);
        assertThat(mail.messages(stranger.accountId(), null, null, PageRequest.of(1)).total()).isZero();
    }

    private void awaitStatus(String accountId, String messageId, MailStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (mail.message(accountId, messageId).status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + messageId + " is " + mail.message(accountId, messageId));
            }
            MailServers.pause(50);
        }
    }

    static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException failure) {
            throw new AssertionError(failure);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException failure) {
            throw new AssertionError(failure);
        }
    }

    static String part(MimeMessage message, String type) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return message.isMimeType(type) ? text : "";
        }
        return find((MimeMultipart) content, type);
    }

    private static String find(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var body = multipart.getBodyPart(i);
            if (body.isMimeType(type)) {
                return (String) body.getContent();
            }
            if (body.getContent() instanceof MimeMultipart nested) {
                String found = find(nested, type);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }
}
