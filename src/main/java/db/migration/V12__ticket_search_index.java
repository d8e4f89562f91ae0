package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The full-text index behind ticket search on PostgreSQL: a GIN index over the 'simple' tsvector
 * of {@code ticket.search_text}, which the ticket module keeps up to date in the transaction of
 * every message. 'simple' (no stemming) because tickets mix Portuguese, Spanish and English and
 * clients search for codes and names; prefix queries ({@code word:*}) make partial words match.
 * H2 has no full-text type: it searches the same column with word-prefix LIKE, so this migration
 * does nothing there. The index cannot start with account_id without the btree_gin extension
 * (superuser to install); the query still filters by account_id, and the planner combines both.
 * One Java migration instead of vendor folders keeps the shared
 * {@code spring.flyway.locations} untouched.
 */
public class V12__ticket_search_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (product == null || !product.toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("create index ticket_search_idx on ticket using gin (to_tsvector('simple', search_text))");
        }
    }
}
