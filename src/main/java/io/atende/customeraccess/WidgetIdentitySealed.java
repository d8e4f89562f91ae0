package io.atende.customeraccess;

import io.atende.platform.SealedSecrets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class WidgetIdentitySealed {

    /** The widget's identity-verification secrets, sealed with the installation's key. */
    @Bean
    SealedSecrets widgetIdentitySecrets(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "widget identity secrets", "portal_widget_identity", "secret", "account_id");
    }
}
