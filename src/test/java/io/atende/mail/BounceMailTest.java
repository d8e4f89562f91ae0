package io.atende.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hard bounce (an RFC 3464 report with a 5.x.x status, returning a message the account sent) marks the customer's
 * address undeliverable: the console and the API show it, the outbox skips mail to it, and clearing the mark or
 * changing the address lets mail through again. Soft bounces and bounces of other accounts' messages mark nothing.
 */
class BounceMailTest extends MailTest {

    @Test
    void aHardBounceMarksTheCustomerUndeliverableStopsMailToThemAndClearingResumesIt() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String mailbox = mailbox(desk);
        String ticketId = desk.openTicket("Invoice", "Where is my invoice?");
        var writer = desk.tenant().writer();
        writer.post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        writer.post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Sent it again.");
        MimeMessage sent = awaitTo(desk, desk.customerEmail(), 1).get(0);

        Mails.deliver(mailbox, Mails.parse(report(desk.domain(), mailbox, desk.customerEmail(), "5.1.1",
                "smtp; 550 5.1.1 <" + desk.customerEmail() + ">: Recipient address rejected: User unknown", sent, "b1")));
        var bounce = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(bounce.outcome()).isEqualTo("bounce_marked");
        assertThat(bounce.ticketId()).isEqualTo(ticketId);
        assertThat(bounce.detail()).contains(desk.customerEmail()).contains("5.1.1").contains("User unknown");

        var details = desk.tenant().reader().get("/customer/details", "customer_id", desk.customerId());
        var mark = details.data().get(0).get("email_undeliverable");
        assertThat(mark.get("reason").asString()).startsWith("5.1.1 550 5.1.1").contains("User unknown");
        assertThat(mark.get("date").asString()).isNotBlank();
        var listed = desk.tenant().reader().get("/customer/list");
        assertThat(listed.data().get(0).get("email_undeliverable").get("reason").asString()).contains("5.1.1");

        // The next reply is not sent to the address: the outbox says why.
        writer.post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Did you get it?");
        var skipped = awaitMessages(desk, list -> list.stream().anyMatch(m -> m.status() == MailStatus.SKIPPED)).stream()
                .filter(m -> m.status() == MailStatus.SKIPPED).findFirst().orElseThrow();
        assertThat(skipped.recipient()).isEqualTo(desk.customerEmail());
        assertThat(skipped.lastError()).startsWith("undeliverable address: 5.1.1");
        assertThat(MailServers.receivedFor(desk.domain()).stream().filter(m -> OutboundMailTest.to(m).equals(desk.customerEmail())))
                .hasSize(1);

        // The console's customer page shows the mark with its reason and date; the operator clears it.
        var console = tenants.signedIn(desk.accountId(), OperatorRole.OPERATOR).session();
        var page = console.get("/console/customers/" + desk.customerId());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#undeliverable")).contains(desk.customerEmail()).contains("5.1.1 550 5.1.1");
        var cleared = console.post("/console/customers/" + desk.customerId() + "/undeliverable/clear");
        assertThat(cleared.status()).isEqualTo(302);
        var after = console.get(cleared.redirectPath());
        assertThat(after.document().select("#undeliverable")).isEmpty();
        assertThat(after.text("[role=status]")).isNotBlank();
        assertThat(desk.tenant().reader().get("/customer/details", "customer_id", desk.customerId()).data().get(0)
                .get("email_undeliverable").isNull()).isTrue();

        // Mail resumes.
        writer.post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Sending once more.");
        awaitTo(desk, desk.customerEmail(), 2);

