package io.atende.webhook;

import java.util.List;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.WebhookReceiver;
import io.atende.ticket.TicketUpdated;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox queues the events of a transaction together, at its end, and with that transaction only. */
@ApiTest
class WebhookOutboxTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void rendersEachSubjectOfOneTransactionInItsOwnSnapshot() {
        var tenant = tenants.create();
        var first = openTicket(tenant.admin(), tenant.writer(), "Impressora");
        var second = openTicket(tenant.admin(), tenant.writer(), "Monitor");
        try (var receiver = new WebhookReceiver()) {
            tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard", "events", "ticket.updated");

            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                events.publishEvent(new TicketUpdated(tenant.accountId(), first));
                events.publishEvent(new TicketUpdated(tenant.accountId(), second));
            });

            var received = receiver.awaitCount(2).stream().map(delivery -> json.readTree(delivery.text()).get("data")).toList();
            assertThat(received).extracting(data -> data.get("id").asString()).containsExactlyInAnyOrder(first, second);
            for (JsonNode data : received) {
                assertThat(data.get("subject").asString()).isEqualTo(data.get("id").asString().equals(first) ? "Impressora" : "Monitor");
            }
        }
    }

    @Test
    void keepsTheEventsOfAnInnerTransactionWithThatTransaction() {
        var tenant = tenants.create();
        var outer = openTicket(tenant.admin(), tenant.writer(), "Impressora");
        var inner = openTicket(tenant.admin(), tenant.writer(), "Monitor");
        try (var receiver = new WebhookReceiver()) {
            tenant.admin().post("/webhook/new", "url", receiver.url(), "events", "ticket.updated");
        }
        var requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            events.publishEvent(new TicketUpdated(tenant.accountId(), outer));
            requiresNew.executeWithoutResult(innerStatus -> events.publishEvent(new TicketUpdated(tenant.accountId(), inner)));
            throw new IllegalStateException("the outer change failed");
        })).hasMessage("the outer change failed");

        assertThat(jdbc.sql("select subject_id from webhook_event where account_id = :account")
                .param("account", tenant.accountId()).query(String.class).list()).isEqualTo(List.of(inner));
    }

    @Test
    void queuesAnEventPublishedWhileItsTransactionIsAlreadyCommitting() {
        var tenant = tenants.create();
        var first = openTicket(tenant.admin(), tenant.writer(), "Impressora");
        var late = openTicket(tenant.admin(), tenant.writer(), "Monitor");
        try (var receiver = new WebhookReceiver()) {
            tenant.admin().post("/webhook/new", "url", receiver.url(), "events", "ticket.updated");

            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                events.publishEvent(new TicketUpdated(tenant.accountId(), first));
                // Registered after the outbox's own synchronization, so it runs after the outbox flushed.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        events.publishEvent(new TicketUpdated(tenant.accountId(), late));
                    }
                });
            });

            assertThat(jdbc.sql("select subject_id from webhook_event where account_id = :account order by subject_id")
                    .param("account", tenant.accountId()).query(String.class).list())
                    .containsExactlyInAnyOrder(first, late);
        }
    }

    private static String openTicket(ApiClient admin, ApiClient writer, String subject) {
        String department = admin.post("/department/new", "name", "Suporte " + subject).id();
        writer.post("/customer/new", "customer_id", "c-" + subject, "name", "Carla");
        var opened = writer.post("/ticket/new", "customer_id", "c-" + subject, "department_id", department, "subject", subject,
                "message", "Não funciona");
        assertThat(opened.status()).isEqualTo(200);
        return opened.json().get("ticket_id").asString();
    }
}
