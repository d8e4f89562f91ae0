package io.atende.webhook;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookPropertiesTest {

    @Test
    void refusesALeaseThatCouldEndWhileAnAttemptStillWaitsForTheReceiver() {
        assertThatThrownBy(() -> withLease(Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atende.webhook.lease");
        assertThatCode(() -> withLease(Duration.ofSeconds(21))).doesNotThrowAnyException();
    }

    private static WebhookProperties withLease(Duration lease) {
        return new WebhookProperties(false, true, 4, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(15),
                lease, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(72), 10, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofDays(30), Duration.ofHours(1), 100);
    }
}
