package io.atende.mail;

import io.atende.support.MailServers;
import io.atende.support.MailTest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/automations.md, the email action: a trigger e-mails one operator, a department's operators or an address
 * about the ticket, with its placeholders filled, even for a ticket opened through the API (which sends no other mail).
 */
class TriggerEmailTest extends MailTest {

    @Test
    void emailsAnOperatorADepartmentAndAnAddress() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        String email = "{\"type\": \"email\", \"value\": {%s, \"subject\": \"New: {{ticket.subject}}\", "
                + "\"text\": \"Ticket #{{ticket.protocol}} from {{customer.name}}\"}}";
        var created = desk.tenant().writer().post("/trigger/new", "name", "Tell everyone", "events", "ticket.created",
                "actions", "[" + String.join(",",
                        email.formatted("\"operator_id\": \"" + desk.operatorId() + "\""),
                        email.formatted("\"department_id\": \"" + desk.departmentId() + "\""),
                        email.formatted("\"address\": \"boss@" + desk.domain() + "\"")) + "]");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().get("actions").get(2).get("value").get("address").asString()).isEqualTo("boss@" + desk.domain());
        var twoRecipients = desk.tenant().writer().post("/trigger/new", "name", "Bad", "events", "ticket.created",
                "actions", "[{\"type\": \"email\", \"value\": {\"address\": \"a@b.test\", \"operator_id\": \"" + desk.operatorId()
                        + "\", \"subject\": \"s\", \"text\": \"t\"}}]");
        assertThat(twoRecipients.status()).isEqualTo(400);

        String ticketId = desk.openTicket("Impressora parada", "Não imprime");
        long protocol = tickets.get(desk.accountId(), ticketId).protocol();

        var received = MailServers.awaitFor(desk.domain(), list -> list.size() >= 3);
        assertThat(received).extracting(OutboundMailTest::to)
                .containsExactlyInAnyOrder(desk.operatorEmail(), desk.operatorEmail(), "boss@" + desk.domain());
        assertThat(received).extracting(OutboundMailTest::subject).containsOnly("New: Impressora parada");
        assertThat(OutboundMailTest.part(received.get(0), "text/plain")).contains("Ticket #" + protocol + " from Maria Lima");
    }
}
