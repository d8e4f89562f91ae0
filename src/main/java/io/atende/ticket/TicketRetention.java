package io.atende.ticket;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.atende.attachment.AttachmentManagement;
import io.atende.audit.AuditTrail;
import io.atende.customer.CustomerErasure;
import io.atende.webhook.WebhookManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.atende.platform.SqlTimes.utc;

/**
 * Retention of finished and cancelled tickets (docs/data-protection.md, Retention): those that ended before a cutoff
 * are anonymized or deleted, with what other modules keep about them (mail, webhook events, audit values).
 */
@Service
public class TicketRetention {

    private static final List<Integer> ENDED = List.of(StoredCodes.situation(Situation.FINISHED), StoredCodes.situation(Situation.CANCELLED));
    private static final String EXPIRED = """
            from ticket where account_id = :account and situation in (:ended) and end_at < :cutoff""";
    /** A ticket anonymized before is due again only when it ended again (reopened and finished) after that. */
    private static final String NOT_RETAINED = " and (retained_at is null or retained_at < end_at)";

    private final JdbcClient jdbc;
    private final TicketErasing erasing;
    private final TicketTally tally;
    private final AttachmentManagement attachments;
    private final WebhookManagement webhooks;
    private final AuditTrail audit;
    private final ObjectProvider<TicketRetentionParticipant> participants;

    TicketRetention(JdbcClient jdbc, TicketErasing erasing, TicketTally tally, AttachmentManagement attachments,
                    WebhookManagement webhooks, AuditTrail audit, ObjectProvider<TicketRetentionParticipant> participants) {
        this.jdbc = jdbc;
        this.erasing = erasing;
        this.tally = tally;
        this.attachments = attachments;
        this.webhooks = webhooks;
        this.audit = audit;
        this.participants = participants;
    }

    /** How many of the account's tickets that ended before {@code cutoff} the action would still change. */
    @Transactional(readOnly = true)
    public long countDue(String accountId, Instant cutoff, TicketRetentionAction action) {
        return jdbc.sql("select count(*) " + EXPIRED + (action == TicketRetentionAction.ANONYMIZE ? NOT_RETAINED : ""))
                .param("account", accountId).param("ended", ENDED).param("cutoff", utc(cutoff)).query(Long.class).single();
    }

    /**
     * Anonymizes or deletes up to {@code limit} of the account's tickets that ended before {@code cutoff}, oldest
     * first, at {@code now}; returns how many.
     */
    @Transactional
    public int apply(String accountId, Instant cutoff, TicketRetentionAction action, int limit, Instant now) {
        List<String> ids = jdbc.sql("select id " + EXPIRED + (action == TicketRetentionAction.ANONYMIZE ? NOT_RETAINED : "")
                        + " order by end_at, id limit :limit")
                .param("account", accountId).param("ended", ENDED).param("cutoff", utc(cutoff)).param("limit", limit)
                .query(String.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        participants.orderedStream().forEach(participant -> participant.forget(accountId, ids, action));
        if (action == TicketRetentionAction.ANONYMIZE) {
            erasing.erase(accountId, ids);
            jdbc.sql("update ticket set retained_at = :now where account_id = :account and id in (:ids)")
                    .param("now", utc(now)).param("account", accountId).param("ids", ids).update();
        } else {
            delete(accountId, ids);
        }
        webhooks.forgetSubjects(accountId, ids);
        audit.forgetSubjects(accountId, ids, CustomerErasure.NEUTRAL_TEXT);
        return ids.size();
    }

    private void delete(String account, List<String> ids) {
        Set<String> oldWords = new LinkedHashSet<>();
        jdbc.sql("select search_text from ticket where account_id = :account and id in (:ids)")
                .param("account", account).param("ids", ids).query(String.class).list()
                .forEach(text -> oldWords.addAll(List.of(text.strip().split(" "))));
        jdbc.sql("select department_id, situation, operator_id, priority, status_id from ticket where account_id = :account and id in (:ids)")
                .param("account", account).param("ids", ids)
                .query((rs, n) -> new TicketTally.Key(rs.getString("department_id"), rs.getInt("situation"),
                        rs.getString("operator_id") == null ? "" : rs.getString("operator_id"), rs.getInt("priority"), rs.getString("status_id")))
                .list().forEach(key -> tally.remove(account, key));
        var messageIds = jdbc.sql("select id from ticket_message where account_id = :account and ticket_id in (:ids)")
                .param("account", account).param("ids", ids).query(String.class).list();
        attachments.deleteOwners(account, TicketManagement.ATTACHMENT_OWNER, messageIds);
        for (String table : List.of("ticket_message", "ticket_operator_link", "ticket_status_history", "ticket_stopwatch", "ticket_tag",
                "ticket_field_value", "ticket_reply_draft", "ticket_history", "ticket_follower")) {
            jdbc.sql("delete from " + table + " where account_id = :account and ticket_id in (:ids)")
                    .param("account", account).param("ids", ids).update();
        }
        // Tickets that named a deleted one as parent or as where they were merged keep their own data.
        jdbc.sql("update ticket set parent_ticket_id = null where account_id = :account and parent_ticket_id in (:ids)")
                .param("account", account).param("ids", ids).update();
        jdbc.sql("update ticket set merged_into_ticket_id = null where account_id = :account and merged_into_ticket_id in (:ids)")
                .param("account", account).param("ids", ids).update();
        jdbc.sql("delete from ticket where account_id = :account and id in (:ids)").param("account", account).param("ids", ids).update();
        erasing.forgetWordsNoTicketHas(account, oldWords);
    }
}
