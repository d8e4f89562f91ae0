package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Ticket search on PostgreSQL reads a stored tsvector instead of computing
 * {@code to_tsvector('simple', search_text)} for every candidate row (about 70 microseconds a
 * row at 1,850 characters, which made the planner's cheapest-looking plans take seconds at a
 * million tickets; see docs/performance.md). The column is generated, so the database keeps it in step
 * with {@code search_text} on every insert and update, and the GIN index moves onto it, replacing
 * the expression index of V12. H2 searches {@code search_text} with LIKE and gets nothing here.
 * The GIN index cannot start with account_id (btree_gin needs a superuser); the list query
 * filters by account_id too, and the planner combines both.
 */
public class V80__ticket_search_vector extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (product == null || !product.toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            // Dropped first: adding a stored column rewrites the table and would rebuild this index on the way.
            statement.execute("drop index ticket_search_idx");
            statement.execute("alter table ticket add column search_vector tsvector"
                    + " generated always as (to_tsvector('simple', search_text)) stored");
            statement.execute("create index ticket_search_vector_idx on ticket using gin (search_vector)");
            // The rewrite leaves the table without statistics, and the planner then picks slow plans for
            // lists and search until autovacuum gets to it; ANALYZE (unlike VACUUM) may run in this transaction.
            statement.execute("analyze ticket");
        }
    }
}
