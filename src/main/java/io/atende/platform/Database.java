package io.atende.platform;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The database Atende runs on. SQL is written once for both where the cost allows; where it does not, a
 * repository picks its dialect from this once, at startup, and keeps the two versions side by side in one place.
 */
public enum Database {
    POSTGRESQL, H2;

    /** The database behind the data source, asked once when the application starts. */
    public static Database of(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
        } catch (MetaDataAccessException unreachable) {
            throw new IllegalStateException("cannot tell which database the data source is", unreachable);
        }
    }
}
