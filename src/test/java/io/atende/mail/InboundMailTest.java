package io.atende.mail;

import java.util.List;

import io.atende.platform.Actor;
import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.support.TestNodes;
import io.atende.ticket.MessageKind;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;
import io.atende.ticket.TicketQuery;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

class InboundMailTest extends MailTest {

    @Autowired
    Environment environment;

    @Test
    void anEmailBecomesATicketTheOperatorsReplyReachesTheCustomerAndTheirAnswerLandsOnTheSameTicket() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String mailbox = mailbox(desk, true);
        String stranger = "joao@" + desk.domain();

        Mails.deliver(mailbox, Mails.text("João Pereira <" + stranger + ">", mailbox, "Boleto não chegou",
                "Bom dia,\nO boleto de novembro não chegou.\n\n-- \nJoão Pereira\nACME Ltda", "<first." + desk.domain() + "@client.test>"));
        var inbound = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        assertThat(inbound.outcome()).isEqualTo("ticket_created");
        var ticket = tickets.detail(desk.accountId(), inbound.ticketId());
        assertThat(ticket.ticket().subject()).isEqualTo("Boleto não chegou");
        assertThat(ticket.ticket().departmentId()).isEqualTo(desk.departmentId());
        assertThat(ticket.messages().get(0).body()).isEqualTo("Bom dia,\nO boleto de novembro não chegou.");
        MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(desk.operatorEmail())));

        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", inbound.ticketId(), "operator_id", desk.operatorId());
        desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", inbound.ticketId(), "message", "Reenviamos o boleto.");
        MimeMessage notification = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(stranger)))
                .stream().filter(m -> OutboundMailTest.to(m).equals(stranger)).findFirst().orElseThrow();
        assertThat(notification.getHeader("In-Reply-To", null)).isEqualTo("<first." + desk.domain() + "@client.test>");
        String replyTo = notification.getReplyTo()[0].toString();

        // The customer answers from a client that drops the threading headers: the signed Reply-To alone finds the ticket.
        Mails.deliver(mailbox, Mails.text(stranger, replyTo, "Re: " + notification.getSubject(),
                "Chegou, obrigado!\n\nOn Wed, Nov 25, 2026 at 10:00 AM Acme <atende@desk.test> wrote:\n> Reenviamos o boleto.\n",
                "<second." + desk.domain() + "@client.test>"));
        var second = awaitInbound(desk.accountId(), list -> list.size() == 2).get(0);
        assertThat(second.outcome()).isEqualTo("replied");
        assertThat(second.ticketId()).isEqualTo(inbound.ticketId());
        var messages = tickets.detail(desk.accountId(), inbound.ticketId()).messages();
        assertThat(messages.get(messages.size() - 1).kind()).isEqualTo(MessageKind.CUSTOMER);
        assertThat(messages.get(messages.size() - 1).body()).isEqualTo("Chegou, obrigado!");
        assertThat(customerTickets(desk, stranger)).isEqualTo(1);

        // The ticket's history names the sender for what each e-mail did, and the token for what the API did between.
        var history = tickets.history(desk.accountId(), inbound.ticketId());
        assertThat(history).extracting(TicketHistoryEntry::field).containsExactly(TicketField.OPENED, TicketField.OPERATOR,
                TicketField.SITUATION, TicketField.SITUATION, TicketField.SITUATION);
        var opened = history.get(0);
        var answered = history.get(history.size() - 1);
        for (var byMail : List.of(opened, answered)) {
            assertThat(byMail.actor()).isEqualTo(Actor.email(stranger));
            assertThat(byMail.channel()).isEqualTo(TicketChannel.EMAIL);
        }
        assertThat(answered.newValue()).isEqualTo(Situation.AWAITING_OPERATOR.name());
        assertThat(history.get(1).actor().kind()).isEqualTo(Actor.Kind.API_TOKEN);
        assertThat(history.get(1).channel()).isEqualTo(TicketChannel.API);
    }

    @Test
    void aReplyToAMergedTicketLandsOnTheTicketItWasMergedInto() {
        var desk = MailFixture.create(tenants, "en");
        String mailbox = mailbox(desk, true);
        String customer = "rita@" + desk.domain();
        Mails.deliver(mailbox, Mails.text(customer, mailbox, "Boleto", "O boleto não chegou.", "<one." + desk.domain() + "@client.test>"));
        var first = awaitInbound(desk.accountId(), list -> list.size() == 1).get(0);
        Mails.deliver(mailbox, Mails.text(customer, mailbox, "Boleto de novo", "Ainda sem boleto.", "<two." + desk.domain() + "@client.test>"));
        var second = awaitInbound(desk.accountId(), list -> list.size() == 2).get(0);
        assertThat(second.ticketId()).isNotEqualTo(first.ticketId());

        tickets.merge(desk.accountId(), second.ticketId(), first.ticketId(), false);
        Mails.deliver(mailbox, Mails.text(customer, mailbox, "Re: Boleto de novo", "Alguma novidade?", "<three." + desk.domain() + "@client.test>",
                "In-Reply-To: <two." + desk.domain() + "@client.test>", "References: <two." + desk.domain() + "@client.test>"));
        var reply = awaitInbound(desk.accountId(), list -> list.size() == 3).get(0);

        assertThat(reply.outcome()).isEqualTo("replied");
        assertThat(reply.ticketId()).isEqualTo(first.ticketId());
        var kept = tickets.detail(desk.accountId(), first.ticketId()).messages();
        assertThat(kept.get(kept.size() - 1).body()).isEqualTo("Alguma novidade?");
        assertThat(tickets.get(desk.accountId(), second.ticketId()).situation()).isEqualTo(Situation.FINISHED);
    }

    @Test
    void autoRepliesBouncesBulkMailAndOurOwnMessagesNeverBecomeTicketsNorGetAnswers() {
        var desk = MailFixture.create(tenants, "en");
        String mailbox = mailbox(desk, true);
        String from = "someone@" + desk.domain();
        Mails.deliver(mailbox, Mails.text(from, mailbox, "Out of office", "I am away", "<a1." + desk.domain() + "@x>",
                "Auto-Submitted: auto-replied"));
        Mails.deliver(mailbox, Mails.text(from, mailbox, "Newsletter", "Deals", "<a2." + desk.domain() + "@x>", "Precedence: bulk"));
        Mails.deliver(mailbox, Mails.text(from, mailbox, "Away", "Away", "<a3." + desk.domain() + "@x>", "X-Autoreply: yes"));
        Mails.deliver(mailbox, Mails.text(from, mailbox, "Away", "Away", "<a4." + desk.domain() + "@x>", "X-Autorespond: yes"));
        Mails.deliver(mailbox, Mails.text(from, mailbox, "Re: [#1] Hi", "Loop", "<a5." + desk.domain() + "@x>",
                "X-Atende-Account: " + desk.accountId()));
        Mails.deliver(mailbox, Mails.parse("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.%s>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <a6.%s@mx>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                The mail system could not deliver your message.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx
                Final-Recipient: rfc822; nobody@nowhere.test
                Action: failed
                Status: 5.1.1
                --b--
                """.formatted(desk.domain(), mailbox, desk.domain())));
        Mails.deliver(mailbox, Mails.text("Postmaster <postmaster@" + desk.domain() + ">", mailbox, "Delivery failure", "bounced",
                "<a7." + desk.domain() + "@x>"));

        var inbound = awaitInbound(desk.accountId(), list -> list.size() == 7);
        assertThat(inbound).extracting(InboundView::outcome).containsExactlyInAnyOrder("auto_submitted", "auto_submitted",
                "auto_submitted", "auto_submitted", "own_message", "bounce", "bounce");
        assertThat(inbound).allSatisfy(view -> assertThat(view.ticketId()).isNull());
        assertThat(tickets.list(desk.accountId(), TicketQuery.all(), PageRequest.of(1)).total()).isZero();
        MailServers.pause(300);
        assertThat(mail.messages(desk.accountId(), null, null, PageRequest.of(1)).total()).isZero();
    }

    @Test
    void refusedSendersGetOnePoliteAnswerThatIsMarkedAutomatic() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        String mailbox = mailbox(desk, false);
        desk.tenant().writer().post("/customer/blacklist/add", "email", "spam@" + desk.domain());
        desk.tenant().writer().post("/customer/update", "customer_id", desk.customerEmail(), "customer_type_id", "E", "create_tickets", "0");
        Mails.deliver(mailbox, Mails.text("spam@" + desk.domain(), mailbox, "Buy", "Buy now", "<r1." + desk.domain() + "@x>"));
        Mails.deliver(mailbox, Mails.text(desk.customerEmail(), mailbox, "Ajuda", "Preciso de ajuda", "<r2." + desk.domain() + "@x>"));
        Mails.deliver(mailbox, Mails.text("nova@" + desk.domain(), mailbox, "Oi", "Sou nova", "<r3." + desk.domain() + "@x>"));
        Mails.deliver(mailbox, Mails.text("nova@" + desk.domain(), mailbox, "Oi de novo", "Sou nova", "<r4." + desk.domain() + "@x>"));

        var inbound = awaitInbound(desk.accountId(), list -> list.size() == 4);
        assertThat(inbound).extracting(InboundView::outcome)
                .containsExactlyInAnyOrder("blacklisted", "not_allowed", "unknown_sender", "unknown_sender");
        var answers = MailServers.awaitFor(desk.domain(), list -> list.size() >= 3);
        MailServers.pause(300);
        assertThat(MailServers.receivedFor(desk.domain())).hasSize(3);
        MimeMessage toCustomer = answers.stream().filter(m -> OutboundMailTest.to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
        assertThat(toCustomer.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(toCustomer.getHeader("In-Reply-To", null)).isEqualTo("<r2." + desk.domain() + "@x>");
        assertThat(toCustomer.getSubject()).isEqualTo("Re: Ajuda");
        assertThat(OutboundMailTest.part(toCustomer, "text/plain")).contains("não pode abrir chamados");
        assertThat(tickets.list(desk.accountId(), TicketQuery.all(), PageRequest.of(1)).total()).isZero();
    }

    @Test
    void aSenderOverTheHourlyCapIsSetAside() {
        var desk = MailFixture.create(tenants, "en");
        String mailbox = mailbox(desk, true);
        for (int i = 0; i < 7; i++) {
            Mails.deliver(mailbox, Mails.text(desk.customerEmail(), mailbox, "Flood " + i, "Again " + i, "<f" + i + "." + desk.domain() + "@x>"));
        }
        var inbound = awaitInbound(desk.accountId(), list -> list.size() == 7);
        assertThat(inbound.stream().filter(view -> view.outcome().equals("ticket_created")).count()).isEqualTo(5);
        assertThat(inbound.stream().filter(view -> view.outcome().equals("rate_limited")).count()).isEqualTo(2);
    }

    @Test
    void twoNodesReadingOneMailboxTakeEachMessageOnce() {
        var desk = MailFixture.create(tenants, "en");
        String mailbox = mailbox(desk, true);
        try (var second = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), MailServers.properties())) {
            for (int i = 0; i < 12; i++) {
                Mails.deliver(mailbox, Mails.text("c" + i + "@" + desk.domain(), mailbox, "Order " + i, "Where is order " + i,
                        "<n" + i + "." + desk.domain() + "@x>"));
            }
            var inbound = awaitInbound(desk.accountId(), list -> list.size() == 12
                    && list.stream().noneMatch(view -> view.outcome().equals("processing")));
            assertThat(inbound).extracting(InboundView::outcome).containsOnly("ticket_created");
            MailServers.pause(500);
            assertThat(mail.received(desk.accountId(), PageRequest.of(1)).total()).isEqualTo(12);
            assertThat(tickets.list(desk.accountId(), TicketQuery.all(), PageRequest.of(1)).total()).isEqualTo(12);
        }
    }

    @Test
    void mailboxSecretsAreNeverShownAndAnotherAccountsMailboxIsUnknown() {
        var desk = MailFixture.create(tenants, "en");
        String mailbox = mailbox(desk, true);
        var view = mail.mailboxes(desk.accountId()).get(0);
        assertThat(view.address()).isEqualTo(mailbox);
        assertThat(view.hasPassword()).isTrue();
        assertThat(view.toString()).doesNotContain("secret-" + desk.domain());
        var changed = mail.updateMailbox(desk.accountId(), view.id(), new MailboxSettings(null, null, null, null, null, null, "",
                "oauth-token", null, false, null));
        assertThat(changed.hasPassword()).isFalse();
        assertThat(changed.hasAccessToken()).isTrue();
        assertThat(changed.createCustomers()).isFalse();
        var stranger = tenants.create();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mail.mailbox(stranger.accountId(), view.id()))
                .isInstanceOf(io.atende.platform.NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mail.createMailbox(desk.accountId(), new MailboxSettings(
                desk.departmentId(), mailbox, "127.0.0.1", null, null, null, "x", null, null, null, null)))
                .isInstanceOf(io.atende.platform.RuleViolationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mail.createMailbox(desk.accountId(), new MailboxSettings(
                desk.departmentId(), "other@" + desk.domain(), "127.0.0.1", null, null, null, null, null, null, null, null)))
                .isInstanceOf(io.atende.platform.InvalidInputException.class);
        assertThat(desk.tenant().admin().post("/department/delete", "department_id", desk.departmentId()).status()).isEqualTo(409);
    }

    private String mailbox(MailFixture desk, boolean createCustomers) {
        String address = "help@" + desk.domain();
        MailServers.mailbox(address, "secret-" + desk.domain());
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), address, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret-" + desk.domain(), null, null, createCustomers, null));
        return address;
    }

    private long customerTickets(MailFixture desk, String email) {
        var customer = desk.tenant().reader().get("/customer/details", "customer_id", email, "customer_type_id", "E");
        String id = customer.json().get("data").get(0).get("id").asString();
        return tickets.list(desk.accountId(), TicketQuery.all().withCustomerIds(java.util.Set.of(id)), PageRequest.of(1)).total();
    }
}
