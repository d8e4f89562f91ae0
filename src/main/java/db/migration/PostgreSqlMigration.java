package db.migration;

import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration of what exists on PostgreSQL alone (full-text search: H2 searches the text itself), which does nothing
 * on any other database. Abstract, so Flyway does not take it for a migration of its own.
 */
abstract class PostgreSqlMigration extends BaseJavaMigration {

    @Override
    public final void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (product == null || !product.toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            migrate(statement);
        }
    }

    /** Runs the migration's statements on PostgreSQL. */
    abstract void migrate(Statement statement) throws SQLException;
}
