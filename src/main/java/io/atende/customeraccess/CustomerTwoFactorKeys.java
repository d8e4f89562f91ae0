package io.atende.customeraccess;

import io.atende.platform.SealedSecrets;
import io.atende.platform.SecretBox;
import io.atende.platform.TwoFactorStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where portal customers' TOTP secrets and recovery codes live. */
@Configuration(proxyBeanMethods = false)
class CustomerTwoFactorKeys {

    /** Customers' TOTP keys, sealed with the installation's key (and resealed when it changes). */
    @Bean
    SealedSecrets customerTwoFactorSecrets(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "customers' two-factor keys", "customer_two_factor", "secret", "account_id", "customer_id");
    }

    @Bean
    CustomerTwoFactorStore customerTwoFactorStore(JdbcClient jdbc, SecretBox box) {
        return new CustomerTwoFactorStore(new TwoFactorStore(jdbc, box, "customer_two_factor", "customer_recovery_code", "customer_id"));
    }

    /** The customers' store, a type of its own so that it is never confused with another kind of person's. */
    record CustomerTwoFactorStore(TwoFactorStore store) {
    }
}
