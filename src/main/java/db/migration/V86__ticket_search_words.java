package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The words of each account's tickets, so that a search prefix can be expanded into the whole words
 * it stands for. A prefix tsquery ({@code 'sen':*}) cannot be answered by the GIN index alone: every
 * candidate's stored tsvector (several kilobytes, out of line) is read back and rechecked, about
 * 10 microseconds a row, which at a million tickets made a search of a mid-frequency word take
 * hundreds of milliseconds. The same search as exact words ({@code 'sennomo' | 'sennomos'}) is
 * answered from the index. See TicketWords and docs/performance.md.
 *
 * <p>The index is not unique on purpose: a word is written in the transaction of the ticket that
 * brings it, and a unique index would make two creations bringing the same new word wait on each
 * other until commit (and could deadlock against ticket and tally locks). A word written twice by
 * such a race is harmless; readers ask for distinct words. The "C" collation makes byte order the
 * order of the index, so a prefix is one range of it. PostgreSQL only, as the tsvector is (V80).
 * Existing tickets are read once here: about a minute per million tickets.
 */
public class V86__ticket_search_words extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (product == null || !product.toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("create table ticket_word (account_id varchar(32) not null, word text collate \"C\" not null)");
            statement.execute("""
                    insert into ticket_word (account_id, word)
                    select distinct t.account_id, w.word
                    from ticket t cross join lateral unnest(tsvector_to_array(t.search_vector)) as w(word)""");
            statement.execute("create index ticket_word_idx on ticket_word (account_id, word)");
            statement.execute("analyze ticket_word");
        }
    }
}
