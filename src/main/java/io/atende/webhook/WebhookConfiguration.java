package io.atende.webhook;

import io.atende.platform.SealedSecrets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    /** Subscriptions' signing secrets, sealed with the installation's key. */
    @Bean
    SealedSecrets webhookSecrets(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "webhook secrets", "webhook_subscription", "secret", "account_id", "id");
    }
}
