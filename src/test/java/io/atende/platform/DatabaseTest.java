package io.atende.platform;

import io.atende.support.ApiTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialect the repositories choose is the database the suite was pointed at: a run with ATENDE_TEST_DB_URL on
 * PostgreSQL exercises the PostgreSQL statements (full-text search, the one-statement ticket batch, update ...
 * returning), the default run the H2 ones.
 */
@ApiTest
class DatabaseTest {

    @Autowired
    Database database;

    @Value("${spring.datasource.url}")
    String url;

    @Test
    void isTheDatabaseTheSuiteRunsOn() {
        assertThat(database).isEqualTo(url.startsWith("jdbc:postgresql:") ? Database.POSTGRESQL : Database.H2);
    }
}
