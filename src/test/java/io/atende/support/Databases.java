package io.atende.support;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which database the suite runs on (H2 by default, PostgreSQL when ATENDE_TEST_DB_URL names one). */
public final class Databases {

    private Databases() {
    }

    /** Skips the test unless the suite runs on PostgreSQL, saying what exists there alone. */
    public static void assumePostgreSql(DataSource dataSource, String onlyThere) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
        assumeTrue(product != null && product.toLowerCase().contains("postgres"), onlyThere + " exists on PostgreSQL only");
    }
}
