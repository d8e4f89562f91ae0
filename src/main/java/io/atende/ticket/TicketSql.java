package io.atende.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.atende.platform.Database;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.atende.ticket.TicketRepository.INSERTED_MESSAGE_COLUMNS;
import static io.atende.ticket.TicketRepository.INSERTED_TICKET_COLUMNS;

/**
 * What {@link TicketRepository} does differently on PostgreSQL and on H2, chosen once at startup. Search is full-text
 * on PostgreSQL (the stored tsvector, its GIN index and the account's word list, see SearchText and TicketWords) and a
 * word-prefix LIKE on the search text on H2. PostgreSQL also writes a batch of new tickets in one statement and tells
 * from its statistics how many tickets a search will match; on H2 the repository does without both.
 */
sealed interface TicketSql {

    static TicketSql of(Database database, JdbcClient jdbc, TicketWords words, int searchExpansionLimit) {
        return switch (database) {
            case POSTGRESQL -> new PostgreSql(jdbc, words, searchExpansionLimit);
            case H2 -> new H2();
        };
    }

    /** Moves the search index's pending entries into the index and answers the pages moved; empty when there is no such index. */
    OptionalLong movePendingSearchEntries();

    /** See {@link TicketRepository#insertNumbered}; empty, having written nothing, when the caller must write them one by one. */
    OptionalLong insertNumbered(String accountId, List<TicketRepository.NewTicket> tickets);

    /** The words {@link #recordSearchWords} would still have to write. */
    List<String> unrecordedSearchWords(String accountId, List<String> searchWords);

    /** Makes the words searchable as whole words in the account, before a ticket's text gets them. */
    void recordSearchWords(String accountId, List<String> searchWords);

    /** Adds the conditions under which ticket {@code t} has every one of the (non-empty) words to the where clause. */
    void matchWords(String accountId, List<String> searchWords, List<String> where, Map<String, Object> params);

    /** How many rows the planner expects {@code select 1 from ticket t <where>} to give; empty when it keeps no figures. */
    OptionalLong plannedRows(String where, Map<String, Object> params);

    /** H2: no search index or word list, a LIKE per word on the search text ("% word" starts a word there). */
    record H2() implements TicketSql {

        @Override
        public OptionalLong movePendingSearchEntries() {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong insertNumbered(String accountId, List<TicketRepository.NewTicket> tickets) {
            return OptionalLong.empty();
        }

        @Override
        public List<String> unrecordedSearchWords(String accountId, List<String> searchWords) {
            return List.of();
        }

        @Override
        public void recordSearchWords(String accountId, List<String> searchWords) {
        }

        @Override
        public void matchWords(String accountId, List<String> searchWords, List<String> where, Map<String, Object> params) {
            for (int i = 0; i < searchWords.size(); i++) {
                where.add("t.search_text like :word" + i);
                params.put("word" + i, "% " + searchWords.get(i).replace("%", "").replace("_", "") + "%");
            }
        }

        @Override
        public OptionalLong plannedRows(String where, Map<String, Object> params) {
            return OptionalLong.empty();
        }
    }

    /**
     * PostgreSQL.
     *
     * @param searchExpansionLimit a search word that starts more of the account's words than this is searched as a prefix
     */
    record PostgreSql(JdbcClient jdbc, TicketWords words, int searchExpansionLimit) implements TicketSql {

        /** The planner's expected rows in the first line of EXPLAIN's text output. */
        private static final Pattern PLANNED_ROWS = Pattern.compile(" rows=(\\d+) ");

        @Override
        public OptionalLong movePendingSearchEntries() {
            return OptionalLong.of(jdbc.sql("select gin_clean_pending_list('ticket_search_vector_idx'::regclass)").query(Long.class).single());
        }

