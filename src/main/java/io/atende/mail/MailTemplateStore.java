package io.atende.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.utc;

/** The accounts' own e-mail templates, one per kind and language. */
@Repository
class MailTemplateStore {

    /** A stored template; its HTML was sanitized when saved. */
    record Stored(MailKind kind, String language, String subject, String text, String html) {
    }

    private final JdbcClient jdbc;

    MailTemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String accountId, MailKind kind, String language) {
        return jdbc.sql("select kind, language, subject, body_text, body_html from mail_template"
                        + " where account_id = :account and kind = :kind and language = :language")
                .param("account", accountId).param("kind", kind.wireName()).param("language", language)
                .query((rs, row) -> stored(rs)).optional();
    }

    List<Stored> list(String accountId) {
        return jdbc.sql("select kind, language, subject, body_text, body_html from mail_template where account_id = :account")
                .param("account", accountId).query((rs, row) -> stored(rs)).list();
    }

    void save(String accountId, Stored template, Instant now) {
        int updated = jdbc.sql("update mail_template set subject = :subject, body_text = :text, body_html = :html, updated_at = :now"
                        + " where account_id = :account and kind = :kind and language = :language")
                .param("account", accountId).param("kind", template.kind().wireName()).param("language", template.language())
                .param("subject", template.subject()).param("text", template.text()).param("html", template.html()).param("now", utc(now))
                .update();
        if (updated == 0) {
            jdbc.sql("insert into mail_template (account_id, kind, language, subject, body_text, body_html, updated_at)"
                            + " values (:account, :kind, :language, :subject, :text, :html, :now)")
                    .param("account", accountId).param("kind", template.kind().wireName()).param("language", template.language())
                    .param("subject", template.subject()).param("text", template.text()).param("html", template.html())
                    .param("now", utc(now)).update();
        }
    }

    boolean delete(String accountId, MailKind kind, String language) {
        return jdbc.sql("delete from mail_template where account_id = :account and kind = :kind and language = :language")
                .param("account", accountId).param("kind", kind.wireName()).param("language", language).update() > 0;
    }

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(MailKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getString("language"), rs.getString("subject"),
                rs.getString("body_text"), rs.getString("body_html"));
    }
}
