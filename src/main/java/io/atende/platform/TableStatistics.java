package io.atende.platform;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refreshes the planner's statistics of tables that just grew in bulk (an import), so that the first queries after it
 * do not plan on the figures of nearly empty tables while autovacuum has not come round yet. PostgreSQL only: H2
 * keeps no statistics worth refreshing. Each module names its own tables.
 */
@Component
public class TableStatistics {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");

    private final JdbcClient jdbc;
    private final Database database;

    TableStatistics(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** Runs {@code ANALYZE} on the tables, outside any transaction. */
    public void refresh(List<String> tables) {
        if (database != Database.POSTGRESQL || tables.isEmpty()) {
            return;
        }
        for (String table : tables) {
            if (!NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
        }
        jdbc.sql("analyze " + String.join(", ", tables)).update();
    }
}
