package io.atende.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import io.atende.department.DepartmentVisibility;
import io.atende.customfield.CustomFieldValue;
import io.atende.platform.Database;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class TicketRepository {

    private static final String TICKET_COLUMNS = """
            t.id, t.protocol, t.subject, t.ticket_type, t.priority, t.customer_id, t.department_id, t.category_id,
            t.operator_id, t.parent_ticket_id, t.situation, t.situation_at, t.status_id, t.status_at, t.work_time, t.reopened,
            t.message_count, t.evaluation_grade, t.evaluation_solved, t.evaluation_comment, t.evaluated_at, t.created_at,
            t.first_reply_at, t.end_at, t.updated_at, t.merged_into_ticket_id""";

    /** The columns a new ticket and a new message are written with, in the order of their values. */
    static final String INSERTED_TICKET_COLUMNS = """
            account_id, id, protocol, subject, ticket_type, priority, customer_id, department_id, category_id, operator_id,
            parent_ticket_id, situation, situation_at, status_id, status_at, work_time, reopened, message_count, search_text,
            created_at, updated_at""";
    static final String INSERTED_MESSAGE_COLUMNS = "account_id, id, ticket_id, position, kind, operator_id, body, html, created_at";

    static final int MAX_SEARCH_TEXT = 150_000;
    static final int MAX_WORD = 100;

    private final JdbcClient jdbc;
    private final TicketTally tally;
    /** Search, batch writes and planner figures, as this database does them. */
    private final TicketSql sql;
    /** A search counts its matches up to here (by default 1,000: 20 pages of 50). */
    private final int searchCountCap;
    /** A search the planner expects this many matches of or more is not counted (see list). */
    private final long searchUncountedFrom;
    private final Clock clock;

    TicketRepository(JdbcClient jdbc, TicketTally tally, TicketWords words, Database database,
                     @Value("${atende.tickets.search-count-cap:1000}") int searchCountCap,
                     @Value("${atende.tickets.search-expansion-limit:64}") int searchExpansionLimit,
                     @Value("${atende.tickets.search-uncounted-from:10000}") long searchUncountedFrom, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tally = tally;
        this.searchCountCap = searchCountCap;
        this.searchUncountedFrom = searchUncountedFrom;
        this.sql = TicketSql.of(database, jdbc, words, searchExpansionLimit);
    }

    /** Inserts the ticket as it stands, its search words included. */
    void insert(Ticket ticket, String searchText) {
        jdbc.sql("insert into ticket (" + INSERTED_TICKET_COLUMNS + ") " + """
                 values (:account, :id, :protocol, :subject, :type, :priority, :customer, :department, :category, :operator,
                    :parent, :situation, :situationAt, null, null, 0, false, :messages, :search, :now, :updated)""")
                .param("account", ticket.accountId).param("id", ticket.id).param("protocol", ticket.protocol)
                .param("subject", ticket.subject).param("type", StoredCodes.type(ticket.ticketType))
                .param("priority", StoredCodes.priority(ticket.priority))
                .param("customer", ticket.customerId).param("department", ticket.departmentId)
                .param("category", ticket.categoryId).param("operator", ticket.operatorId).param("parent", ticket.parentTicketId)
                .param("situation", StoredCodes.situation(ticket.situation)).param("situationAt", utc(ticket.situationAt))
                .param("messages", ticket.messageCount).param("search", searchText)
                .param("now", utc(ticket.createdAt)).param("updated", utc(ticket.updatedAt))
                .update();
        ticket.tallied = TicketTally.Key.of(ticket);
        tally.add(ticket.accountId, ticket.tallied);
    }

    /**
     * Moves the search index's pending entries into the index (see TicketSearchIndexUpkeep) and answers the pages
     * moved; empty on H2, which has no such index.
     */
    OptionalLong movePendingSearchEntries() {
        return sql.movePendingSearchEntries();
    }

    /** A ticket to open, with the words it is found by and its opening message. */
    record NewTicket(Ticket ticket, String searchText, TicketMessageView opening) {
    }

    /**
     * On PostgreSQL, advances the account's ticket counter by the number of tickets and writes them numbered in
     * their order, with their opening messages and tallies, in one statement, and answers the first ticket's
     * protocol. Creations of an account wait on the counter row from its increment until the commit, so each
     * statement saved there is throughput. Empty, having written nothing, on H2 and when the account has no counter
     * row yet (its first ticket): the caller then takes the numbers from ProtocolCounters and writes the rows one by
     * one.
     */
    OptionalLong insertNumbered(String accountId, List<NewTicket> tickets) {
        return sql.insertNumbered(accountId, tickets);
    }

    /** The ticket, locked until the transaction ends: changes of one ticket are serialized. */
    Optional<Ticket> lock(String accountId, String ticketId) {
        return jdbc.sql("select " + TICKET_COLUMNS + " from ticket t where t.account_id = :account and t.id = :id for update")
                .param("account", accountId).param("id", ticketId)
                .query((rs, n) -> toTicket(accountId, rs)).optional()
                .map(ticket -> {
                    ticket.tallied = TicketTally.Key.of(ticket);
                    ticket.recorded = ticket.historyValues();
                    return ticket;
                });
    }

    /** Up to {@code limit} ids after {@code afterId} in id order. */
    List<String> idsAfter(String accountId, String afterId, int limit) {
        return jdbc.sql("select id from ticket where account_id = :account and id > :after order by id fetch first "
                        + limit + " rows only")
                .param("account", accountId).param("after", afterId).query(String.class).list();
    }

    /** Locks these tickets until the transaction ends, in id order. */
    void lock(String accountId, Collection<String> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("select id from ticket where account_id = :account and id in (:ids) order by id for update")
                    .param("account", accountId).param("ids", List.copyOf(ids)).query(String.class).list();
        }
    }

    /** When the ticket last changed, empty when the account has no such ticket. */
    Optional<Instant> updatedAt(String accountId, String ticketId) {
        return jdbc.sql("select updated_at from ticket where account_id = :account and id = :id")
                .param("account", accountId).param("id", ticketId).query((rs, n) -> instant(rs, "updated_at")).optional();
    }

    boolean exists(String accountId, String ticketId) {
        return jdbc.sql("select count(*) from ticket where account_id = :account and id = :id")
                .param("account", accountId).param("id", ticketId).query(Long.class).single() > 0;
    }

    void update(Ticket ticket) {
        jdbc.sql("""
                update ticket set subject = :subject, priority = :priority, department_id = :department, category_id = :category,
                    operator_id = :operator, situation = :situation, situation_at = :situationAt, status_id = :status,
                    status_at = :statusAt, work_time = :workTime, reopened = :reopened, message_count = :messages,
                    evaluation_grade = :grade, evaluation_solved = :solved, evaluation_comment = :comment, evaluated_at = :evaluatedAt,
                    first_reply_at = :firstReply, end_at = :endAt, updated_at = :updatedAt, customer_id = :customer,
                    parent_ticket_id = :parent, merged_into_ticket_id = :mergedInto
                where account_id = :account and id = :id""")
                .param("customer", ticket.customerId).param("parent", ticket.parentTicketId)
                .param("mergedInto", ticket.mergedIntoTicketId)
                .param("account", ticket.accountId).param("id", ticket.id).param("subject", ticket.subject)
                .param("priority", StoredCodes.priority(ticket.priority)).param("department", ticket.departmentId)
                .param("category", ticket.categoryId)
                .param("operator", ticket.operatorId).param("situation", StoredCodes.situation(ticket.situation))
                .param("situationAt", utc(ticket.situationAt)).param("status", ticket.statusId).param("statusAt", utc(ticket.statusAt))
                .param("workTime", ticket.workTime).param("reopened", ticket.reopened).param("messages", ticket.messageCount)
                .param("grade", ticket.evaluationGrade).param("solved", StoredCodes.solved(ticket.problemSolved))
                .param("comment", ticket.evaluationComment).param("evaluatedAt", utc(ticket.evaluatedAt))
                .param("firstReply", utc(ticket.firstReplyAt)).param("endAt", utc(ticket.endAt))
                .param("updatedAt", utc(ticket.updatedAt))
                .update();
        var now = TicketTally.Key.of(ticket);
        tally.move(ticket.accountId, ticket.tallied, now);
        ticket.tallied = now;
    }

    /**
     * The words {@link #recordSearchWords} would still have to write (on PostgreSQL; H2 keeps no list and needs
     * none). A ticket's words are narrowed down with this before it takes its turn on the protocol counter.
     */
    List<String> unrecordedSearchWords(String accountId, List<String> searchWords) {
        return sql.unrecordedSearchWords(accountId, searchWords);
    }

    /** Makes the words searchable as whole words in the account (PostgreSQL), before a ticket's text gets them. */
    void recordSearchWords(String accountId, List<String> searchWords) {
        sql.recordSearchWords(accountId, searchWords);
    }

    /** Adds the words the ticket's text does not have yet (see {@link SearchText#withWords}). */
    void addSearchWords(String accountId, String ticketId, List<String> words) {
        if (words.isEmpty()) {
            return;
        }
        recordSearchWords(accountId, words);
        String current = jdbc.sql("select search_text from ticket where account_id = :account and id = :id")
                .param("account", accountId).param("id", ticketId).query(String.class).single();
        String text = SearchText.withWords(current, words, MAX_WORD, MAX_SEARCH_TEXT);
        if (text.length() == current.length()) {
            return;
        }
        jdbc.sql("update ticket set search_text = :text where account_id = :account and id = :id")
                .param("account", accountId).param("id", ticketId).param("text", text).update();
    }

    void insertMessage(String accountId, String ticketId, TicketMessageView message) {
        jdbc.sql("insert into ticket_message (" + INSERTED_MESSAGE_COLUMNS + ")"
                        + " values (:account, :id, :ticket, :position, :kind, :operator, :body, :html, :now)")
                .param("account", accountId).param("id", message.id()).param("ticket", ticketId)
                .param("position", message.position()).param("kind", message.kind().name()).param("operator", message.operatorId())
                .param("body", message.body()).param("html", message.html()).param("now", utc(message.createdAt()))
                .update();
    }

    /** The messages of each of the tickets, in position order, keyed by ticket id. */
    Map<String, List<TicketMessageView>> messages(String accountId, Collection<String> ticketIds) {
        return byTicket("""
                select ticket_id, id, position, kind, operator_id, body, html, created_at from ticket_message
                where account_id = :account and ticket_id in (:tickets) order by ticket_id, position""", accountId, ticketIds,
                (rs, n) -> new TicketMessageView(rs.getString("id"), rs.getInt("position"), MessageKind.valueOf(rs.getString("kind")),
                        rs.getString("operator_id"), rs.getString("body"), rs.getBoolean("html"), instant(rs, "created_at"), List.of()));
    }

    /** The rows {@code sql} reads for the tickets ({@code :account}, {@code :tickets}), grouped by its ticket_id column in its order. */
    private <T> Map<String, List<T>> byTicket(String sql, String accountId, Collection<String> ticketIds, RowMapper<T> row) {
        Map<String, List<T>> byTicket = new LinkedHashMap<>();
        jdbc.sql(sql).param("account", accountId).param("tickets", ticketIds)
                .query(rs -> {
                    byTicket.computeIfAbsent(rs.getString("ticket_id"), ticket -> new ArrayList<>()).add(row.mapRow(rs, 0));
                });
        return byTicket;
    }

    void recordOperatorLink(String accountId, String ticketId, String operatorId, Instant now) {
        jdbc.sql("""
                insert into ticket_operator_link (account_id, ticket_id, operator_id, linked_at)
                values (:account, :ticket, :operator, :now) on conflict do nothing""")
                .param("account", accountId).param("ticket", ticketId).param("operator", operatorId).param("now", utc(now))
                .update();
    }

    /**
     * Whether the operator was ever linked to a ticket or wrote anything in one: a message or internal comment (any
     * operator may comment), a status change or a stopwatch entry. Deleting them would leave those without author.
     */
    boolean operatorEverLinked(String accountId, String operatorId) {
        return jdbc.sql("""
                select case when exists (select 1 from ticket_operator_link where account_id = :account and operator_id = :operator)
                    or exists (select 1 from ticket_message where account_id = :account and operator_id = :operator)
                    or exists (select 1 from ticket_status_history where account_id = :account
                               and (start_operator_id = :operator or end_operator_id = :operator))
                    or exists (select 1 from ticket_stopwatch where account_id = :account and operator_id = :operator)
                    then 1 else 0 end""")
                .param("account", accountId).param("operator", operatorId).query(Integer.class).single() == 1;
    }

    List<String> idsOfCustomer(String accountId, String customerId) {
        return jdbc.sql("select id from ticket where account_id = :account and customer_id = :customer order by protocol")
                .param("account", accountId).param("customer", customerId).query(String.class).list();
    }

    void changeCustomer(String accountId, String ticketId, String customerId) {
        jdbc.sql("update ticket set customer_id = :customer where account_id = :account and id = :id")
                .param("account", accountId).param("id", ticketId).param("customer", customerId).update();
    }

    boolean referencesCustomer(String accountId, String customerId) {
        return jdbc.sql("select count(*) from ticket where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId).query(Long.class).single() > 0;
    }

    boolean referencesDepartment(String accountId, String departmentId) {
        return jdbc.sql("select count(*) from ticket where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).query(Long.class).single() > 0;
    }

    boolean referencesCategory(String accountId, String categoryId) {
        return jdbc.sql("select count(*) from ticket where account_id = :account and category_id = :category")
                .param("account", accountId).param("category", categoryId).query(Long.class).single() > 0;
    }

    boolean usesStatus(String accountId, String statusId) {
        return jdbc.sql("select count(*) from ticket_status_history where account_id = :account and status_id = :status")
                .param("account", accountId).param("status", statusId).query(Long.class).single() > 0;
    }

    void startStatus(String accountId, String ticketId, TicketStatusPeriod period) {
        jdbc.sql("""
                insert into ticket_status_history (account_id, id, ticket_id, status_id, start_at, start_comment, start_operator_id)
                values (:account, :id, :ticket, :status, :start, :comment, :operator)""")
                .param("account", accountId).param("id", period.id()).param("ticket", ticketId).param("status", period.statusId())
                .param("start", utc(period.startAt())).param("comment", period.startComment())
                .param("operator", period.startOperatorId())
                .update();
    }

    /** Replaces the ticket's custom-status history with these periods (an import writes them as the source shows them). */
    void replaceStatusHistory(String accountId, String ticketId, List<TicketStatusPeriod> periods) {
        jdbc.sql("delete from ticket_status_history where account_id = :account and ticket_id = :ticket")
                .param("account", accountId).param("ticket", ticketId).update();
        for (var period : periods) {
            jdbc.sql("""
                    insert into ticket_status_history (account_id, id, ticket_id, status_id, start_at, start_comment, start_operator_id,
                                                       end_at, end_operator_id)
                    values (:account, :id, :ticket, :status, :start, :comment, :operator, :end, :endOperator)""")
                    .param("account", accountId).param("id", period.id()).param("ticket", ticketId).param("status", period.statusId())
                    .param("start", utc(period.startAt())).param("comment", period.startComment())
                    .param("operator", period.startOperatorId()).param("end", utc(period.endAt()))
                    .param("endOperator", period.endOperatorId())
                    .update();
        }
    }

    void endStatus(String accountId, String ticketId, Instant now, String operatorId) {
        jdbc.sql("""
                update ticket_status_history set end_at = :now, end_operator_id = :operator
                where account_id = :account and ticket_id = :ticket and end_at is null""")
                .param("account", accountId).param("ticket", ticketId).param("now", utc(now)).param("operator", operatorId)
                .update();
    }

    /** The custom-status history of each of the tickets, keyed by ticket id. */
    Map<String, List<TicketStatusPeriod>> statuses(String accountId, Collection<String> ticketIds) {
        return byTicket("""
                select ticket_id, id, status_id, start_at, start_comment, start_operator_id, end_at, end_operator_id
                from ticket_status_history where account_id = :account and ticket_id in (:tickets) order by ticket_id, start_at, id""",
                accountId, ticketIds,
                (rs, n) -> new TicketStatusPeriod(rs.getString("id"), rs.getString("status_id"), instant(rs, "start_at"),
                        rs.getString("start_comment"), rs.getString("start_operator_id"), instant(rs, "end_at"),
                        rs.getString("end_operator_id")));
    }

    void insertStopwatch(String accountId, String ticketId, StopwatchEntry entry) {
        jdbc.sql("""
                insert into ticket_stopwatch (account_id, id, ticket_id, operator_id, start_at, end_at, seconds)
                values (:account, :id, :ticket, :operator, :start, :end, :seconds)""")
                .param("account", accountId).param("id", entry.id()).param("ticket", ticketId).param("operator", entry.operatorId())
                .param("start", utc(entry.startAt())).param("end", utc(entry.endAt())).param("seconds", entry.seconds())
                .update();
    }

    void deleteStopwatch(String accountId, String ticketId) {
        jdbc.sql("delete from ticket_stopwatch where account_id = :account and ticket_id = :ticket")
                .param("account", accountId).param("ticket", ticketId).update();
    }

    void deleteFieldValues(String accountId, String ticketId) {
        jdbc.sql("delete from ticket_field_value where account_id = :account and ticket_id = :ticket and phase in ('O', 'F')")
                .param("account", accountId).param("ticket", ticketId).update();
    }

    /** The stopwatch entries of each of the tickets, keyed by ticket id. */
    Map<String, List<StopwatchEntry>> stopwatch(String accountId, Collection<String> ticketIds) {
        return byTicket("""
                select ticket_id, id, operator_id, start_at, end_at, seconds from ticket_stopwatch
                where account_id = :account and ticket_id in (:tickets) order by ticket_id, start_at, id""", accountId, ticketIds,
                (rs, n) -> new StopwatchEntry(rs.getString("id"), rs.getString("operator_id"), instant(rs, "start_at"),
                        instant(rs, "end_at"), rs.getLong("seconds")));
    }

    boolean addTag(String accountId, String ticketId, String key, String tag, Instant now) {
        return jdbc.sql("""
                insert into ticket_tag (account_id, ticket_id, tag_key, tag, created_at)
                values (:account, :ticket, :key, :tag, :now) on conflict do nothing""")
                .param("account", accountId).param("ticket", ticketId).param("key", key).param("tag", tag).param("now", utc(now))
                .update() == 1;
    }

    boolean removeTag(String accountId, String ticketId, String key) {
        return jdbc.sql("delete from ticket_tag where account_id = :account and ticket_id = :ticket and tag_key = :key")
                .param("account", accountId).param("ticket", ticketId).param("key", key).update() == 1;
    }

    /** The tags of each of the tickets, keyed by ticket id. */
    Map<String, List<String>> tags(String accountId, Collection<String> ticketIds) {
        return byTicket("select ticket_id, tag from ticket_tag where account_id = :account and ticket_id in (:tickets) order by ticket_id, tag_key",
                accountId, ticketIds, (rs, n) -> rs.getString("tag"));
    }

    void insertFieldValues(String accountId, String ticketId, char phase, List<CustomFieldValue> values) {
        int position = 0;
        for (var value : values) {
            jdbc.sql("""
                    insert into ticket_field_value (account_id, ticket_id, phase, field_id, position, label, field_value)
                    values (:account, :ticket, :phase, :field, :position, :label, :value)""")
                    .param("account", accountId).param("ticket", ticketId).param("phase", String.valueOf(phase))
                    .param("field", value.fieldId()).param("position", position++).param("label", value.label())
                    .param("value", value.value())
                    .update();
        }
    }

    /** Replaces the ticket's value of one field in the phase, or adds it after the others. */
    void putFieldValue(String accountId, String ticketId, char phase, CustomFieldValue value) {
        int updated = jdbc.sql("""
                update ticket_field_value set label = :label, field_value = :value
                where account_id = :account and ticket_id = :ticket and phase = :phase and field_id = :field""")
                .param("account", accountId).param("ticket", ticketId).param("phase", String.valueOf(phase))
                .param("field", value.fieldId()).param("label", value.label()).param("value", value.value())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into ticket_field_value (account_id, ticket_id, phase, field_id, position, label, field_value)
                    select :account, :ticket, :phase, :field, coalesce(max(position) + 1, 0), :label, :value
                    from ticket_field_value where account_id = :account and ticket_id = :ticket and phase = :phase""")
                    .param("account", accountId).param("ticket", ticketId).param("phase", String.valueOf(phase))
                    .param("field", value.fieldId()).param("label", value.label()).param("value", value.value())
                    .update();
        }
    }

    void deleteFieldValue(String accountId, String ticketId, char phase, String fieldId) {
        jdbc.sql("delete from ticket_field_value where account_id = :account and ticket_id = :ticket and phase = :phase and field_id = :field")
                .param("account", accountId).param("ticket", ticketId).param("phase", String.valueOf(phase)).param("field", fieldId)
                .update();
    }

    /** The custom field values of each of the tickets by phase ('O' opening, 'F' finish), keyed by ticket id. */
    Map<String, Map<Character, List<CustomFieldValue>>> fieldValues(String accountId, Collection<String> ticketIds) {
        Map<String, Map<Character, List<CustomFieldValue>>> byTicket = new LinkedHashMap<>();
        jdbc.sql("""
                select ticket_id, phase, field_id, label, field_value from ticket_field_value
                where account_id = :account and ticket_id in (:tickets) order by ticket_id, phase, position""")
                .param("account", accountId).param("tickets", ticketIds)
                .query(rs -> {
                    byTicket.computeIfAbsent(rs.getString("ticket_id"), ticket -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString("phase").charAt(0), phase -> new ArrayList<>())
                            .add(new CustomFieldValue(rs.getString("field_id"), rs.getString("label"), rs.getString("field_value")));
                });
        return byTicket;
    }

    Optional<TicketView> find(String accountId, String ticketId) {
        return jdbc.sql(viewSelect() + " where t.account_id = :account and t.id = :id")
                .param("account", accountId).param("id", ticketId).query(TicketRepository::toView).optional();
    }

    /** The tickets of the account with those ids, in no particular order (those that do not exist are left out). */
    List<TicketView> find(String accountId, Collection<String> ticketIds) {
        return jdbc.sql(viewSelect() + " where t.account_id = :account and t.id in (:ids)")
                .param("account", accountId).param("ids", ticketIds).query(TicketRepository::toView).list();
    }

    /** The parent of the ticket, empty when it has none or the account has no such ticket. */
    Optional<String> parentOf(String accountId, String ticketId) {
        return jdbc.sql("select parent_ticket_id from ticket where account_id = :account and id = :id")
                .param("account", accountId).param("id", ticketId).query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional().flatMap(parent -> parent);
    }

    /**
     * Moves the messages of {@code fromTicketId} other than its opening to {@code intoTicketId}: the target keeps its
     * opening message first and the rest of both conversations follow in the order they were written (ties in the
     * order each ticket had them). Answers the target's new number of messages.
     */
    int moveMessages(String accountId, String fromTicketId, String intoTicketId) {
        var target = messages(accountId, List.of(intoTicketId)).getOrDefault(intoTicketId, List.of());
        var moved = messages(accountId, List.of(fromTicketId)).getOrDefault(fromTicketId, List.of()).stream()
                .filter(message -> message.position() > 0).toList();
        if (moved.isEmpty()) {
            return target.size();
        }
        record Placed(TicketMessageView message, int order) {
        }
        List<Placed> rest = new ArrayList<>();
        for (var message : target) {
            if (message.position() > 0) {
                rest.add(new Placed(message, 0));
            }
        }
        moved.forEach(message -> rest.add(new Placed(message, 1)));
        rest.sort(java.util.Comparator.comparing((Placed placed) -> placed.message().createdAt())
                .thenComparing(Placed::order).thenComparing(placed -> placed.message().position()));
        // Out of the way first, so that no two rows of the target ever share a position while they are renumbered.
        jdbc.sql("update ticket_message set position = position + :shift where account_id = :account and ticket_id in (:tickets)"
                        + " and position > 0")
                .param("shift", SHIFT).param("account", accountId).param("tickets", List.of(fromTicketId, intoTicketId)).update();
        int position = 1;
        for (var placed : rest) {
            jdbc.sql("update ticket_message set ticket_id = :ticket, position = :position where account_id = :account and id = :id")
                    .param("ticket", intoTicketId).param("position", position++).param("account", accountId)
                    .param("id", placed.message().id()).update();
        }
        return position;
    }

    /** Added to positions while a conversation is renumbered: beyond any ticket's number of messages. */
    private static final int SHIFT = 1_000_000_000;

    /** The department of the ticket a message belongs to, if the account has that message. */
    Optional<String> departmentOfMessage(String accountId, String messageId) {
        return jdbc.sql("""
                select t.department_id from ticket_message m
                  join ticket t on t.account_id = m.account_id and t.id = m.ticket_id
                 where m.account_id = :account and m.id = :message""")
                .param("account", accountId).param("message", messageId).query(String.class).optional();
    }

    /** The children of each of the tickets (staggered tickets), in protocol order, keyed by parent id. */
    Map<String, List<TicketView>> children(String accountId, Collection<String> ticketIds) {
        return jdbc.sql(viewSelect() + " where t.account_id = :account and t.parent_ticket_id in (:ids) order by t.protocol")
                .param("account", accountId).param("ids", ticketIds).query(TicketRepository::toView).stream()
                .collect(Collectors.groupingBy(TicketView::parentTicketId, LinkedHashMap::new, Collectors.toList()));
    }

    Page<TicketView> list(String accountId, TicketQuery filter, PageRequest page) {
        if (filter.customerIds() != null && filter.customerIds().isEmpty() || nothingVisible(filter)) {
            return new Page<>(List.of(), 0, page);
        }
        var where = where(accountId, filter);
        if (searching(filter) && page.offset() < searchCountCap && plannerExpectsUncounted(where)) {
            // Counting a word in tens of thousands of tickets up to the cap reads thousands of rows back (the stored
            // tsvector of each), where the page alone reads a few dozen: when the planner's statistics put the matches
            // far beyond the cap, a full page is taken as the sign that they are, and a short page gives the exact size.
            int wanted = (int) Math.min(page.size(), searchCountCap - page.offset());
            var items = page(where, filter, wanted, page.offset());
            if (items.size() == wanted) {
                return new Page<>(items, searchCountCap, page, true);
            }
            if (!items.isEmpty()) {
                return new Page<>(items, page.offset() + items.size(), page, false);
            }
        }
        long total = count(accountId, filter, where);
        boolean capped = searching(filter) && total >= searchCountCap;
        if (total == 0 || page.offset() >= total) {
            return new Page<>(List.of(), total, page, capped);
        }
        var items = page(where, filter, capped ? Math.min(page.size(), total - page.offset()) : page.size(), page.offset());
        return new Page<>(items, total, page, capped);
    }

    private List<TicketView> page(Condition where, TicketQuery filter, long limit, long offset) {
        String direction = filter.ascending() ? " asc" : " desc";
        String order = switch (filter.sort()) {
            case PROTOCOL -> "t.protocol" + direction;
            case CREATED -> "t.created_at" + direction + ", t.id" + direction;
            case UPDATED -> "t.updated_at" + direction + ", t.id" + direction;
            case SLA_DEADLINE -> "t.sla_deadline" + direction + " nulls last, t.id" + direction;
            case PRIORITY -> "t.priority" + direction + ", t.protocol" + direction;
        };
        // The page's keys first (from an index where one fits), then the rows and opening messages of those
        // keys only: skipped rows of an offset are never joined to their messages. In protocol order the key is the
        // protocol, which the list indexes ordered by it end with, so that the keys (skipped ones included) come from
        // the index alone, without reading a ticket's row (2 to 3 kB, with its search vector) for each.
        // Priority order ends with the protocol too (ticket_priority_idx), so its keys also come from the index alone.
        String key = filter.sort() == TicketQuery.Sort.PROTOCOL || filter.sort() == TicketQuery.Sort.PRIORITY ? "protocol" : "id";
        return jdbc.sql("select " + TICKET_COLUMNS + ", m.body, m.html"
                        + " from (select t." + key + " from ticket t" + where.sql() + " order by " + order
                        + " limit :limit offset :offset) p"
                        + " join ticket t on t.account_id = :account and t." + key + " = p." + key
                        + " join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0"
                        + " order by " + order)
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(TicketRepository::toView).list();
    }

    /**
     * Whether PostgreSQL's planner expects at least {@code search-uncounted-from} matches (10,000, ten times the
     * count cap, by default), from its statistics of the words (the frequencies of the table's thousand most
     * common words). H2 keeps no such figures.
     */
    private boolean plannerExpectsUncounted(Condition where) {
        var rows = sql.plannedRows(where.sql(), where.params());
        return rows.isPresent() && rows.getAsLong() >= searchUncountedFrom;
    }

    TicketTallies tallies(String accountId, String operatorId, DepartmentVisibility visibility) {
        return tally.all(accountId, operatorId, visibility);
    }

    /** How many tickets match the filter. */
    long count(String accountId, TicketQuery filter) {
        if (filter.customerIds() != null && filter.customerIds().isEmpty() || nothingVisible(filter)) {
            return 0;
        }
        return count(accountId, filter, where(accountId, filter));
    }

    private long count(String accountId, TicketQuery filter, Condition where) {
        if (where.params().size() == 1) {
            return countAll(accountId);
        }
        if (searching(filter)) {
            // A common word matches most tickets, and counting them all means reading most of the table; no one
            // pages that far, so the count stops at the cap (the first matches found, in whatever order is cheapest).
            return jdbc.sql("select count(*) from (select 1 from ticket t" + where.sql() + " limit " + searchCountCap + ") m")
                    .params(where.params()).query(Long.class).single();
        }
        return tally.count(accountId, filter).orElseGet(() -> jdbc.sql("select count(*) from ticket t" + where.sql())
                .params(where.params()).query(Long.class).single());
    }

    /** Whether the asker sees no department at all (an agent of none): no ticket, without asking the database. */
    private static boolean nothingVisible(TicketQuery filter) {
        return !filter.visibility().all() && filter.visibility().departmentIds().isEmpty();
    }

    private static boolean searching(TicketQuery filter) {
        return !SearchText.words(filter.text()).isEmpty();
    }

    /** A filter as a where clause on {@code ticket t} and its parameters (the account's is always the first). */
    private record Condition(String sql, Map<String, Object> params) {
    }

    private Condition where(String accountId, TicketQuery filter) {
        List<String> where = new ArrayList<>(List.of("t.account_id = :account"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        if (filter.customerIds() != null) {
            where.add("t.customer_id in (:customers)");
            params.put("customers", filter.customerIds());
        }
        in(where, params, "t.situation", "situations", StoredCodes.situations(filter.situations()));
        in(where, params, "t.priority", "priorities", StoredCodes.priorities(filter.priorities()));
        equal(where, params, "t.department_id", "department", filter.departmentId());
        if (!filter.visibility().all()) {
            // Never empty: a visibility of no department is answered without a query (see nothingVisible).
            where.add("t.department_id in (:visibleDepartments)");
            params.put("visibleDepartments", filter.visibility().departmentIds());
        }
        equal(where, params, "t.status_id", "status", filter.statusId());
        equal(where, params, "t.category_id", "category", filter.categoryId());
        equal(where, params, "t.operator_id", "operator", filter.operatorId());
        if (filter.unassigned()) {
            where.add("t.operator_id is null");
        }
        compare(where, params, "t.created_at >= :createdFrom", "createdFrom", utc(filter.createdFrom()));
        compare(where, params, "t.created_at <= :createdTo", "createdTo", utc(filter.createdTo()));
        compare(where, params, "t.updated_at >= :updatedFrom", "updatedFrom", utc(filter.updatedFrom()));
        compare(where, params, "t.protocol >= :minProtocol", "minProtocol", filter.minProtocol());
        compare(where, params, "t.protocol <= :maxProtocol", "maxProtocol", filter.maxProtocol());
        if (!filter.slaStatuses().isEmpty()) {
            where.add(filter.slaStatuses().stream().map(TicketRepository::slaCondition)
                    .collect(Collectors.joining(" or ", "(", ")")));
            params.put("slaNow", utc(clock.instant()));
        }
        var words = SearchText.words(filter.text());
        if (!words.isEmpty()) {
            sql.matchWords(accountId, words, where, params);
        }
        return new Condition(" where " + String.join(" and ", where), params);
    }

    /** The condition of {@link TicketSlaState#statusAt} on the ticket's columns, at {@code :slaNow}. */
    private static String slaCondition(SlaStatus status) {
        return switch (status) {
            case BREACHED -> "t.sla_deadline <= :slaNow";
            case PAUSED -> "(t.sla_paused = true and t.sla_deadline is null)";
            case AT_RISK -> "(t.sla_deadline > :slaNow and t.sla_paused = false and t.sla_warning_at <= :slaNow)";
            case OK -> "(t.sla_deadline > :slaNow and t.sla_paused = false and (t.sla_warning_at is null or t.sla_warning_at > :slaNow))";
        };
    }

    /** The nearest SLA state of each of these tickets, by id (tickets of another account are absent). */
    Map<String, TicketSlaState> slaStates(String accountId, Collection<String> ticketIds) {
        Map<String, TicketSlaState> states = new LinkedHashMap<>();
        if (ticketIds.isEmpty()) {
            return states;
        }
        jdbc.sql("select id, sla_deadline, sla_warning_at, sla_paused from ticket where account_id = :account and id in (:ids)")
                .param("account", accountId).param("ids", ticketIds)
                .query(rs -> {
                    states.put(rs.getString("id"), new TicketSlaState(instant(rs, "sla_deadline"), instant(rs, "sla_warning_at"),
                            rs.getBoolean("sla_paused")));
                });
        return states;
    }

    /** Stores the ticket's nearest SLA state; not a change of the ticket (its update time stays). */
    void recordSlaState(String accountId, String ticketId, TicketSlaState state) {
        jdbc.sql("update ticket set sla_deadline = :deadline, sla_warning_at = :warning, sla_paused = :paused"
                        + " where account_id = :account and id = :id")
                .param("deadline", utc(state.deadline())).param("warning", utc(state.warningAt()))
                .param("paused", state.paused()).param("account", accountId).param("id", ticketId).update();
    }

    /**
     * How many tickets the account has: the sum of its tally rows (a few hundred at most, changed in every ticket's
     * transaction). Not the highest protocol: tickets imported from another help desk keep protocols with gaps.
     */
    private long countAll(String accountId) {
        return jdbc.sql("select coalesce(sum(tickets), 0) from ticket_tally where account_id = :account")
                .param("account", accountId).query(Long.class).single();
    }

    private static void in(List<String> where, Map<String, Object> params, String column, String name, Collection<Integer> values) {
        if (values != null && !values.isEmpty()) {
            where.add(column + " in (:" + name + ")");
            params.put(name, values);
        }
    }

    private static void equal(List<String> where, Map<String, Object> params, String column, String name, String value) {
        if (value != null) {
            where.add(column + " = :" + name);
            params.put(name, value);
        }
    }

    private static void compare(List<String> where, Map<String, Object> params, String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            params.put(name, value);
        }
    }

    private static String viewSelect() {
        return "select " + TICKET_COLUMNS + ", m.body, m.html from ticket t join ticket_message m"
                + " on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0";
    }

    private static Ticket toTicket(String accountId, ResultSet rs) throws SQLException {
        var ticket = new Ticket(accountId, rs.getString("id"), rs.getLong("protocol"), instant(rs, "created_at"));
        ticket.subject = rs.getString("subject");
        ticket.ticketType = StoredCodes.type(rs.getString("ticket_type"));
        ticket.priority = StoredCodes.priority(rs.getInt("priority"));
        ticket.customerId = rs.getString("customer_id");
        ticket.departmentId = rs.getString("department_id");
        ticket.categoryId = rs.getString("category_id");
        ticket.operatorId = rs.getString("operator_id");
        ticket.parentTicketId = rs.getString("parent_ticket_id");
        ticket.situation = StoredCodes.situation(rs.getInt("situation"));
        ticket.situationAt = instant(rs, "situation_at");
        ticket.statusId = rs.getString("status_id");
        ticket.statusAt = instant(rs, "status_at");
        ticket.workTime = rs.getLong("work_time");
        ticket.reopened = rs.getBoolean("reopened");
        ticket.messageCount = rs.getInt("message_count");
        int grade = rs.getInt("evaluation_grade");
        ticket.evaluationGrade = rs.wasNull() ? null : grade;
        ticket.problemSolved = StoredCodes.solved(rs.getString("evaluation_solved"));
        ticket.evaluationComment = rs.getString("evaluation_comment");
        ticket.evaluatedAt = instant(rs, "evaluated_at");
        ticket.firstReplyAt = instant(rs, "first_reply_at");
        ticket.endAt = instant(rs, "end_at");
        ticket.updatedAt = instant(rs, "updated_at");
        ticket.mergedIntoTicketId = rs.getString("merged_into_ticket_id");
        return ticket;
    }

    private static TicketView toView(ResultSet rs, int rowNum) throws SQLException {
        int grade = rs.getInt("evaluation_grade");
        Integer evaluationGrade = rs.wasNull() ? null : grade;
        return new TicketView(rs.getString("id"), rs.getLong("protocol"), rs.getString("subject"), rs.getString("body"),
                rs.getBoolean("html"), StoredCodes.priority(rs.getInt("priority")), StoredCodes.type(rs.getString("ticket_type")),
                rs.getLong("work_time"),
                instant(rs, "created_at"), instant(rs, "first_reply_at"), instant(rs, "end_at"), instant(rs, "updated_at"),
                rs.getBoolean("reopened"), rs.getString("parent_ticket_id"), rs.getString("customer_id"),
                rs.getString("department_id"), rs.getString("category_id"), rs.getString("operator_id"),
                StoredCodes.situation(rs.getInt("situation")), instant(rs, "situation_at"), rs.getString("status_id"),
                instant(rs, "status_at"), evaluationGrade, StoredCodes.solved(rs.getString("evaluation_solved")), rs.getString("evaluation_comment"),
                instant(rs, "evaluated_at"), rs.getString("merged_into_ticket_id"));
    }

    Map<String, Long> openTicketsPerOperator(String accountId, String departmentId, Collection<String> operatorIds) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        operatorIds.forEach(id -> counts.put(id, 0L));
        if (operatorIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                select operator_id, count(*) as open_tickets from ticket
                 where account_id = :account and department_id = :department and operator_id in (:operators)
                   and situation not in (:closed)
                 group by operator_id""")
                .param("account", accountId).param("department", departmentId).param("operators", operatorIds)
                .param("closed", StoredCodes.situations(List.of(Situation.CANCELLED, Situation.FINISHED)))
                .query((rs, row) -> counts.put(rs.getString("operator_id"), rs.getLong("open_tickets"))).list();
        return counts;
    }
}
