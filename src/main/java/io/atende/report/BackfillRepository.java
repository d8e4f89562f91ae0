package io.atende.report;

import static io.atende.platform.SqlTimes.utc;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.atende.platform.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code report_backfill} (migration V160): which accounts' facts are to be computed again, and how far. */
@Repository
class BackfillRepository {

    /**
     * An account's pending recount.
     *
     * @param ticketAfter the last ticket id done, {@code ""} before the first; {@code null} once every ticket is done
     * @param chatAfter   the same for chats
     */
    record Backfill(String accountId, boolean full, String ticketAfter, String chatAfter, Instant requestedAt, int generation) {
    }

    private final JdbcClient jdbc;

    BackfillRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Asks for the account's facts to be computed again from the start (every ticket and chat when {@code full}). */
    void request(String accountId, boolean full, Instant now) {
        jdbc.sql("""
                insert into report_backfill (account_id, full_recount, ticket_after, chat_after, requested_at, generation)
                values (:account, :full, '', '', :now, 0) on conflict do nothing""")
                .param("account", accountId).param("full", full).param("now", utc(now)).update();
        jdbc.sql("""
                update report_backfill set full_recount = (full_recount or :full), ticket_after = '', chat_after = '',
                       requested_at = :now, generation = generation + 1
                where account_id = :account""")
                .param("account", accountId).param("full", full).param("now", utc(now)).update();
    }

    Optional<Backfill> find(String accountId) {
        return jdbc.sql("select account_id, full_recount, ticket_after, chat_after, requested_at, generation from report_backfill"
                        + " where account_id = :account")
                .param("account", accountId).query((rs, row) -> backfill(rs)).optional();
    }

    /**
     * Takes or renews the lease of one account's pending recount, the one this holder already works on first, else
     * the oldest whose lease is free or expired; empty when there is none (one read of an empty table, usually).
     */
    Optional<Backfill> claim(String holder, Instant now, Instant until) {
        var candidate = jdbc.sql("""
                select account_id, full_recount, ticket_after, chat_after, requested_at, generation from report_backfill
                where lease_owner = :holder or lease_until is null or lease_until <= :now
                order by case when lease_owner = :holder then 0 else 1 end, requested_at
                fetch first 1 rows only""")
                .param("holder", holder).param("now", utc(now)).query((rs, row) -> backfill(rs)).optional();
        if (candidate.isEmpty()) {
            return candidate;
        }
        int taken = jdbc.sql("""
                update report_backfill set lease_owner = :holder, lease_until = :until
                where account_id = :account and (lease_owner = :holder or lease_until is null or lease_until <= :now)""")
                .param("holder", holder).param("until", utc(until)).param("now", utc(now))
                .param("account", candidate.get().accountId()).update();
        return taken == 1 ? candidate : Optional.empty();
    }

    /** Records how far the walk got, unless the recount was asked for again meanwhile (its generation moved on). */
    void advance(Backfill backfill, String ticketAfter, String chatAfter) {
        jdbc.sql("""
                update report_backfill set ticket_after = :tickets, chat_after = :chats
                where account_id = :account and generation = :generation""")
                .param("tickets", ticketAfter).param("chats", chatAfter).param("account", backfill.accountId())
                .param("generation", backfill.generation()).update();
    }

    /** The recount is done, unless it was asked for again meanwhile. */
    void finish(Backfill backfill) {
        jdbc.sql("delete from report_backfill where account_id = :account and generation = :generation")
                .param("account", backfill.accountId()).param("generation", backfill.generation()).update();
    }

    /** Gives up the leases this holder has, so that another node may go on at once (on shutdown). */
    void release(String holder) {
        jdbc.sql("update report_backfill set lease_owner = null, lease_until = null where lease_owner = :holder")
                .param("holder", holder).update();
    }

    /** Those of these tickets that have facts. */
    Set<String> ticketsWithFacts(String accountId, Collection<String> ticketIds) {
        return ticketIds.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql("""
                        select distinct ticket_id from report_ticket_fact where account_id = :account and ticket_id in (:tickets)""")
                .param("account", accountId).param("tickets", List.copyOf(ticketIds)).query(String.class).list());
    }

    /** Those of these chats that have facts. */
    Set<String> chatsWithFacts(String accountId, Collection<String> chatIds) {
        return chatIds.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql("""
                        select chat_id from report_chat_fact where account_id = :account and chat_id in (:chats)""")
                .param("account", accountId).param("chats", List.copyOf(chatIds)).query(String.class).list());
    }

    private static Backfill backfill(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Backfill(rs.getString("account_id"), rs.getBoolean("full_recount"), rs.getString("ticket_after"),
                rs.getString("chat_after"), SqlTimes.instant(rs, "requested_at"), rs.getInt("generation"));
    }
}
