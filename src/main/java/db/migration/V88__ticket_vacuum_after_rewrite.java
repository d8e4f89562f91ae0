package db.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Vacuums the ticket table that V87 rewrote. A rewritten table has no visibility map, and until
 * one is built every index-only scan of a ticket list or count visits the heap for each entry (70
 * times slower at a million tickets, in the benchmark); autovacuum does not count a rewrite's rows as
 * inserts and may not come for a long time. VACUUM cannot run in a transaction, hence a migration
 * of its own that Flyway runs without one. PostgreSQL only, as V87.
 */
public class V88__ticket_vacuum_after_rewrite extends PostgreSqlMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    void migrate(Statement statement) throws SQLException {
        statement.execute("vacuum (analyze) ticket");
    }
}
