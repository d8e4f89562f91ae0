package io.atende.operator;

import java.time.Clock;
import java.util.Map;

import io.atende.platform.Html;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.atende.platform.SqlTimes.utc;

/**
 * Each operator's signature: formatted text the console appends to their replies to customers. Stored sanitized as
 * every HTML message is (formatting kept; scripts, styles, event handlers and {@code javascript:} links removed), so
 * what the operator sees on their profile is what customers get.
 */
@Service
public class OperatorSignatures {

    /** The longest signature accepted, in characters of its HTML. */
    public static final int MAX_LENGTH = 10_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    OperatorSignatures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The operator's signature as sanitized HTML, or an empty text when they have none. */
    @Transactional(readOnly = true)
    public String get(String accountId, String operatorId) {
        return jdbc.sql("select body from operator_signature where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).query(String.class).optional().orElse("");
    }

    /**
     * Replaces the operator's signature (HTML or plain text; plain text keeps its line breaks) and returns it as
     * stored; an empty one removes it. Refused when longer than
     * {@link #MAX_LENGTH}.
     */
    @Transactional
    public String change(String accountId, String operatorId, String signature) {
        String text = Inputs.optionalText("signature", signature, MAX_LENGTH);
        String html = text == null || text.isEmpty() ? "" : Html.hasMarkup(text) ? Html.sanitize(text)
                : Html.escape(text).replace("\n", "<br>");
        if (html.length() > MAX_LENGTH) {
            throw new InvalidInputException("signature", "parameter.too_long", MAX_LENGTH);
        }
        var params = Map.<String, Object>of("account", accountId, "operator", operatorId, "body", html,
                "now", utc(clock.instant()));
        if (html.isEmpty() || Html.toPlainText(html).isBlank() && !html.contains("<img")) {
            jdbc.sql("delete from operator_signature where account_id = :account and operator_id = :operator").params(params).update();
            return "";
        }
        if (jdbc.sql("update operator_signature set body = :body, updated_at = :now where account_id = :account and operator_id = :operator")
                .params(params).update() == 0) {
            jdbc.sql("""
                    insert into operator_signature (account_id, operator_id, body, updated_at)
                    values (:account, :operator, :body, :now) on conflict do nothing""").params(params).update();
        }
        return html;
    }
}
