package io.atende.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class ChatRepository {

    private static final String CHAT_COLUMNS = """
            c.id, c.protocol, c.situation, c.customer_id, c.department_id, c.operator_id, c.created_at, c.started_at, c.ended_at,
            c.last_customer_activity_at, c.unread_messages, c.evaluation_grade, c.evaluation_comment, c.last_event_seq""";

    private final JdbcClient jdbc;

    ChatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, Chat chat) {
        jdbc.sql("""
                insert into chat (account_id, id, protocol, situation, customer_id, department_id, operator_id, created_at,
                                  started_at, ended_at, last_customer_activity_at, unread_messages, evaluation_grade,
                                  evaluation_comment, last_event_seq, updated_at)
                values (:account, :id, :protocol, :situation, :customer, :department, :operator, :created, :started, :ended,
                        :activity, :unread, :grade, :comment, :seq, :created)""")
                .param("account", accountId).param("id", chat.id()).param("protocol", chat.protocol())
                .param("situation", StoredChatCodes.situation(chat.situation())).param("customer", chat.customerId())
                .param("department", chat.departmentId()).param("operator", chat.operatorId())
                .param("created", utc(chat.createdAt())).param("started", utc(chat.startedAt())).param("ended", utc(chat.endedAt()))
                .param("activity", utc(chat.lastCustomerActivityAt())).param("unread", chat.unreadMessages())
                .param("grade", chat.evaluationGrade()).param("comment", chat.evaluationComment()).param("seq", chat.lastEventSeq())
                .update();
    }

    void update(String accountId, Chat chat, Instant now) {
        jdbc.sql("""
                update chat set situation = :situation, department_id = :department, operator_id = :operator,
                       started_at = :started, ended_at = :ended, last_customer_activity_at = :activity,
                       unread_messages = :unread, evaluation_grade = :grade, evaluation_comment = :comment,
                       last_event_seq = :seq, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", chat.id())
                .param("situation", StoredChatCodes.situation(chat.situation())).param("department", chat.departmentId())
                .param("operator", chat.operatorId()).param("started", utc(chat.startedAt())).param("ended", utc(chat.endedAt()))
                .param("activity", utc(chat.lastCustomerActivityAt())).param("unread", chat.unreadMessages())
                .param("grade", chat.evaluationGrade()).param("comment", chat.evaluationComment()).param("seq", chat.lastEventSeq())
                .param("now", utc(now))
                .update();
    }

    Optional<Chat> find(String accountId, String id) {
        return jdbc.sql("select " + CHAT_COLUMNS + " from chat c where c.account_id = :account and c.id = :id")
                .param("account", accountId).param("id", id).query(ChatRepository::chat).optional();
    }

    /** The chat, its row locked until the transaction ends: every change of a chat goes through here. */
    Optional<Chat> lock(String accountId, String id) {
        return jdbc.sql("select " + CHAT_COLUMNS + " from chat c where c.account_id = :account and c.id = :id for update")
                .param("account", accountId).param("id", id).query(ChatRepository::chat).optional();
    }

    /** Up to {@code limit} ids after {@code afterId} in id order. */
    List<String> idsAfter(String accountId, String afterId, int limit) {
        return jdbc.sql("select id from chat where account_id = :account and id > :after order by id fetch first "
                        + limit + " rows only")
                .param("account", accountId).param("after", afterId).query(String.class).list();
    }

    /** Locks these chats until the transaction ends, in id order. */
    void lock(String accountId, java.util.Collection<String> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("select id from chat where account_id = :account and id in (:ids) order by id for update")
                    .param("account", accountId).param("ids", List.copyOf(ids)).query(String.class).list();
        }
    }

    /** The department of the chat a message belongs to, if the account has that message. */
    Optional<String> departmentOfMessage(String accountId, String messageId) {
        return jdbc.sql("""
                select c.department_id from chat_message m
                  join chat c on c.account_id = m.account_id and c.id = m.chat_id
                 where m.account_id = :account and m.id = :message""")
                .param("account", accountId).param("message", messageId).query(String.class).optional();
    }

    Page<Chat> list(String accountId, ChatFilter filter, PageRequest page) {
        var where = new StringBuilder(" from chat c where c.account_id = :account");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] {"account", accountId});
        if (filter.customerId() != null) {
            where.append(" and c.customer_id = :customer");
            params.add(new Object[] {"customer", filter.customerId()});
        }
        if (filter.departmentId() != null) {
            where.append(" and c.department_id = :department");
            params.add(new Object[] {"department", filter.departmentId()});
        }
        if (!filter.visibility().all()) {
            if (filter.visibility().departmentIds().isEmpty()) {
                return new Page<>(List.of(), 0, page);
            }
            // chat_department_idx (account, department) serves it.
            where.append(" and c.department_id in (:visibleDepartments)");
            params.add(new Object[] {"visibleDepartments", List.copyOf(filter.visibility().departmentIds())});
        }
        if (filter.operatorId() != null) {
            // chat_operator_situation_idx (V83) holds account, operator and situation together.
            where.append(" and c.operator_id = :operator");
            params.add(new Object[] {"operator", filter.operatorId()});
        }
        if (filter.organizationIds() != null) {
            where.append(" and exists (select 1 from customer cu where cu.account_id = c.account_id and cu.id = c.customer_id"
                    + " and cu.organization_id in (:organizations))");
            params.add(new Object[] {"organizations", List.copyOf(filter.organizationIds())});
        }
        if (!filter.situations().isEmpty()) {
            where.append(" and c.situation in (:situations)");
            params.add(new Object[] {"situations", filter.situations().stream().map(StoredChatCodes::situation).toList()});
        }
        if (filter.minProtocol() != null) {
            where.append(" and c.protocol >= :minProtocol");
            params.add(new Object[] {"minProtocol", filter.minProtocol()});
        }
        if (filter.maxProtocol() != null) {
            where.append(" and c.protocol <= :maxProtocol");
            params.add(new Object[] {"maxProtocol", filter.maxProtocol()});
        }
        if (filter.createdFrom() != null) {
            where.append(" and c.created_at >= :createdFrom");
            params.add(new Object[] {"createdFrom", utc(filter.createdFrom())});
        }
        if (filter.createdTo() != null) {
            where.append(" and c.created_at <= :createdTo");
            params.add(new Object[] {"createdTo", utc(filter.createdTo())});
        }
        var count = jdbc.sql("select count(*)" + where);
        var select = jdbc.sql("select " + CHAT_COLUMNS + where + " order by c.protocol desc limit :limit offset :offset");
        for (Object[] param : params) {
            count = count.param((String) param[0], param[1]);
            select = select.param((String) param[0], param[1]);
        }
        long total = count.query(Long.class).single();
        var items = select.param("limit", page.size()).param("offset", page.offset()).query(ChatRepository::chat).list();
        return new Page<>(items, total, page);
    }

    /** Queued chats whose customer has been silent since before the cutoff, in any account: [account, chat]. */
    List<String[]> silentInQueue(Instant cutoff, int limit) {
        return jdbc.sql("""
                select account_id, id from chat where situation = :queued and last_customer_activity_at < :cutoff
                 order by last_customer_activity_at limit :limit""")
                .param("queued", StoredChatCodes.situation(ChatSituation.QUEUED)).param("cutoff", utc(cutoff)).param("limit", limit)
                .query((rs, row) -> new String[] {rs.getString("account_id"), rs.getString("id")}).list();
    }

    void linkOperator(String accountId, String chatId, String operatorId, Instant now) {
        jdbc.sql("""
                insert into chat_operator (account_id, chat_id, operator_id, linked_at) values (:account, :chat, :operator, :now)
                on conflict do nothing""")
                .param("account", accountId).param("chat", chatId).param("operator", operatorId).param("now", utc(now))
                .update();
    }

    /** Whether the operator was ever linked to a chat or wrote a message in one. */
    void changeCustomer(String accountId, String fromCustomerId, String intoCustomerId) {
        jdbc.sql("update chat set customer_id = :into where account_id = :account and customer_id = :from")
                .param("account", accountId).param("from", fromCustomerId).param("into", intoCustomerId).update();
    }

    boolean customerReferenced(String accountId, String customerId) {
        return jdbc.sql("select count(*) from chat where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId).query(Long.class).single() > 0;
    }

    boolean operatorEverLinked(String accountId, String operatorId) {
        return jdbc.sql("""
                select case when exists (select 1 from chat_operator where account_id = :account and operator_id = :operator)
                    or exists (select 1 from chat_message where account_id = :account and sender_type = :operatorSender
                               and sender_id = :operator)
                    then 1 else 0 end""")
                .param("account", accountId).param("operator", operatorId).param("operatorSender", StoredChatCodes.sender(SenderType.OPERATOR))
                .query(Integer.class).single() == 1;
    }

    boolean departmentReferenced(String accountId, String departmentId) {
        return jdbc.sql("""
                select count(*) from chat where account_id = :account and department_id = :department""")
                .param("account", accountId).param("department", departmentId).query(Long.class).single() > 0
                || jdbc.sql("select count(*) from chat_event where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).query(Long.class).single() > 0;
    }

    void insertMessage(String accountId, ChatMessageView message) {
        jdbc.sql("""
                insert into chat_message (account_id, id, chat_id, seq, sender_type, sender_id, sender_name, body, mimetype, created_at)
                values (:account, :id, :chat, :seq, :type, :sender, :name, :body, :mimetype, :now)""")
                .param("account", accountId).param("id", message.id()).param("chat", message.chatId()).param("seq", message.seq())
                .param("type", StoredChatCodes.sender(message.senderType())).param("sender", message.senderId()).param("name", message.senderName())
                .param("body", message.body()).param("mimetype", message.html() ? "text/html" : "text/plain")
                .param("now", utc(message.createdAt()))
                .update();
    }

    List<ChatMessageView> messages(String accountId, String chatId) {
        return jdbc.sql("""
                select id, chat_id, seq, sender_type, sender_id, sender_name, body, mimetype, created_at
                  from chat_message where account_id = :account and chat_id = :chat order by seq""")
                .param("account", accountId).param("chat", chatId).query(ChatRepository::message).list();
    }

    void insertEvent(String accountId, Chat chat, ChatEventView.Kind kind, String messageId, Instant now) {
        jdbc.sql("""
                insert into chat_event (account_id, chat_id, seq, kind, message_id, situation, operator_id, department_id, created_at)
                values (:account, :chat, :seq, :kind, :message, :situation, :operator, :department, :now)""")
                .param("account", accountId).param("chat", chat.id()).param("seq", chat.lastEventSeq()).param("kind", kind.name())
                .param("message", messageId).param("situation", StoredChatCodes.situation(chat.situation())).param("operator", chat.operatorId())
                .param("department", chat.departmentId()).param("now", utc(now))
                .update();
    }

    /**
     * The events after each cursor, in one statement for all of them, ordered by chat and sequence.
     * Callers keep the number of cursors per call modest (the statement grows with it).
     */
    List<ChatEventView> eventsAfter(List<StreamCursor> cursors, int limitPerCall) {
        if (cursors.isEmpty()) {
            return List.of();
        }
        var where = new StringBuilder();
        var statement = new ArrayList<Object[]>();
        for (int i = 0; i < cursors.size(); i++) {
            var cursor = cursors.get(i);
            where.append(i == 0 ? "" : " or ").append("(e.account_id = :a").append(i).append(" and e.chat_id = :c").append(i)
                    .append(" and e.seq > :s").append(i).append(')');
            statement.add(new Object[] {"a" + i, cursor.accountId()});
            statement.add(new Object[] {"c" + i, cursor.chatId()});
            statement.add(new Object[] {"s" + i, cursor.afterSeq()});
        }
        var spec = jdbc.sql("""
                select e.account_id, e.chat_id, e.seq, e.kind, e.situation, e.operator_id, e.department_id, e.created_at,
                       m.id as m_id, m.sender_type as m_sender_type, m.sender_id as m_sender_id, m.sender_name as m_sender_name,
                       m.body as m_body, m.mimetype as m_mimetype, m.created_at as m_created_at
                  from chat_event e
                  left join chat_message m on m.account_id = e.account_id and m.id = e.message_id
                 where """ + where + " order by e.account_id, e.chat_id, e.seq limit :limit");
        for (Object[] param : statement) {
            spec = spec.param((String) param[0], param[1]);
        }
        return spec.param("limit", limitPerCall).query(ChatRepository::event).list();
    }

    /** Records the words of a message for the history search (a word the chat has already is kept once). */
    void insertWords(String accountId, String chatId, java.util.Collection<String> words) {
        for (String word : words) {
            jdbc.sql("insert into chat_search_word (account_id, word, chat_id) values (:account, :word, :chat) on conflict do nothing")
                    .param("account", accountId).param("word", ChatWords.bytes(word)).param("chat", chatId).update();
        }
    }

    /** Says that {@code party} types in the chat until {@code until}. */
    void saveTyping(String accountId, String chatId, String party, Instant until) {
        int updated = jdbc.sql("update chat_typing set typing_until = :until where account_id = :account and chat_id = :chat and party = :party")
                .param("account", accountId).param("chat", chatId).param("party", party).param("until", utc(until)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into chat_typing (account_id, chat_id, party, typing_until) values (:account, :chat, :party, :until)
                    on conflict do nothing""")
                    .param("account", accountId).param("chat", chatId).param("party", party).param("until", utc(until)).update();
        }
    }

    /** Forgets that {@code party} (every side when {@code null}) types in the chat. */
    void clearTyping(String accountId, String chatId, String party) {
        jdbc.sql("delete from chat_typing where account_id = :account and chat_id = :chat"
                        + (party == null ? "" : " and party = :party"))
                .param("account", accountId).param("chat", chatId).params(party == null ? java.util.Map.of() : java.util.Map.of("party", party))
                .update();
    }

    /** Who types in these chats after {@code now}, for many streams in one statement (cursors name the chats). */
    List<ChatTyping> typing(List<StreamCursor> chats, Instant now) {
        if (chats.isEmpty()) {
            return List.of();
        }
        var where = new StringBuilder();
        for (int i = 0; i < chats.size(); i++) {
            where.append(i == 0 ? "" : " or ").append("(account_id = :a").append(i).append(" and chat_id = :c").append(i).append(')');
        }
        var spec = jdbc.sql("select account_id, chat_id, party, typing_until from chat_typing where typing_until > :now and (" + where + ")")
                .param("now", utc(now));
        for (int i = 0; i < chats.size(); i++) {
            spec = spec.param("a" + i, chats.get(i).accountId()).param("c" + i, chats.get(i).chatId());
        }
        return spec.query((rs, row) -> new ChatTyping(rs.getString("account_id"), rs.getString("chat_id"),
                StoredChatCodes.sender(rs.getString("party")), instant(rs, "typing_until"))).list();
    }

    /** The latest customer or operator message of each of these chats. */
    List<ChatMessageView> lastMessages(String accountId, java.util.Collection<String> chatIds) {
        if (chatIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select m.id, m.chat_id, m.seq, m.sender_type, m.sender_id, m.sender_name, m.body, m.mimetype, m.created_at
                  from chat_message m
                 where m.account_id = :account and m.chat_id in (:chats)
                   and m.seq = (select max(x.seq) from chat_message x
                                 where x.account_id = m.account_id and x.chat_id = m.chat_id and x.sender_type <> :system)""")
                .param("account", accountId).param("chats", List.copyOf(chatIds))
                .param("system", StoredChatCodes.sender(SenderType.SYSTEM)).query(ChatRepository::message).list();
    }

    /** The ticket the chat was turned into, if any. */
    Optional<String> ticketOf(String accountId, String chatId) {
        return jdbc.sql("select ticket_id from chat where account_id = :account and id = :chat and ticket_id is not null")
                .param("account", accountId).param("chat", chatId).query(String.class).optional();
    }

    void linkTicket(String accountId, String chatId, String ticketId) {
        jdbc.sql("update chat set ticket_id = :ticket where account_id = :account and id = :chat")
                .param("account", accountId).param("chat", chatId).param("ticket", ticketId).update();
    }

    /** The chat turned into this ticket, if any. */
    Optional<Chat> findByTicket(String accountId, String ticketId) {
        return jdbc.sql("select " + CHAT_COLUMNS + " from chat c where c.account_id = :account and c.ticket_id = :ticket")
                .param("account", accountId).param("ticket", ticketId).query(ChatRepository::chat).optional();
    }

    /**
     * A page of the account's ended chats, most recently ended first: of these customers when {@code customerIds} is
     * not {@code null}, with a word starting with each search word when there are some.
     */
    Page<Chat> history(String accountId, List<String> customerIds, List<String> words, PageRequest page) {
        var where = new StringBuilder(" from chat c where c.account_id = :account and c.situation in (:ended)");
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("account", accountId);
        params.put("ended", List.of(StoredChatCodes.situation(ChatSituation.FINISHED), StoredChatCodes.situation(ChatSituation.ABANDONED)));
        if (customerIds != null) {
            if (customerIds.isEmpty()) {
                return new Page<>(List.of(), 0, page);
            }
            where.append(" and c.customer_id in (:customers)");
            params.put("customers", customerIds);
        }
        for (int i = 0; i < words.size(); i++) {
            byte[] from = ChatWords.bytes(words.get(i));
            // A range of the primary key (account_id, word, chat_id) per word.
            where.append(" and c.id in (select w.chat_id from chat_search_word w where w.account_id = :account")
                    .append(" and w.word >= :from").append(i).append(" and w.word < :to").append(i).append(')');
            params.put("from" + i, from);
            params.put("to" + i, ChatWords.upperBound(from));
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("select " + CHAT_COLUMNS + where + " order by c.ended_at desc, c.id limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset()).query(ChatRepository::chat).list();
        return new Page<>(items, total, page);
    }

    private static ChatEventView event(ResultSet rs, int row) throws SQLException {
        String chatId = rs.getString("chat_id");
        long seq = rs.getLong("seq");
        ChatMessageView message = null;
        if (rs.getString("m_id") != null) {
            message = new ChatMessageView(rs.getString("m_id"), chatId, seq, StoredChatCodes.sender(rs.getString("m_sender_type")),
                    rs.getString("m_sender_id"), rs.getString("m_sender_name"), rs.getString("m_body"),
                    "text/html".equals(rs.getString("m_mimetype")), instant(rs, "m_created_at"), List.of());
        }
        return new ChatEventView(rs.getString("account_id"), chatId, seq, ChatEventView.Kind.valueOf(rs.getString("kind")),
                instant(rs, "created_at"), StoredChatCodes.situation(rs.getInt("situation")), rs.getString("operator_id"),
                rs.getString("department_id"), message);
    }

    private static ChatMessageView message(ResultSet rs, int row) throws SQLException {
        return new ChatMessageView(rs.getString("id"), rs.getString("chat_id"), rs.getLong("seq"),
                StoredChatCodes.sender(rs.getString("sender_type")), rs.getString("sender_id"), rs.getString("sender_name"),
                rs.getString("body"), "text/html".equals(rs.getString("mimetype")), instant(rs, "created_at"), List.of());
    }

    private static Chat chat(ResultSet rs, int row) throws SQLException {
        int grade = rs.getInt("evaluation_grade");
        Integer evaluationGrade = rs.wasNull() ? null : grade;
        return new Chat(rs.getString("id"), rs.getLong("protocol"), StoredChatCodes.situation(rs.getInt("situation")), rs.getString("customer_id"),
                rs.getString("department_id"), rs.getString("operator_id"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "ended_at"), instant(rs, "last_customer_activity_at"), rs.getInt("unread_messages"), evaluationGrade,
                rs.getString("evaluation_comment"), rs.getLong("last_event_seq"));
    }
}
