package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import io.atende.chat.ChatWords;
import io.atende.platform.Html;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The words of the chats written before the chat history search (V210's chat_search_word): each customer's and
 * operator's message is read once, in one pass over chat_message, and its words written as new messages' are.
 */
public class V211__chat_search_words_backfill extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        String insert = "insert into chat_search_word (account_id, word, chat_id) values (?, ?, ?) on conflict do nothing";
        try (Statement read = connection.createStatement(); PreparedStatement write = connection.prepareStatement(insert)) {
            // PostgreSQL streams the rows only with a fetch size inside the migration's transaction.
            read.setFetchSize(postgres ? BATCH : 0);
            int pending = 0;
            try (ResultSet rows = read.executeQuery("select account_id, chat_id, body, mimetype from chat_message where sender_type <> 'S'")) {
                while (rows.next()) {
                    String body = rows.getString("body");
                    String text = "text/html".equals(rows.getString("mimetype")) ? Html.toPlainText(body) : body;
                    for (String word : ChatWords.of(text)) {
                        write.setString(1, rows.getString("account_id"));
                        write.setBytes(2, ChatWords.bytes(word));
                        write.setString(3, rows.getString("chat_id"));
                        write.addBatch();
                        if (++pending == BATCH) {
                            write.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
