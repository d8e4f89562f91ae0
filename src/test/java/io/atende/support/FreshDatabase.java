package io.atende.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An empty database of its own for a test that must see a first start: a new in-memory H2 database,
 * or, when the suite runs on PostgreSQL (ATENDE_TEST_DB_URL), a new database created on the same
 * server and dropped again on {@link #close()}.
 */
public final class FreshDatabase implements AutoCloseable {

    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private final String url;
    private final String adminUrl;
    private final String name;

    private FreshDatabase(String url, String adminUrl, String name) {
        this.url = url;
        this.adminUrl = adminUrl;
        this.name = name;
    }

    public static FreshDatabase create() {
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String base = System.getenv("ATENDE_TEST_DB_URL");
        if (base == null || base.isBlank()) {
            String name = "atende_fresh_" + suffix;
            return new FreshDatabase("jdbc:h2:mem:" + name + H2_OPTIONS, null, name);
        }
        var parts = POSTGRES_URL.matcher(base);
        if (!parts.matches()) {
            throw new IllegalStateException("ATENDE_TEST_DB_URL is not a PostgreSQL JDBC URL: " + base);
        }
        String name = (parts.group(2).isEmpty() ? "atende" : parts.group(2)) + "_fresh_" + suffix;
        String query = parts.group(3) == null ? "" : parts.group(3);
        var database = new FreshDatabase(parts.group(1) + name + query, base, name);
        database.execute(database.adminUrl, "create database " + name);
        return database;
    }

    public String url() {
        return url;
    }

    /** Drops the database; every node started on it must have been closed first. */
    @Override
    public void close() {
        if (adminUrl == null) {
            execute(url, "shutdown");
        } else {
            execute(adminUrl, "drop database if exists " + name + " with (force)");
        }
    }

    private static void execute(String jdbcUrl, String sql) {
        String user = System.getenv().getOrDefault("ATENDE_TEST_DB_USER", "sa");
        String password = System.getenv().getOrDefault("ATENDE_TEST_DB_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("could not run: " + sql, failure);
        }
    }
}
