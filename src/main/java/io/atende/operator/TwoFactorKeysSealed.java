package io.atende.operator;

import io.atende.platform.SealedSecrets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class TwoFactorKeysSealed {

    /** Operators' TOTP keys, sealed with the installation's key. */
    @Bean
    SealedSecrets twoFactorKeys(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "two-factor keys", "operator_two_factor", "secret", "account_id", "operator_id");
    }
}
