package io.atende.mail;

import java.util.List;

import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People copied on a ticket (followers): the Cc of an incoming e-mail, or whoever operators add, receive the ticket's
 * replies in one thread of their own; {@code /ticket/follower/add|remove|list} manage them.
 */
class FollowersMailTest extends MailTest {

    @Autowired
    io.atende.ticket.TicketFollowers followers;

    @Test
    void addressesCopiedOnAnIncomingEmailFollowTheTicketAndReceiveItsRepliesThreaded() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String mailbox = "help@" + desk.domain();
        MailServers.mailbox(mailbox, "secret-" + desk.domain());
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), mailbox, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret-" + desk.domain(), null, null, true, null));
        String boss = "carla@" + desk.domain();
        String colleague = "Rui@" + desk.domain();

        // The desk's own address and the operator on Cc follow nothing; the boss and the colleague do.
        Mails.deliver(mailbox, Mails.text(desk.customerEmail(), mailbox, "VPN down", "The VPN does not connect.",
                "<vpn." + desk.domain() + "@client.test>",
                "Cc: Carla Boss <" + boss + ">, " + colleague + ", " + mailbox + ", Ana <" + desk.operatorEmail() + ">"));
        var inbound = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(inbound.outcome()).isEqualTo("ticket_created");
        String ticketId = inbound.ticketId();
        var listed = desk.tenant().reader().get("/ticket/follower/list", "ticket_id", ticketId);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().findValuesAsString("email")).containsExactlyInAnyOrder(boss, colleague.toLowerCase());

        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Restart the client, please.");
        var first = awaitTo(desk, boss, 1).get(0);
        assertThat(first.getSubject()).contains("VPN down");
        assertThat(OutboundMailTest.part(first, "text/plain")).contains("Restart the client, please.")
                .contains("You receive this e-mail because you are copied on this ticket.");
        // Answers go to the mailbox, never with the customer's signed token.
        assertThat(first.getReplyTo()[0].toString()).isEqualTo(mailbox);
        awaitTo(desk, colleague.toLowerCase(), 1);

        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Did it work?");
        var second = awaitTo(desk, boss, 2).stream().filter(m -> !m.equals(first)).findFirst().orElseThrow();
        assertThat(second.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
        assertThat(second.getHeader("References", null)).contains(first.getMessageID());
        // The customer's own thread is theirs: they got both replies too, separately.
        assertThat(awaitTo(desk, desk.customerEmail(), 2)).hasSize(2);
    }

    @Test
    void operatorsAddAndRemoveFollowersThroughTheApiWithClearRefusals() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String ticketId = desk.openTicket("Acesso", "Sem acesso ao sistema");
        var writer = desk.tenant().writer();
        String other = writer.post("/customer/new", "customer_id", "CRM-B" + System.nanoTime(), "name", "Bia Reis",
                "email", "bia@" + desk.domain(), "language", "es").id();

        var byAddress = writer.post("/ticket/follower/add", "ticket_id", ticketId, "email", " Gestor@" + desk.domain() + " ");
        assertThat(byAddress.status()).as(byAddress.toString()).isEqualTo(200);
        assertThat(byAddress.data().get("email").asString()).isEqualTo("gestor@" + desk.domain());
        var byCustomer = writer.post("/ticket/follower/add", "ticket_id", ticketId, "customer_id", other);
        assertThat(byCustomer.status()).isEqualTo(200);
        assertThat(byCustomer.data().get("customer_id").asString()).isEqualTo(other);

        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId, "email", "gestor@" + desk.domain()).status()).isEqualTo(409);
        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId, "customer_id", desk.customerId()).status()).isEqualTo(409);
        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId, "email", desk.customerEmail()).status()).isEqualTo(409);
        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId, "email", "not an address").status()).isEqualTo(400);
        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId).status()).isEqualTo(400);
        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId, "email", "x@" + desk.domain(), "customer_id", other).status())
                .isEqualTo(400);
        assertThat(writer.post("/ticket/follower/add", "ticket_id", ticketId, "customer_id", "nobody-" + System.nanoTime()).status())
                .isEqualTo(404);
        assertThat(writer.post("/ticket/follower/add", "email", "x@" + desk.domain()).status()).isEqualTo(400);
        assertThat(desk.tenant().reader().post("/ticket/follower/add", "ticket_id", ticketId, "email", "y@" + desk.domain()).status())
                .isEqualTo(403);

        // The customer who follows reads the reply in their own language, greeted by name.
        writer.post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        writer.post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Senha redefinida");
        var toBia = awaitTo(desk, "bia@" + desk.domain(), 1).get(0);
        assertThat(OutboundMailTest.part(toBia, "text/plain")).contains("Hola Bia Reis").contains("Senha redefinida");

        var removed = writer.post("/ticket/follower/remove", "ticket_id", ticketId, "email", "gestor@" + desk.domain());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(writer.post("/ticket/follower/remove", "ticket_id", ticketId, "email", "gestor@" + desk.domain()).status()).isEqualTo(404);
        assertThat(writer.post("/ticket/follower/remove", "ticket_id", ticketId, "customer_id", other).status()).isEqualTo(200);
        assertThat(desk.tenant().reader().get("/ticket/follower/list", "ticket_id", ticketId).data()).isEmpty();

        // Another account sees no such ticket.
        var stranger = MailFixture.create(tenants, "en").tenant();
        assertThat(stranger.reader().get("/ticket/follower/list", "ticket_id", ticketId).status()).isEqualTo(404);
        assertThat(stranger.writer().post("/ticket/follower/add", "ticket_id", ticketId, "email", "z@" + desk.domain()).status())
                .isEqualTo(404);
        assertThat(stranger.writer().post("/ticket/follower/remove", "ticket_id", ticketId, "email", "z@" + desk.domain()).status())
                .isEqualTo(404);
    }

    @Test
    void aFollowersAnswerToTheirCopyLandsOnTheSameTicketAsTheirMessage() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String mailbox = "help@" + desk.domain();
        MailServers.mailbox(mailbox, "secret-" + desk.domain());
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), mailbox, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret-" + desk.domain(), null, null, true, null));
        String boss = "carla@" + desk.domain();
        String ticketId = desk.openTicket("VPN down", "The VPN does not connect.");
        var writer = desk.tenant().writer();
        writer.post("/ticket/follower/add", "ticket_id", ticketId, "email", boss);
        writer.post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        writer.post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Restart the client, please.");
        var copy = awaitTo(desk, boss, 1).get(0);

        // The follower answers their copy (to the bare mailbox, in its thread): the answer is on the ticket, as theirs.
        Mails.deliver(mailbox, Mails.text("Carla Boss <" + boss + ">", mailbox, "Re: " + copy.getSubject(),
                "It works again, thanks.\n\nOn Wed, Nov 25, 2026 at 10:00 AM Desk <" + mailbox + "> wrote:\n> Restart the client, please.\n",
                "<boss1." + desk.domain() + "@client.test>", "In-Reply-To: " + copy.getMessageID(), "References: " + copy.getMessageID()));
        var answer = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(answer.outcome()).isEqualTo("follower_replied");
        assertThat(answer.ticketId()).isEqualTo(ticketId);
        var messages = tickets.detail(desk.accountId(), ticketId).messages();
        var last = messages.get(messages.size() - 1);
        assertThat(last.kind()).isEqualTo(io.atende.ticket.MessageKind.CUSTOMER);
        assertThat(last.body()).isEqualTo("It works again, thanks.");
        assertThat(followers.authors(desk.accountId(), ticketId).get(last.id()).email()).isEqualTo(boss);
        var history = tickets.history(desk.accountId(), ticketId);
        assertThat(history.get(history.size() - 1).actor()).isEqualTo(io.atende.platform.Actor.email(boss));
        assertThat(tickets.list(desk.accountId(), io.atende.ticket.TicketQuery.all(), PageRequest.of(1)).total()).isEqualTo(1);

        // The console names the follower as the message's author.
        var console = tenants.signedIn(desk.accountId(), io.atende.operator.OperatorRole.ADMIN).session();
        var page = console.get("/console/tickets/" + ticketId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#message-" + last.id() + " .author")).contains(boss);

        // Someone the copy was forwarded to, and the follower once removed, open tickets of their own.
        Mails.deliver(mailbox, Mails.text("rui@" + desk.domain(), mailbox, "Re: " + copy.getSubject(), "Forwarded to me; same here.",
                "<rui1." + desk.domain() + "@client.test>", "In-Reply-To: " + copy.getMessageID()));
        var stranger = awaitInbound(desk.accountId(), list -> list.size() == 2).get(0);
        assertThat(stranger.outcome()).isEqualTo("ticket_created");
        assertThat(stranger.ticketId()).isNotEqualTo(ticketId);
        writer.post("/ticket/follower/remove", "ticket_id", ticketId, "email", boss);
        Mails.deliver(mailbox, Mails.text(boss, mailbox, "Re: " + copy.getSubject(), "One more thing.",
                "<boss2." + desk.domain() + "@client.test>", "In-Reply-To: " + copy.getMessageID()));
        var removed = awaitInbound(desk.accountId(), list -> list.size() == 3).get(0);
        assertThat(removed.outcome()).isEqualTo("ticket_created");
        assertThat(removed.ticketId()).isNotEqualTo(ticketId);
    }

    private static List<MimeMessage> awaitTo(MailFixture desk, String address, int count) {
        return MailServers.awaitFor(desk.domain(), list -> list.stream().filter(m -> OutboundMailTest.to(m).equals(address)).count() >= count)
                .stream().filter(m -> OutboundMailTest.to(m).equals(address)).toList();
    }
}
