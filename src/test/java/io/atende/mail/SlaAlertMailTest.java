package io.atende.mail;

import java.time.Instant;

import io.atende.platform.PageRequest;
import io.atende.sla.SlaAlert;
import io.atende.sla.SlaTarget;
import io.atende.sla.TicketSlaAlerted;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/email.md, SLA alerts: the operators hear of a target at risk or missed, as the alert worker publishes it, even
 * where changes through the API send no mail (an alert is no such change). When and how often the alerts are published
 * is specified through the API in SlaAlertApiTest.
 */
class SlaAlertMailTest extends MailTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDepartmentsOperatorsHearOfAWarningAndABreachOfATicketWithNoOperator() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        String ticketId = desk.openTicket("Impressora parada", "Não imprime desde ontem");
        long protocol = tickets.get(desk.accountId(), ticketId).protocol();

        transactions.executeWithoutResult(status -> {
            events.publishEvent(new TicketSlaAlerted(desk.accountId(), ticketId, SlaTarget.FIRST_REPLY, SlaAlert.WARNING, null, Instant.now()));
            events.publishEvent(new TicketSlaAlerted(desk.accountId(), ticketId, SlaTarget.RESOLUTION, SlaAlert.BREACH, null, Instant.now()));
        });

        var received = MailServers.awaitFor(desk.domain(), list -> list.size() >= 2);
        assertThat(received).hasSize(2).allSatisfy(message -> assertThat(OutboundMailTest.to(message)).isEqualTo(desk.operatorEmail()));
        assertThat(received).extracting(OutboundMailTest::subject).allSatisfy(subject ->
                assertThat(subject).startsWith("SLA ").endsWith("[#" + protocol + "] Impressora parada"));
        var texts = new java.util.ArrayList<String>();
        for (var message : received) {
            texts.add(OutboundMailTest.part(message, "text/plain"));
        }
        assertThat(texts).anySatisfy(text -> assertThat(text).containsAnyOf("first reply", "primeira resposta", "primera respuesta")
                .contains("Maria Lima").contains("Suporte"));
        assertThat(texts).anySatisfy(text -> assertThat(text).containsAnyOf("missed its resolution", "perdeu a meta de resolução",
                "incumplió su objetivo de resolución"));
    }

    @Test
    void aRolledBackAlertSendsNothing() {
        var desk = MailFixture.create(tenants, "pt-BR");
        String ticketId = desk.openTicket("Scanner", "Não digitaliza");
        String other = desk.openTicket("Monitor", "Sem imagem");
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new TicketSlaAlerted(desk.accountId(), ticketId, SlaTarget.FIRST_REPLY, SlaAlert.BREACH, null, Instant.now()));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status ->
                events.publishEvent(new TicketSlaAlerted(desk.accountId(), other, SlaTarget.FIRST_REPLY, SlaAlert.BREACH, null, Instant.now())));

        // The outbox rows are written in the publishing transaction: the rolled-back alert left none.
        assertThat(mail.messages(desk.accountId(), null, null, PageRequest.of(1)).total()).isEqualTo(1);
        var received = MailServers.awaitFor(desk.domain(), list -> !list.isEmpty());
        assertThat(received).extracting(OutboundMailTest::subject).singleElement().asString().endsWith("Monitor");
    }
}