        // A new bounce marks it again; a changed address drops the mark, and the new address gets mail.
        Mails.deliver(mailbox, Mails.parse(report(desk.domain(), mailbox, desk.customerEmail(), "5.2.1", "smtp; 550 5.2.1 Mailbox disabled",
                sent, "b2")));
        assertThat(awaitInbound(desk.accountId(), list -> list.size() == 2).get(0).outcome()).isEqualTo("bounce_marked");
        assertThat(desk.tenant().reader().get("/customer/details", "customer_id", desk.customerId()).data().get(0)
                .get("email_undeliverable").get("reason").asString()).startsWith("5.2.1");
        String newAddress = "maria.lima@" + desk.domain();
        assertThat(writer.post("/customer/update", "customer_id", desk.customerId(), "email", newAddress).status()).isEqualTo(200);
        assertThat(desk.tenant().reader().get("/customer/details", "customer_id", desk.customerId()).data().get(0)
                .get("email_undeliverable").isNull()).isTrue();
        writer.post("/ticket/reply/operator", "ticket_id", ticketId, "message", "To your new address.");
        awaitTo(desk, newAddress, 1);
    }

    @Test
    void softBouncesAndBouncesThatReturnNoMessageOfTheAccountMarkNobody() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        var other = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(other.accountId(), true);
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String mailbox = mailbox(desk);
        // The other account writes to its customer; the desk's account happens to have a customer with that address.
        assertThat(desk.tenant().writer().post("/customer/new", "customer_id", "same-" + System.nanoTime(), "name", "Maria (desk)",
                "email", other.customerEmail()).status()).isEqualTo(200);
        String otherTicket = other.openTicket("Other", "Other account's ticket");
        other.tenant().writer().post("/ticket/operator/link", "ticket_id", otherTicket, "operator_id", other.operatorId());
        other.tenant().writer().post("/ticket/reply/operator", "ticket_id", otherTicket, "message", "Hello from B.");
        MimeMessage othersMessage = awaitTo(other, other.customerEmail(), 1).get(0);
        String ticketId = desk.openTicket("Invoice", "Where is my invoice?");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Sent it again.");
        MimeMessage desksMessage = awaitTo(desk, desk.customerEmail(), 1).get(0);

        // A bounce of the other account's message read in the desk's mailbox (a shared SMTP sender) marks nobody.
        Mails.deliver(mailbox, Mails.parse(report(desk.domain(), mailbox, other.customerEmail(), "5.1.1", "smtp; 550 5.1.1 User unknown",
                othersMessage, "c1")));
        // A temporary failure of the desk's own message (mailbox full, still trying) marks nobody either.
        Mails.deliver(mailbox, Mails.parse(report(desk.domain(), mailbox, desk.customerEmail(), "4.2.2", "smtp; 452 4.2.2 Mailbox full",
                desksMessage, "c2").replace("Action: failed", "Action: delayed")));
        // A report that names a customer's address but returns nothing Atende sent is not trusted.
        Mails.deliver(mailbox, Mails.parse(report(desk.domain(), mailbox, desk.customerEmail(), "5.1.1", "smtp; 550 5.1.1 User unknown",
                null, "c3")));
        var inbound = awaitInbound(desk.accountId(), list -> list.size() == 3);
        assertThat(inbound).extracting(InboundView::outcome).containsOnly("bounce");
        assertThat(inbound).extracting(InboundView::detail).containsExactlyInAnyOrder("returns another account's message",
                "temporary failure: " + desk.customerEmail() + " 4.2.2", "returns no message of this account");

        for (var account : List.of(desk, other)) {
            for (var customer : account.tenant().reader().get("/customer/list").data()) {
                assertThat(customer.get("email_undeliverable").isNull()).as(customer.toString()).isTrue();
            }
        }
        // The other account's own bounce, read in its own mailbox, marks its customer and only that one.
        String otherMailbox = mailbox(other);
        Mails.deliver(otherMailbox, Mails.parse(report(other.domain(), otherMailbox, other.customerEmail(), "5.1.1",
                "smtp; 550 5.1.1 User unknown", othersMessage, "c4")));
        assertThat(awaitInbound(other.accountId(), list -> list.size() == 1).get(0).outcome()).isEqualTo("bounce_marked");
        assertThat(other.tenant().reader().get("/customer/details", "customer_id", other.customerId()).data().get(0)
                .get("email_undeliverable").isNull()).isFalse();
        assertThat(desk.tenant().reader().get("/customer/details", "customer_id", other.customerEmail(), "customer_type_id", "E").data()
                .get(0).get("email_undeliverable").isNull()).isTrue();
    }

    @Test
    void eximBouncesAreReadByTheirFailedRecipientsHeaderAndTheQuotedMessageId() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String mailbox = mailbox(desk);
        String ticketId = desk.openTicket("Invoice", "Where is my invoice?");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Sent it again.");
        MimeMessage sent = awaitTo(desk, desk.customerEmail(), 1).get(0);
        Mails.deliver(mailbox, Mails.parse("""
                From: Mail Delivery System <Mailer-Daemon@mx.%1$s>
                To: %2$s
                Subject: Mail delivery failed: returning message to sender
                Message-ID: <exim.%1$s@mx>
                X-Failed-Recipients: %3$s
                Auto-Submitted: auto-replied
                Content-Type: text/plain; charset=us-ascii

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  %3$s
                    No such user here

                ------ This is a copy of the message, including all the headers. ------

                Message-ID: %4$s
                X-Atende-Account: %5$s
                To: %3$s
                Subject: whatever
                """.formatted(desk.domain(), mailbox, desk.customerEmail(), sent.getMessageID(), desk.accountId())));
        var bounce = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(bounce.outcome()).isEqualTo("bounce_marked");
        assertThat(bounce.detail()).contains(desk.customerEmail());
    }

    @Test
    void aPermanentRefusalOfTheRecipientWhenSendingIsAHardBounceATemporaryOneIsNot() throws Exception {
        var address = new InternetAddress("maria@example.test");
        var permanent = new MailSendException(Map.of(new Object(), new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(address, "RCPT TO:<maria@example.test>", 550, "550 5.1.1 <maria@example.test>: User unknown\n"))));
        var temporary = new MailSendException(Map.of(new Object(), new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(address, "RCPT TO:<maria@example.test>", 450, "450 4.2.0 Greylisted, try later\n"))));
        assertThat(MailDispatcher.permanentRefusal(permanent, 0)).isEqualTo("550 5.1.1 <maria@example.test>: User unknown");
        assertThat(MailDispatcher.permanentRefusal(temporary, 0)).isNull();
        assertThat(MailDispatcher.permanentRefusal(new MailSendException("Connection refused"), 0)).isNull();
    }

    /** A delivery status notification as Postfix writes it, returning the headers of {@code original} when given. */
    private static String report(String domain, String mailbox, String recipient, String status, String diagnostic, MimeMessage original,
                                 String id) throws Exception {
        String returned = original == null ? "" : """
                --b
                Content-Type: text/rfc822-headers

                Message-ID: %s
                X-Atende-Account: %s
                To: %s
                Subject: %s
                """.formatted(original.getMessageID(), original.getHeader("X-Atende-Account", null), recipient, original.getSubject());
        return """
                From: Mail Delivery System <MAILER-DAEMON@mx.%1$s>
                To: %2$s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%7$s.%1$s@mx>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.%1$s
                Arrival-Date: Wed, 25 Nov 2026 10:00:00 +0000

                Final-Recipient: rfc822; %3$s
                Original-Recipient: rfc822;%3$s
                Action: failed
                Status: %4$s
                Diagnostic-Code: %5$s
                %6$s--b--
                """.formatted(domain, mailbox, recipient, status, diagnostic, returned, id);
    }

    private String mailbox(MailFixture desk) {
        String address = "help@" + desk.domain();
        MailServers.mailbox(address, "secret-" + desk.domain());
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), address, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret-" + desk.domain(), null, null, true, null));
        return address;
    }

    private static List<MimeMessage> awaitTo(MailFixture desk, String address, int count) {
        return MailServers.awaitFor(desk.domain(), list -> list.stream().filter(m -> OutboundMailTest.to(m).equals(address)).count() >= count)
                .stream().filter(m -> OutboundMailTest.to(m).equals(address)).toList();
    }

    private List<MailMessageView> awaitMessages(MailFixture desk, Predicate<List<MailMessageView>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var messages = mail.messages(desk.accountId(), null, null, PageRequest.of(1)).items();
            if (condition.test(messages)) {
                return messages;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Outbox: " + messages);
            }
            MailServers.pause(50);
        }
    }
}
