package io.atende.knowledge;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import io.atende.platform.Html;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Indexes the articles written before search knew stems by their stems as well (see {@link SearchWords}).
 * A bean rather than a class of {@code db.migration}, because the stems are the knowledge module's own
 * business; Spring Boot hands Flyway the migrations it finds among the beans.
 */
@Component
class V216__kb_article_stems extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (Statement articles = connection.createStatement();
             ResultSet rs = articles.executeQuery("select account_id, id, title, body from kb_article order by account_id, id");
             PreparedStatement delete = connection.prepareStatement("delete from kb_article_term where account_id = ? and article_id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "insert into kb_article_term (account_id, term, article_id) values (?, ?, ?)")) {
            while (rs.next()) {
                String account = rs.getString(1);
                String id = rs.getString(2);
                delete.setString(1, account);
                delete.setString(2, id);
                delete.executeUpdate();
                for (String term : SearchWords.terms(rs.getString(3), Html.toPlainText(rs.getString(4)))) {
                    insert.setString(1, account);
                    insert.setBytes(2, SearchWords.bytes(term));
                    insert.setString(3, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
