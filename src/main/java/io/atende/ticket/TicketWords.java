package io.atende.ticket;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every word of an account's tickets, kept on PostgreSQL so that a search prefix becomes the exact words it
 * stands for (V86 says why that is much faster). The list may hold words no ticket has any longer, or a word
 * twice; it must never miss a word a committed ticket has, so words are written in the transaction of the
 * ticket that brings them.
 */
@Component
class TicketWords {

    /** Code point U+10FFFF, which sorts after every word in the "C" collation: the open end of a prefix's range. */
    private static final String AFTER_EVERY_WORD = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final JdbcClient jdbc;
    /**
     * Words this node has seen committed, keyed by account and word. Most words of a new message are common
     * ones, so after a short while a ticket write finds all its words here and sends no statement for them.
     */
    private final Cache<String, Boolean> committed = Caffeine.newBuilder().maximumSize(200_000).build();

    TicketWords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the words the account's list does not have yet, in the caller's transaction. */
    void record(String accountId, Collection<String> words) {
        var unseen = unseen(accountId, words);
        if (unseen.isEmpty()) {
            return;
        }
        // The database's own parser makes the lexemes, so the list holds exactly what the tsvector holds.
        // Words another transaction is writing right now are not visible here and may be written twice.
        jdbc.sql("""
                insert into ticket_word (account_id, word)
                select :account, w.word from unnest(tsvector_to_array(to_tsvector('simple', :words))) as w(word)
                where not exists (select 1 from ticket_word k where k.account_id = :account and k.word = w.word)""")
                .param("account", accountId).param("words", String.join(" ", unseen))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(accountId, unseen);
                }
            });
        } else {
            remember(accountId, unseen);
        }
    }

    /**
     * The words this node has not seen committed in the account, each once. A word another node or transaction is
     * committing meanwhile may be among them: writing it again is harmless, missing it is not.
     */
    List<String> unseen(String accountId, Collection<String> words) {
        // Distinct first: a message repeats its common words, and each lookup builds a key and probes a large map.
        return words.stream().filter(word -> word.length() <= TicketRepository.MAX_WORD).distinct()
                .filter(word -> committed.getIfPresent(key(accountId, word)) == null).toList();
    }

    /**
     * The account's words that start with {@code prefix}, in order; empty when there are more than {@code limit}
     * of them, for then the prefix itself is the cheaper query.
     */
    Optional<List<String>> startingWith(String accountId, String prefix, int limit) {
        var words = jdbc.sql("""
                select distinct word from ticket_word
                where account_id = :account and word >= :prefix and word < :end
                order by word limit :limit""")
                .param("account", accountId).param("prefix", prefix).param("end", prefix + AFTER_EVERY_WORD)
                .param("limit", limit + 1)
                .query(String.class).list();
        return words.size() > limit ? Optional.empty() : Optional.of(words);
    }

    private void remember(String accountId, List<String> words) {
        words.forEach(word -> committed.put(key(accountId, word), Boolean.TRUE));
    }

    private static String key(String accountId, String word) {
        return accountId + ' ' + word;
    }
}
