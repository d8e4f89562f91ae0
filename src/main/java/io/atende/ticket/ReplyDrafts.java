package io.atende.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.atende.platform.Html;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/**
 * The reply each operator is writing on a ticket, kept on the server as they type so that it survives a reload, a
 * crash or a switch to another device; the console deletes it when the reply is sent or discarded. A draft holds
 * markup sanitized as a message's is, since the editor loads it back as HTML.
 */
@Service
public class ReplyDrafts {

    private final JdbcClient jdbc;
    private final TicketRepository tickets;
    private final Clock clock;

    ReplyDrafts(JdbcClient jdbc, TicketRepository tickets, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** A saved draft: its text (HTML when {@code html}) and when it was last saved. */
    public record ReplyDraft(String body, boolean html, Instant savedAt) {
    }

    /** The operator's draft on the ticket, if they have one. */
    @Transactional(readOnly = true)
    public Optional<ReplyDraft> find(String accountId, String ticketId, String operatorId) {
        return jdbc.sql("""
                        select body, updated_at from ticket_reply_draft
                        where account_id = :account and ticket_id = :ticket and operator_id = :operator""")
                .param("account", accountId).param("ticket", ticketId).param("operator", operatorId)
                .query((rs, n) -> {
                    String body = rs.getString("body");
                    return new ReplyDraft(body, Html.hasMarkup(body), instant(rs, "updated_at"));
                }).optional();
    }

    /**
     * Keeps {@code body} as the operator's draft on the ticket, replacing the one before; an empty body discards it.
     * Not found for an unknown or another account's ticket; refused over a message's length.
     */
    @Transactional
    public Optional<ReplyDraft> save(String accountId, String ticketId, String operatorId, String body) {
        if (ticketId == null || !tickets.exists(accountId, ticketId)) {
            throw new NotFoundException("ticket.not_found", ticketId);
        }
        if (body != null && body.length() > TicketManagement.MAX_MESSAGE) {
            throw new InvalidInputException("message", "parameter.too_long", TicketManagement.MAX_MESSAGE);
        }
        boolean html = Html.hasMarkup(body);
        String clean = html ? Html.sanitize(body) : body;
        if (clean == null || (html ? Html.toPlainText(clean).isBlank() && !clean.contains("<img") : clean.isBlank())) {
            discard(accountId, ticketId, operatorId);
            return Optional.empty();
        }
        Instant now = clock.instant();
        var params = Map.<String, Object>of("account", accountId, "ticket", ticketId, "operator", operatorId, "body", clean,
                "now", utc(now));
        if (jdbc.sql("""
                update ticket_reply_draft set body = :body, updated_at = :now
                where account_id = :account and ticket_id = :ticket and operator_id = :operator""").params(params).update() == 0) {
            jdbc.sql("""
                    insert into ticket_reply_draft (account_id, ticket_id, operator_id, body, updated_at)
                    values (:account, :ticket, :operator, :body, :now) on conflict do nothing""").params(params).update();
        }
        return Optional.of(new ReplyDraft(clean, html, now));
    }

    /** Forgets the operator's draft on the ticket (nothing happens when there is none). */
    @Transactional
    public void discard(String accountId, String ticketId, String operatorId) {
        jdbc.sql("delete from ticket_reply_draft where account_id = :account and ticket_id = :ticket and operator_id = :operator")
                .param("account", accountId).param("ticket", ticketId).param("operator", operatorId).update();
    }
}