        @Override
        public OptionalLong insertNumbered(String accountId, List<TicketRepository.NewTicket> tickets) {
            int count = tickets.size();
            var ids = new String[count];
            var subjects = new String[count];
            var types = new String[count];
            var priorities = new Integer[count];
            var customers = new String[count];
            var departments = new String[count];
            var categories = new String[count];
            var operators = new String[count];
            var operatorKeys = new String[count];
            var parents = new String[count];
            var situations = new Integer[count];
            var situationTimes = new String[count];
            var messageCounts = new Integer[count];
            var searchTexts = new String[count];
            var createdTimes = new String[count];
            var updatedTimes = new String[count];
            var messageIds = new String[count];
            var positions = new Integer[count];
            var kinds = new String[count];
            var bodies = new String[count];
            var html = new Boolean[count];
            for (int i = 0; i < count; i++) {
                var ticket = tickets.get(i).ticket();
                var opening = tickets.get(i).opening();
                ids[i] = ticket.id;
                subjects[i] = ticket.subject;
                types[i] = StoredCodes.type(ticket.ticketType);
                priorities[i] = StoredCodes.priority(ticket.priority);
                customers[i] = ticket.customerId;
                departments[i] = ticket.departmentId;
                categories[i] = ticket.categoryId;
                operators[i] = ticket.operatorId;
                operatorKeys[i] = TicketTally.Key.of(ticket).operatorId();
                parents[i] = ticket.parentTicketId;
                situations[i] = StoredCodes.situation(ticket.situation);
                situationTimes[i] = ticket.situationAt.toString();
                messageCounts[i] = ticket.messageCount;
                searchTexts[i] = tickets.get(i).searchText();
                createdTimes[i] = ticket.createdAt.toString();
                updatedTimes[i] = ticket.updatedAt.toString();
                messageIds[i] = opening.id();
                positions[i] = opening.position();
                kinds[i] = opening.kind().name();
                bodies[i] = opening.body();
                html[i] = opening.html();
            }
            // The tickets travel as one array per column, so that the statement's text, and so its prepared plan, is
            // the same for any number of tickets. Times travel as ISO-8601 text: the driver sends no arrays of them.
            var first = jdbc.sql("""
                    with counter as (
                        update protocol_counter set last_value = last_value + :count
                        where account_id = :account and kind = 'ticket'
                        returning last_value - :count as before),
                    drafts as (
                        select * from unnest(cast(:ids as varchar[]), cast(:subjects as varchar[]), cast(:types as varchar[]),
                            cast(:priorities as integer[]), cast(:customers as varchar[]), cast(:departments as varchar[]),
                            cast(:categories as varchar[]), cast(:operators as varchar[]), cast(:operatorKeys as varchar[]),
                            cast(:parents as varchar[]), cast(:situations as integer[]), cast(:situationTimes as timestamptz[]),
                            cast(:messageCounts as integer[]), cast(:searchTexts as text[]), cast(:createdTimes as timestamptz[]),
                            cast(:updatedTimes as timestamptz[]), cast(:messageIds as varchar[]), cast(:positions as integer[]),
                            cast(:kinds as varchar[]), cast(:bodies as text[]), cast(:html as boolean[]))
                        with ordinality as d(id, subject, ticket_type, priority, customer_id, department_id, category_id,
                            operator_id, operator_key, parent_ticket_id, situation, situation_at, message_count, search_text,
                            created_at, updated_at, message_id, position, kind, body, html, n)),
                    numbered as (
                        insert into ticket (%s)
                        select :account, d.id, counter.before + d.n, d.subject, d.ticket_type, d.priority, d.customer_id,
                            d.department_id, d.category_id, d.operator_id, d.parent_ticket_id, d.situation, d.situation_at, null,
                            null, 0, false, d.message_count, d.search_text, d.created_at, d.updated_at
                        from counter, drafts d
                        returning id),
                    openings as (
                        insert into ticket_message (%s)
                        select :account, d.message_id, d.id, d.position, d.kind, null, d.body, d.html, d.created_at
                        from drafts d join numbered on numbered.id = d.id),
                    tallied as (
                        insert into ticket_tally (account_id, department_id, situation, operator_id, priority, tickets)
                        select :account, d.department_id, d.situation, d.operator_key, d.priority, count(*)
                        from drafts d join numbered on numbered.id = d.id
                        group by d.department_id, d.situation, d.operator_key, d.priority
                        on conflict (account_id, department_id, situation, operator_id, priority)
                        do update set tickets = ticket_tally.tickets + excluded.tickets)
                    select before + 1 from counter""".formatted(INSERTED_TICKET_COLUMNS, INSERTED_MESSAGE_COLUMNS))
                    .param("account", accountId).param("count", count).param("ids", ids).param("subjects", subjects)
                    .param("types", types).param("priorities", priorities).param("customers", customers)
                    .param("departments", departments).param("categories", categories).param("operators", operators)
                    .param("operatorKeys", operatorKeys).param("parents", parents).param("situations", situations)
                    .param("situationTimes", situationTimes).param("messageCounts", messageCounts).param("searchTexts", searchTexts)
                    .param("createdTimes", createdTimes).param("updatedTimes", updatedTimes).param("messageIds", messageIds)
                    .param("positions", positions).param("kinds", kinds).param("bodies", bodies).param("html", html)
                    .query(Long.class).optional();
            return first.map(OptionalLong::of).orElseGet(OptionalLong::empty);
        }

