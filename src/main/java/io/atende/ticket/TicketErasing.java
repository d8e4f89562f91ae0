package io.atende.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.atende.attachment.AttachmentManagement;
import io.atende.customer.CustomerErasure;
import io.atende.platform.Database;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases what tickets say: subjects and every message body (operators' replies quote the customer) become the
 * neutral text, files and custom field values go, the evaluation comment goes, the search text is rebuilt from the
 * neutral text and the history keeps who changed what and when but not personal values. Status, dates, departments,
 * operators and report facts stay, so counts do not change. Used by a customer's erasure and by retention.
 */
@Component
class TicketErasing {

    /** History fields whose values may carry personal data; the others name ids, states or priorities. */
    private static final List<String> PERSONAL_FIELDS = List.of(
            TicketField.OPENED.name(), TicketField.SUBJECT.name(), TicketField.EVALUATION.name(), TicketField.CUSTOM_FIELD.name());

    private final JdbcClient jdbc;
    private final AttachmentManagement attachments;
    private final Database database;

    TicketErasing(JdbcClient jdbc, AttachmentManagement attachments, Database database) {
        this.jdbc = jdbc;
        this.attachments = attachments;
        this.database = database;
    }

    /** Erases the tickets' personal data, in the caller's transaction. */
    void erase(String account, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> oldWords = new LinkedHashSet<>();
        String neutralSearch = SearchText.withWords("", SearchText.words(CustomerErasure.NEUTRAL_TEXT),
                TicketRepository.MAX_WORD, TicketRepository.MAX_SEARCH_TEXT);
        for (List<String> batch : batches(ids)) {
            jdbc.sql("select search_text from ticket where account_id = :account and id in (:ids)")
                    .param("account", account).param("ids", batch).query(String.class).list()
                    .forEach(text -> oldWords.addAll(List.of(text.strip().split(" "))));
            var messageIds = jdbc.sql("select id from ticket_message where account_id = :account and ticket_id in (:ids)")
                    .param("account", account).param("ids", batch).query(String.class).list();
            attachments.deleteOwners(account, TicketManagement.ATTACHMENT_OWNER, messageIds);
            jdbc.sql("update ticket_message set body = :neutral, html = false where account_id = :account and ticket_id in (:ids)")
                    .param("neutral", CustomerErasure.NEUTRAL_TEXT).param("account", account).param("ids", batch).update();
            jdbc.sql("""
                    update ticket set subject = :neutral, evaluation_comment = null, search_text = :search
                     where account_id = :account and id in (:ids)""")
                    .param("neutral", CustomerErasure.NEUTRAL_TEXT).param("search", neutralSearch)
                    .param("account", account).param("ids", batch).update();
            jdbc.sql("delete from ticket_field_value where account_id = :account and ticket_id in (:ids)")
                    .param("account", account).param("ids", batch).update();
            jdbc.sql("delete from ticket_reply_draft where account_id = :account and ticket_id in (:ids)")
                    .param("account", account).param("ids", batch).update();
            // The people copied on the ticket are personal data too.
            jdbc.sql("delete from ticket_follower where account_id = :account and ticket_id in (:ids)")
                    .param("account", account).param("ids", batch).update();
            jdbc.sql("""
                    update ticket_history set old_value = case when field in (:fields) then null else old_value end,
                           new_value = case when field in (:fields) then null else new_value end,
                           actor_id = case when actor_kind in ('CUSTOMER', 'EMAIL') then null else actor_id end,
                           actor_name = case when actor_kind in ('CUSTOMER', 'EMAIL') then :neutral else actor_name end
                     where account_id = :account and ticket_id in (:ids)""")
                    .param("fields", PERSONAL_FIELDS).param("neutral", CustomerErasure.NEUTRAL_TEXT)
                    .param("account", account).param("ids", batch).update();
        }
        forgetWordsNoTicketHas(account, oldWords);
    }

    /** PostgreSQL keeps the account's search vocabulary apart; words only the erased tickets had leave it. */
    void forgetWordsNoTicketHas(String account, Set<String> words) {
        words.remove("");
        if (database != Database.POSTGRESQL || words.isEmpty()) {
            return;
        }
        for (List<String> batch : batches(new ArrayList<>(words))) {
            jdbc.sql("""
                    delete from ticket_word w where w.account_id = :account and w.word in (:words)
                       and not exists (select 1 from ticket t where t.account_id = :account
                                          and t.search_vector @@ to_tsquery('simple', w.word))""")
                    .param("account", account).param("words", batch).update();
        }
    }

    static List<List<String>> batches(List<String> ids) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + 500)));
        }
        return batches;
    }
}
