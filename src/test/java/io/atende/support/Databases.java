package io.atende.support;

import javax.sql.DataSource;

import io.atende.platform.Database;

import org.springframework.jdbc.support.MetaDataAccessException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which database the suite runs on (H2 by default, PostgreSQL when ATENDE_TEST_DB_URL names one). */
public final class Databases {

    private Databases() {
    }

    /** Skips the test unless the suite runs on PostgreSQL, saying what exists there alone. */
    public static void assumePostgreSql(DataSource dataSource, String onlyThere) throws MetaDataAccessException {
        assumeTrue(Database.of(dataSource) == Database.POSTGRESQL, onlyThere + " exists on PostgreSQL only");
    }
}
