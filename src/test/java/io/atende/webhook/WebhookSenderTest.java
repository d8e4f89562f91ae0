package io.atende.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSenderTest {

    @Test
    void refusesAPrivateDestinationAtDeliveryTimeToo() {
        try (var receiver = new WebhookReceiver()) {
            var properties = DestinationsTest.properties(false);
            var sender = new WebhookSender(properties, new Destinations(properties), JsonMapper.builder().build(), Clock.systemUTC());
            var subscription = new WebhookRepository.Subscription("s", receiver.url(), WebhookFormat.TOMTICKET, List.of(), "secret", true,
                    null, 0, null, Instant.now(), Instant.now());
            var work = new WebhookRepository.Work("a", "d", "t", 0, Instant.now(), subscription, "e", "customer.created", "customer", "x",
                    null, Instant.now());

            var result = sender.send(work);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).contains("Destination refused");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(WebhookSender.retryAfter("120")).hasSeconds(120);
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(WebhookSender.retryAfter("soon")).isNull();
        assertThat(WebhookSender.retryAfter(null)).isNull();
    }

    @Test
    void tomticketActionsAreCreatedDeletedOrUpdated() {
        assertThat(WebhookSender.action("ticket.created")).isEqualTo("created");
        assertThat(WebhookSender.action("customer.deleted")).isEqualTo("deleted");
        assertThat(WebhookSender.action("ticket.replied")).isEqualTo("updated");
        assertThat(WebhookSender.action("ticket.finished")).isEqualTo("updated");
    }
}
