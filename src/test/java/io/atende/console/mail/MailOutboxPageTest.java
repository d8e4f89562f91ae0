package io.atende.console.mail;

import java.time.Duration;
import java.util.List;

import io.atende.mail.MailManagement;
import io.atende.mail.MailStatus;
import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.TicketManagement;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class MailOutboxPageTest extends MailTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    MailManagement mail;
    @Autowired
    TicketManagement tickets;

    @Test
    void adminsSeeEveryMessageWithItsAttemptsAndSendOneAgain() {
        var desk = desk();
        var admin = tenants.signedIn(desk.accountId(), OperatorRole.ADMIN).session();

        var page = admin.get("/console/admin/mail");
        assertThat(page.status()).isEqualTo(200);
        var row = page.document().selectFirst("tr#message-" + desk.messageId());
        assertThat(row).isNotNull();
        assertThat(row.text()).contains(desk.recipient()).contains("Printer");
        assertThat(row.select(".badge.status-sent")).hasSize(1);
        assertThat(row.select("details ol li")).hasSize(1);
        assertThat(admin.get("/console/admin/mail?status=failed").document().select("tr#message-" + desk.messageId())).isEmpty();
        assertThat(admin.get("/console/admin/mail?status=sent").document().select("tr#message-" + desk.messageId())).hasSize(1);

        var sent = admin.post("/console/admin/mail/" + desk.messageId() + "/send-again");
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.redirectPath()).isEqualTo("/console/admin/mail");
        awaitAttempts(desk.accountId(), desk.messageId(), 2);
        assertThat(admin.get("/console/admin/mail").document().select("tr#message-" + desk.messageId() + " details ol li")).hasSize(2);
    }

    @Test
    void refusesUnknownFiltersOtherAccountsMessagesAndOperatorsWhoAreNotAdmins() {
        var desk = desk();
        var stranger = tenants.create();
        var strangerAdmin = tenants.signedIn(stranger.accountId(), OperatorRole.ADMIN).session();
        assertThat(strangerAdmin.get("/console/admin/mail").document().select("tr#message-" + desk.messageId())).isEmpty();
        assertThat(strangerAdmin.post("/console/admin/mail/" + desk.messageId() + "/send-again").status()).isEqualTo(404);
        assertThat(strangerAdmin.get("/console/admin/mail?status=lost").status()).isEqualTo(400);
        assertThat(strangerAdmin.get("/console/admin/mail?page=0").status()).isEqualTo(400);

        var operator = tenants.signedIn(desk.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/mail").status()).isEqualTo(403);
        assertThat(operator.post("/console/admin/mail/" + desk.messageId() + "/send-again").status()).isEqualTo(403);
        assertThat(mail.message(desk.accountId(), desk.messageId()).log()).hasSize(1);

        var admin = tenants.signedIn(desk.accountId(), OperatorRole.ADMIN).session();
        awaitAttempts(desk.accountId(), desk.messageId(), 1);
        admin.post("/console/admin/mail/" + desk.messageId() + "/send-again");
        // While it waits in the queue it cannot be queued twice.
        var twice = admin.post("/console/admin/mail/" + desk.messageId() + "/send-again");
        assertThat(twice.status()).isIn(302, 409);
        awaitAttempts(desk.accountId(), desk.messageId(), 2);
        MailServers.pause(300);
        assertThat(mail.message(desk.accountId(), desk.messageId()).log().size()).isBetween(2, 3);
    }

    record Desk(String accountId, String messageId, String recipient) {
    }

    private Desk desk() {
        var tenant = tenants.create();
        String domain = "c" + System.nanoTime() + ".test";
        String departmentId = tenant.admin().post("/department/new", "name", "Suporte").id();
        String operatorId = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@" + domain, "password", "s3cret-pass-1").id();
        tenant.admin().post("/department/operator/add", "department_id", departmentId, "operator_id", operatorId);
        String customerId = tenant.writer().post("/customer/new", "customer_id", "C1", "name", "Maria", "email", "maria@" + domain).id();
        var ticket = tickets.open(tenant.accountId(), new OpenTicket(customerId, departmentId, null, "Printer", "It stopped", null, null,
                List.of(), null, null, null));
        String messageId = mail.messages(tenant.accountId(), null, ticket.id(), PageRequest.of(1)).items().get(0).id();
        awaitAttempts(tenant.accountId(), messageId, 1);
        assertThat(mail.message(tenant.accountId(), messageId).status()).isEqualTo(MailStatus.SENT);
        return new Desk(tenant.accountId(), messageId, "ana@" + domain);
    }

    private void awaitAttempts(String accountId, String messageId, int attempts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var message = mail.message(accountId, messageId);
            if (message.log().size() >= attempts && message.status() != MailStatus.QUEUED) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + message);
            }
            MailServers.pause(50);
        }
    }
}
