package io.atende.webhook;

import java.time.Duration;
import java.time.Instant;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;

import static io.atende.platform.SqlTimes.utc;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention of the delivery log and the dispatcher's metrics. */
@ApiTest
class WebhookHousekeepingTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    WebhookRepository repository;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void removesDeliveriesAttemptsAndEventsOlderThanTheRetentionAndKeepsTheRest() {
        var tenant = tenants.create();
        try (var receiver = new WebhookReceiver()) {
            String webhook = tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard").id();
            String old = tenant.admin().post("/webhook/test", "webhook_id", webhook).id();
            String recent = tenant.admin().post("/webhook/test", "webhook_id", webhook).id();
            receiver.awaitCount(2);
            awaitLog(tenant.accountId(), old);
            awaitLog(tenant.accountId(), recent);
            Instant longAgo = Instant.now().minus(Duration.ofDays(31));
            jdbc.sql("update webhook_delivery set created_at = :at where account_id = :account and id = :id")
                    .param("at", utc(longAgo)).param("account", tenant.accountId()).param("id", old).update();
            jdbc.sql("update webhook_attempt set attempted_at = :at where account_id = :account and delivery_id = :id")
                    .param("at", utc(longAgo)).param("account", tenant.accountId()).param("id", old).update();
            jdbc.sql("""
                    update webhook_event set occurred_at = :at
                     where account_id = :account and id = (select event_id from webhook_delivery where account_id = :account and id = :id)""")
                    .param("at", utc(longAgo)).param("account", tenant.accountId()).param("id", old).update();

            repository.deleteOlderThan(Instant.now().minus(Duration.ofDays(30)));

            var listed = tenant.admin().get("/webhook/delivery/list", "webhook_id", webhook);
            assertThat(listed.json().get("size").asInt()).isEqualTo(1);
            assertThat(listed.data().get(0).get("id").asString()).isEqualTo(recent);
            assertThat(listed.data().get(0).get("log").size()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from webhook_event where account_id = :account").param("account", tenant.accountId())
                    .query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void countsDeliveriesByOutcomeAndGaugesTheQueue() {
        var tenant = tenants.create();
        double before = meters.get("atende.webhook.deliveries").tag("outcome", "delivered").counter().count();
        try (var receiver = new WebhookReceiver()) {
            String webhook = tenant.admin().post("/webhook/new", "url", receiver.url()).id();
            String delivery = tenant.admin().post("/webhook/test", "webhook_id", webhook).id();
            receiver.awaitCount(1);
            awaitLog(tenant.accountId(), delivery);
        }
        assertThat(meters.get("atende.webhook.deliveries").tag("outcome", "delivered").counter().count()).isGreaterThan(before);
        assertThat(meters.get("atende.webhook.queue.depth").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(meters.get("atende.webhook.queue.oldest.due.age").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    private void awaitLog(String accountId, String deliveryId) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            var delivery = repository.findDelivery(accountId, deliveryId).orElseThrow();
            if (delivery.status() == DeliveryStatus.DELIVERED) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("delivery " + deliveryId + " was not delivered");
    }
}
