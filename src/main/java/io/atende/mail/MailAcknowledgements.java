package io.atende.mail;

import java.util.Map;
import io.atende.automation.Placeholders;
import io.atende.platform.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's acknowledgement of new tickets (off until an admin turns it on). A placeholder not in
 * {@link AcknowledgementSettings#PLACEHOLDERS} is refused when saved, so a typo never reaches a customer.
 */
@Service
public class MailAcknowledgements {

    static final int MAX_SUBJECT = 250;
    static final int MAX_BODY = 4000;

    private final JdbcClient jdbc;

    MailAcknowledgements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AcknowledgementSettings settings(String accountId) {
        return jdbc.sql("select enabled, subject, body from mail_acknowledgement where account_id = :account")
                .param("account", accountId)
                .query((rs, row) -> new AcknowledgementSettings(rs.getBoolean("enabled"), rs.getString("subject"), rs.getString("body")))
                .optional().orElse(new AcknowledgementSettings(false, null, null));
    }

    /** Saves the setting; a blank subject or text stands for Atende's own. */
    @Transactional
    public AcknowledgementSettings save(String accountId, AcknowledgementSettings settings) {
        String subject = clean("subject", settings.subject(), MAX_SUBJECT);
        String body = clean("body", settings.body(), MAX_BODY);
        int updated = jdbc.sql("update mail_acknowledgement set enabled = :enabled, subject = :subject, body = :body where account_id = :account")
                .param("enabled", settings.enabled()).param("subject", subject).param("body", body).param("account", accountId).update();
        if (updated == 0) {
            jdbc.sql("insert into mail_acknowledgement (account_id, enabled, subject, body) values (:account, :enabled, :subject, :body)")
                    .param("enabled", settings.enabled()).param("subject", subject).param("body", body).param("account", accountId).update();
        }
        return new AcknowledgementSettings(settings.enabled(), subject, body);
    }

    /** The text with each placeholder replaced by its value. */
    static String fill(String text, Map<String, String> values) {
        return Placeholders.fill(text, values);
    }

    private static String clean(String parameter, String given, int max) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String text = given.strip().replace("\r\n", "\n");
        if (text.length() > max) {
            throw new InvalidInputException(parameter, "mail.acknowledgement.too_long", max);
        }
        for (var name : Placeholders.namesIn(text)) {
            if (!AcknowledgementSettings.PLACEHOLDERS.contains(name)) {
                throw new InvalidInputException(parameter, "mail.acknowledgement.unknown_placeholder", "{{" + name + "}}",
                        String.join(", ", AcknowledgementSettings.PLACEHOLDERS.stream().map(known -> "{{" + known + "}}").toList()));
            }
        }
        return text;
    }
}
