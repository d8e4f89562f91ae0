package db.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps each ticket's search vector in the ticket's row, where a search reads it, instead of in
 * the TOAST table. V80's vector held a position for every word (about 3.9 kB a ticket at a
 * million tickets) and was pushed out of line; checking one row on the way down the protocol
 * index (how the first page of a mid-frequency word is found) then meant a TOAST index lookup and
 * two chunk reads, four buffers a row and five times the time of an inline check in the
 * benchmark. Search never uses positions (no phrases, no ranking), so the vector is stripped of
 * them (about 2.7 kB) and stored MAIN: inline, and compressed (pglz, whatever the server's
 * default) only where that saves a quarter, which these vectors rarely allow, so a check reads it
 * as it lies. The search text, read only when words are added, goes out of line instead.
 *
 * <p>Replacing the generated column rewrites the table and rebuilds its indexes, with the table
 * locked: about 10 minutes per million tickets on the benchmark machine. PostgreSQL only, as V80.
 */
public class V87__ticket_search_vector_inline extends PostgreSqlMigration {

    @Override
    void migrate(Statement statement) throws SQLException {
        statement.execute("set local maintenance_work_mem = '256MB'");
        // One statement, so the table is rewritten once, with the new column already MAIN.
        statement.execute("""
                alter table ticket drop column search_vector,
                    add column search_vector tsvector generated always as (strip(to_tsvector('simple', search_text))) stored,
                    alter column search_vector set storage main,
                    alter column search_vector set compression pglz""");
        statement.execute("create index ticket_search_vector_idx on ticket using gin (search_vector)");
        statement.execute("analyze ticket");
    }
}
