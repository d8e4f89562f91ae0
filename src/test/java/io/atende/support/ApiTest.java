package io.atende.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test against the real HTTP API on a random port, on H2 or (with ATENDE_TEST_DB_URL) on
 * PostgreSQL. Every test class with this annotation shares one running server; tests keep out of
 * each other's way by working in accounts of their own ({@link TestTenants}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestTenants.class)
public @interface ApiTest {
}
