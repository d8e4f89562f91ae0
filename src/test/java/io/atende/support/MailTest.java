package io.atende.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that need the e-mail channel switched on: the real server with SMTP pointing at
 * {@link MailServers}. Every subclass shares one application context (the dynamic properties are
 * declared here once), separate from the other API tests, which run without SMTP.
 */
@ApiTest
public abstract class MailTest {

    @DynamicPropertySource
    static void mailServers(DynamicPropertyRegistry registry) {
        for (String property : MailServers.properties()) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }
}
