package io.atende.ticket;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atende.platform.Actor;
import io.atende.platform.Actors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/**
 * The ticket's record of its transitions: each save of a ticket writes, in its transaction, what changed in the
 * fields the history follows ({@link Ticket#historyValues()}) and what the change noted besides (tags, custom field
 * values), in the name of the {@link Actors#current() current actor}. Being written under the ticket's row lock,
 * a ticket's entries are numbered without gaps in the order they happened.
 */
@Repository
class TicketHistory {

    /** A change of one field, as the aggregate or the management notes it. */
    record Change(TicketField field, String fieldRef, String oldValue, String newValue) {
    }

    /** A ticket just written, by whom and through which channel it was opened. */
    record Opened(Ticket ticket, Actor actor, TicketChannel channel) {
    }

    private record Row(Ticket ticket, int seq, Instant at, Actor actor, TicketChannel channel, Change change) {
    }

    /** The width of the actor columns: an e-mail address's longest. */
    private static final int MAX_ACTOR = 320;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    TicketHistory(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /**
     * Records the opening of each of the tickets just written as the first entry of its history, in one batch: the
     * tickets of a group commit are written while their account's protocol counter is held.
     */
    void recordOpenings(List<Opened> openings) {
        insert(openings.stream().map(opened -> new Row(opened.ticket(), 1, opened.ticket().createdAt, opened.actor(),
                opened.channel(), new Change(TicketField.OPENED, null, null, opened.ticket().situation.name()))).toList());
        openings.forEach(opened -> opened.ticket().recorded = opened.ticket().historyValues());
    }

    /** Records what changed in the ticket since it was loaded or last recorded, and what was noted on it. */
    void recordChanges(Ticket ticket, TicketChannel channel) {
        if (ticket.recorded == null) {
            return;
        }
        Map<TicketField, String> now = ticket.historyValues();
        List<Change> changes = new ArrayList<>();
        now.forEach((field, value) -> {
            String before = ticket.recorded.get(field);
            if (!Objects.equals(before, value)) {
                changes.add(new Change(field, null, before, value));
            }
        });
        changes.addAll(ticket.noted);
        ticket.noted.clear();
        ticket.recorded = now;
        if (changes.isEmpty()) {
            return;
        }
        int next = jdbc.sql("select coalesce(max(seq), 0) from ticket_history where account_id = :account and ticket_id = :ticket")
                .param("account", ticket.accountId).param("ticket", ticket.id).query(Integer.class).single() + 1;
        Actor actor = Actors.current();
        List<Row> rows = new ArrayList<>(changes.size());
        for (var change : changes) {
            rows.add(new Row(ticket, next++, ticket.updatedAt, actor, channel, change));
        }
        insert(rows);
    }

    /** A change the source of an import shows, by whom it names. */
    record Imported(Instant at, Actor actor, Change change) {
    }

    /**
     * Writes the history an imported ticket's source shows. A ticket whose history holds only imported entries gets it
     * anew (the source may show more now); one changed here since keeps its entries, and gets those of the source's
     * that came after its latest.
     */
    void recordImported(Ticket ticket, List<Imported> entries) {
        long ours = jdbc.sql("""
                        select count(*) from ticket_history where account_id = :account and ticket_id = :ticket
                           and actor_kind <> 'IMPORT'""")
                .param("account", ticket.accountId).param("ticket", ticket.id).query(Long.class).single();
        List<Imported> added = entries;
        int next = 1;
        if (ours == 0) {
            jdbc.sql("delete from ticket_history where account_id = :account and ticket_id = :ticket")
                    .param("account", ticket.accountId).param("ticket", ticket.id).update();
        } else {
            var latest = jdbc.sql("""
                            select max(occurred_at) as latest, max(seq) as seq from ticket_history
                             where account_id = :account and ticket_id = :ticket""")
                    .param("account", ticket.accountId).param("ticket", ticket.id)
                    .query((rs, n) -> new Object[] {instant(rs, "latest"), rs.getInt("seq")}).single();
            Instant after = (Instant) latest[0];
            next = (Integer) latest[1] + 1;
            added = entries.stream().filter(entry -> after == null || entry.at().isAfter(after)).toList();
        }
        List<Row> rows = new ArrayList<>(added.size());
        for (var entry : added) {
            rows.add(new Row(ticket, next++, entry.at(), entry.actor(), TicketChannel.OTHER, entry.change()));
        }
        insert(rows);
    }

    /** The ticket's history, oldest first. */
    List<TicketHistoryEntry> list(String accountId, String ticketId) {
        return jdbc.sql("""
                        select seq, occurred_at, actor_kind, actor_id, actor_name, field, field_ref, old_value, new_value, channel
                        from ticket_history where account_id = :account and ticket_id = :ticket order by seq""")
                .param("account", accountId).param("ticket", ticketId)
                .query((rs, n) -> new TicketHistoryEntry(ticketId, rs.getInt("seq"), instant(rs, "occurred_at"),
                        new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id"), rs.getString("actor_name")),
                        TicketField.valueOf(rs.getString("field")), rs.getString("field_ref"), rs.getString("old_value"),
                        rs.getString("new_value"), TicketChannel.valueOf(rs.getString("channel"))))
                .list();
    }

    private void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        named.batchUpdate("""
                insert into ticket_history (account_id, ticket_id, seq, occurred_at, actor_kind, actor_id, actor_name, field,
                    field_ref, old_value, new_value, channel)
                values (:account, :ticket, :seq, :at, :kind, :actorId, :actorName, :field, :ref, :old, :new, :channel)""",
                rows.stream().map(row -> new MapSqlParameterSource()
                        .addValue("account", row.ticket().accountId).addValue("ticket", row.ticket().id).addValue("seq", row.seq())
                        .addValue("at", utc(row.at())).addValue("kind", row.actor().kind().name())
                        .addValue("actorId", bounded(row.actor().id()), Types.VARCHAR)
                        .addValue("actorName", bounded(row.actor().name()), Types.VARCHAR)
                        .addValue("field", row.change().field().name()).addValue("ref", row.change().fieldRef(), Types.VARCHAR)
                        .addValue("old", row.change().oldValue(), Types.VARCHAR).addValue("new", row.change().newValue(), Types.VARCHAR)
                        .addValue("channel", (row.channel() != TicketChannel.OTHER ? row.channel() : channelOf(row.actor())).name()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** An actor's id or name as stored: names and addresses are checked where they are made, a rule's may be longer. */
    private static String bounded(String text) {
        return text == null || text.length() <= MAX_ACTOR ? text : text.substring(0, MAX_ACTOR);
    }

    /** The channel a caller that named none acted through, as its actor tells. */
    private static TicketChannel channelOf(Actor actor) {
        return switch (actor.kind()) {
            case OPERATOR -> TicketChannel.CONSOLE;
            case CUSTOMER -> TicketChannel.PORTAL;
            case API_TOKEN -> TicketChannel.API;
            case EMAIL -> TicketChannel.EMAIL;
            case RULE, ASSIGNMENT, IMPORT, SYSTEM -> TicketChannel.OTHER;
        };
    }
}