        @Override
        public List<String> unrecordedSearchWords(String accountId, List<String> searchWords) {
            return words.unseen(accountId, searchWords);
        }

        @Override
        public void recordSearchWords(String accountId, List<String> searchWords) {
            words.record(accountId, searchWords);
        }

        @Override
        public void matchWords(String accountId, List<String> searchWords, List<String> where, Map<String, Object> params) {
            // A plan made for no word in particular cannot tell a word in most tickets from a rare one, and the
            // best plans of the two differ a hundredfold: plan each search for its words (callers' transaction).
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            var found = tsquery(accountId, searchWords);
            if (found.isEmpty()) {
                where.add("1 = 0");
                return;
            }
            var query = found.get();
            where.add("t.search_vector @@ to_tsquery('simple', :search)");
            params.put("search", query.exact().isEmpty() ? query.prefixes() : query.exact());
            if (!query.exact().isEmpty() && !query.prefixes().isEmpty()) {
                // Only the whole words go to the index: a short prefix there means reading the posting lists of
                // every word it starts. It is checked on the rows the whole words found (a call is not indexed).
                where.add("ts_match_vq(t.search_vector, to_tsquery('simple', :searchPrefixes))");
                params.put("searchPrefixes", query.prefixes());
            }
        }

        @Override
        public OptionalLong plannedRows(String where, Map<String, Object> params) {
            String plan = jdbc.sql("explain select 1 from ticket t" + where).params(params).query(String.class).list().get(0);
            var rows = PLANNED_ROWS.matcher(plan);
            return rows.find() ? OptionalLong.of(Long.parseLong(rows.group(1))) : OptionalLong.empty();
        }

        /**
         * The search words as tsqueries that every word must match: {@code exact} has the words that start at most the
         * expansion limit of the account's words, each as those whole words (answered from the GIN index alone);
         * {@code prefixes} the words that start more, as prefixes (every candidate row is read back and rechecked).
         * Either may be empty, not both.
         */
        private record SearchQuery(String exact, String prefixes) {
        }

        /** Empty when a word starts none of the account's words: nothing can match. */
        private Optional<SearchQuery> tsquery(String accountId, List<String> searchWords) {
            var exact = new ArrayList<String>();
            var prefixes = new ArrayList<String>();
            for (String word : searchWords) {
                var whole = words.startingWith(accountId, word, searchExpansionLimit);
                if (whole.isEmpty()) {
                    prefixes.add(lexeme(word) + ":*");
                } else if (whole.get().isEmpty()) {
                    return Optional.empty();
                } else {
                    exact.add(whole.get().stream().map(PostgreSql::lexeme).collect(Collectors.joining(" | ", "(", ")")));
                }
            }
            return Optional.of(new SearchQuery(String.join(" & ", exact), String.join(" & ", prefixes)));
        }

        private static String lexeme(String word) {
            return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
        }
    }
}
