package io.atende.sso;

import io.atende.platform.SealedSecrets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ClientSecretsSealed {

    /** Accounts' OpenID Connect client secrets, sealed with the installation's key (and sealed again after a rotation). */
    @Bean
    SealedSecrets ssoClientSecrets(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "single sign-on client secrets", "sso_settings", "client_secret", "account_id");
    }
}
