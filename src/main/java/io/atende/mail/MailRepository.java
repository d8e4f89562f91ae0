package io.atende.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class MailRepository {

    private static final String MESSAGE_COLUMNS = """
            id, kind, ticket_id, recipient, subject, status, attempts, last_error, next_attempt_at, created_at, sent_at""";

    /** The kinds of message that carry a secret link ({@link MailKind#carriesLink}), as SQL. */
    static final String LINK_KINDS = "kind in ('portal_invitation', 'portal_password_reset', 'operator_password_reset')";
    /** Link messages whose text is still kept sealed: those not sent yet (sent ones keep no link at all). */
    static final String LINK_KINDS_QUEUED = "status in ('queued', 'failed') and " + LINK_KINDS;
    /** What a sent link message keeps of its text. */
    static final String LINK_REMOVED = "(The text of this message held a link for one person; it was removed once the message was sent.)";

    private final JdbcClient jdbc;
    private final SecretBox box;

    MailRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    /** A message as queued, with what the SMTP transaction needs. */
    record Outgoing(String accountId, String id, MailKind kind, String ticketId, String recipient, String replyTo, String subject,
                    String text, String html, String messageId, String inReplyTo, String references, boolean autoSubmitted,
                    String fromAddress, String fromName) {
    }

    /** A claimed message with its state. */
    record Work(Outgoing message, String claimToken, int attempts, Instant createdAt) {
    }

    /** A mailbox row, secrets included; never rendered as is. */
    record Mailbox(String accountId, String id, String departmentId, String address, String host, int port, MailboxSecurity security,
                   String username, String password, String accessToken, String folder, boolean createCustomers, boolean active,
                   Long uidValidity, long lastUid, Instant lastPolledAt, String lastError, Instant createdAt, Instant updatedAt) {

        MailboxView view() {
            return new MailboxView(id, departmentId, address, host, port, security, username, password != null, accessToken != null,
                    folder, createCustomers, active, lastPolledAt, lastError, createdAt, updatedAt);
        }

        @Override
        public String toString() {
            return "Mailbox[id=" + id + ", address=" + address + ", host=" + host + "]";
        }
    }

    // --- the outbox

    void insertMessage(Outgoing message, Instant now) {
        jdbc.sql("""
                insert into mail_message (account_id, id, kind, ticket_id, recipient, reply_to, subject, text_body, html_body, message_id,
                                          in_reply_to, message_references, auto_submitted, from_address, from_name, status, attempts,
                                          next_attempt_at, created_at)
                values (:account, :id, :kind, :ticket, :recipient, :replyTo, :subject, :text, :html, :messageId, :inReplyTo, :references, :auto,
                        :fromAddress, :fromName, 'queued', 0, :now, :now)""")
                .param("account", message.accountId()).param("id", message.id()).param("kind", message.kind().wireName())
                .param("ticket", message.ticketId()).param("recipient", message.recipient()).param("replyTo", message.replyTo())
                .param("subject", message.subject()).param("text", sealedIfLink(message.kind(), message.text()))
                .param("html", sealedIfLink(message.kind(), message.html()))
                .param("messageId", message.messageId()).param("inReplyTo", message.inReplyTo()).param("references", message.references())
                .param("auto", message.autoSubmitted())
                .param("fromAddress", message.fromAddress()).param("fromName", message.fromName())
                .param("now", utc(now))
                .update();
    }

    /** Queues a sent or failed message again from now on, keeping its log; false when it is still queued or unknown. */
    boolean requeue(String accountId, String id, Instant now) {
        return jdbc.sql("""
                update mail_message set status = 'queued', next_attempt_at = :now, claim_token = null, attempts = 0,
                       created_at = :now, sent_at = null
                 where account_id = :account and id = :id and status <> 'queued'
                   and not (status = 'sent' and %s)""".formatted(LINK_KINDS))
                .param("account", accountId).param("id", id).param("now", utc(now)).update() == 1;
    }

    Optional<MailMessageView> findMessage(String accountId, String id) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from mail_message where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(MailRepository::message).optional()
                .map(message -> withLog(accountId, List.of(message)).get(0));
    }

    Page<MailMessageView> listMessages(String accountId, MailStatus status, String ticketId, PageRequest page) {
        String where = " where account_id = :account" + (status == null ? "" : " and status = :status")
                + (ticketId == null ? "" : " and ticket_id = :ticket");
        var count = jdbc.sql("select count(*) from mail_message" + where).param("account", accountId);
        var select = jdbc.sql("select " + MESSAGE_COLUMNS + " from mail_message" + where
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset());
        if (status != null) {
            count = count.param("status", status.wireName());
            select = select.param("status", status.wireName());
        }
        if (ticketId != null) {
            count = count.param("ticket", ticketId);
            select = select.param("ticket", ticketId);
        }
        long total = count.query(Long.class).single();
        return new Page<>(withLog(accountId, select.query(MailRepository::message).list()), total, page);
    }

    private List<MailMessageView> withLog(String accountId, List<MailMessageView> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<String, List<MailMessageView.AttemptView>> log = new LinkedHashMap<>();
        jdbc.sql("""
                select message_id, attempted_at, duration_ms, error, node from mail_attempt
                 where account_id = :account and message_id in (:ids) order by attempted_at, id""")
                .param("account", accountId).param("ids", messages.stream().map(MailMessageView::id).toList())
                .query(rs -> {
                    log.computeIfAbsent(rs.getString("message_id"), key -> new ArrayList<>())
                            .add(new MailMessageView.AttemptView(instant(rs, "attempted_at"), rs.getInt("duration_ms"), rs.getString("error"),
                                    rs.getString("node")));
                });
        return messages.stream().map(message -> new MailMessageView(message.id(), message.kind(), message.ticketId(), message.recipient(),
                message.subject(), message.status(), message.attempts(), message.lastError(), message.nextAttemptAt(), message.createdAt(),
                message.sentAt(), log.getOrDefault(message.id(), List.of()))).toList();
    }

    // --- the dispatcher

    /** Locks up to {@code limit} due messages that no other node holds. */
    List<String[]> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                select account_id, id from mail_message
                 where status = 'queued' and next_attempt_at <= :now
                 order by next_attempt_at
                 limit :limit
                 for update skip locked""")
                .param("now", utc(now)).param("limit", limit)
                .query((rs, row) -> new String[] {rs.getString("account_id"), rs.getString("id")})
                .list();
    }

    void claim(String accountId, String id, String token, Instant leaseUntil) {
        jdbc.sql("update mail_message set claim_token = :token, next_attempt_at = :until where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).param("token", token).param("until", utc(leaseUntil))
                .update();
    }

    Optional<Work> work(String accountId, String id) {
        return jdbc.sql("select * from mail_message where account_id = :account and id = :id")
                .param("account", accountId).param("id", id)
                .query((rs, row) -> new Work(new Outgoing(accountId, rs.getString("id"), kind(rs.getString("kind")), rs.getString("ticket_id"),
                        rs.getString("recipient"), rs.getString("reply_to"), rs.getString("subject"), box.open(rs.getString("text_body")),
                        box.open(rs.getString("html_body")), rs.getString("message_id"), rs.getString("in_reply_to"),
                        rs.getString("message_references"), rs.getBoolean("auto_submitted"), rs.getString("from_address"),
                        rs.getString("from_name")), rs.getString("claim_token"), rs.getInt("attempts"), instant(rs, "created_at")))
                .optional();
    }

    /** Locks the message while its attempt is recorded; false when another node's claim replaced ours. */
    boolean lockClaimed(String accountId, String id, String token) {
        return jdbc.sql("select claim_token from mail_message where account_id = :account and id = :id for update")
                .param("account", accountId).param("id", id).query(String.class).optional()
                .filter(token::equals).isPresent();
    }

    void insertAttempt(String accountId, String id, String messageId, Instant at, int durationMs, String error, String node) {
        jdbc.sql("""
                insert into mail_attempt (account_id, id, message_id, attempted_at, duration_ms, error, node)
                values (:account, :id, :message, :at, :duration, :error, :node)""")
                .param("account", accountId).param("id", id).param("message", messageId).param("at", utc(at))
                .param("duration", durationMs).param("error", clip(error, 500)).param("node", node)
                .update();
    }

    void settle(String accountId, String id, MailStatus status, String error, Instant next, Instant sentAt) {
        jdbc.sql("""
                update mail_message set status = :status, attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                       sent_at = :sent, claim_token = null
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).param("status", status.wireName()).param("error", clip(error, 500))
                .param("next", utc(next)).param("sent", utc(sentAt))
                .update();
    }

    /** Removes the text of a sent link message: the link it held was for its recipient alone. */
    void removeLink(String accountId, String id) {
        jdbc.sql("update mail_message set text_body = :removed, html_body = null where account_id = :account and id = :id and " + LINK_KINDS)
                .param("account", accountId).param("id", id).param("removed", LINK_REMOVED).update();
    }

    private String sealedIfLink(MailKind kind, String text) {
        return kind.carriesLink() ? box.seal(text) : text;
    }

    // --- threading: the Message-IDs Atende sent and received

    /** Tickets of the messages with these Message-IDs that Atende sent to {@code recipient}, most recent first. */
    List<String> ticketsOfMessagesSentTo(String accountId, List<String> messageIds, String recipient) {
        if (messageIds.isEmpty() || recipient == null) {
            return List.of();
        }
        return jdbc.sql("""
                select ticket_id from mail_message
                 where account_id = :account and message_id in (:ids) and recipient = :recipient and ticket_id is not null
                 order by created_at desc""")
                .param("account", accountId).param("ids", messageIds).param("recipient", recipient).query(String.class).list();
    }

    /** Tickets that messages with these Message-IDs belong to, sent or received, most recent first. */
    List<String> ticketsOfMessageIds(String accountId, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        List<String> tickets = new ArrayList<>();
        tickets.addAll(jdbc.sql("""
                select ticket_id from mail_message where account_id = :account and message_id in (:ids) and ticket_id is not null
                 order by created_at desc""")
                .param("account", accountId).param("ids", messageIds).query(String.class).list());
        tickets.addAll(jdbc.sql("""
                select ticket_id from mail_inbound where account_id = :account and message_id in (:ids) and ticket_id is not null
                 order by received_at desc""")
                .param("account", accountId).param("ids", messageIds).query(String.class).list());
        return tickets;
    }

    /** The Message-ID of the latest message received for the ticket, which notifications answer to keep the customer's thread. */
    Optional<String> lastReceivedMessageId(String accountId, String ticketId) {
        return jdbc.sql("""
                select message_id from mail_inbound where account_id = :account and ticket_id = :ticket and message_id is not null
                 order by received_at desc limit 1""")
                .param("account", accountId).param("ticket", ticketId).query(String.class).optional();
    }

    /**
     * The Message-IDs of the ticket's conversation by e-mail with one person, oldest first: what Atende received for
     * the ticket and what it sent them about it. A notification answers the last and refers to them all.
     */
    List<String> conversation(String accountId, String ticketId, String recipient) {
        return jdbc.sql("""
                select message_id from (
                  select message_id, received_at as at from mail_inbound
                   where account_id = :account and ticket_id = :ticket and message_id is not null and sender = :sender
                  union all
                  select message_id, created_at as at from mail_message
                   where account_id = :account and ticket_id = :ticket and recipient = :recipient
                ) thread order by at""")
                .param("account", accountId).param("ticket", ticketId).param("recipient", recipient)
                .param("sender", recipient.toLowerCase(java.util.Locale.ROOT)).query(String.class).list();
    }

    long messagesOfKindSince(String accountId, MailKind kind, String recipient, Instant since) {
        return jdbc.sql("""
                select count(*) from mail_message
                 where account_id = :account and kind = :kind and recipient = :recipient and created_at > :since""")
                .param("account", accountId).param("kind", kind.wireName()).param("recipient", recipient).param("since", utc(since))
                .query(Long.class).single();
    }

    long autoAnswersSince(String accountId, String recipient, Instant since) {
        return jdbc.sql("""
                select count(*) from mail_message
                 where account_id = :account and kind = 'auto_answer' and recipient = :recipient and created_at > :since""")
                .param("account", accountId).param("recipient", recipient).param("since", utc(since)).query(Long.class).single();
    }

    /** Whom the account's message with this Message-ID went to, and about which ticket: {recipient, ticket id or null}. */
    Optional<String[]> sentMessage(String accountId, String messageId) {
        return jdbc.sql("select recipient, ticket_id from mail_message where account_id = :account and message_id = :id")
                .param("account", accountId).param("id", messageId)
                .query((rs, row) -> new String[] {rs.getString("recipient"), rs.getString("ticket_id")}).list().stream().findFirst();
    }

    boolean isOwnMessageId(String accountId, String messageId) {
        return jdbc.sql("select count(*) from mail_message where account_id = :account and message_id = :id")
                .param("account", accountId).param("id", messageId).query(Long.class).single() > 0;
    }

    // --- mailboxes

    void insertMailbox(Mailbox row, Instant now) {
        jdbc.sql("""
                insert into mail_mailbox (account_id, id, department_id, address, host, port, security, username, password, access_token,
                                          folder, create_customers, active, uid_validity, last_uid, next_poll_at, created_at, updated_at)
                values (:account, :id, :department, :address, :host, :port, :security, :username, :password, :token, :folder, :create,
                        :active, null, 0, :now, :now, :now)""")
                .param("account", row.accountId()).param("id", row.id()).param("department", row.departmentId())
                .param("address", row.address()).param("host", row.host()).param("port", row.port())
                .param("security", row.security().wireName()).param("username", row.username()).param("password", box.seal(row.password()))
                .param("token", box.seal(row.accessToken())).param("folder", row.folder()).param("create", row.createCustomers())
                .param("active", row.active()).param("now", utc(now))
                .update();
    }

    void updateMailbox(Mailbox row, boolean serverChanged, Instant now) {
        // Another server or folder has its own UIDs: reading starts over there.
        jdbc.sql("""
                update mail_mailbox set department_id = :department, address = :address, host = :host, port = :port, security = :security,
                       username = :username, password = :password, access_token = :token, folder = :folder, create_customers = :create,
                       active = :active, updated_at = :now, next_poll_at = :now, last_error = null
                       """ + (serverChanged ? ", uid_validity = null, last_uid = 0\n" : "") + """
                 where account_id = :account and id = :id""")
                .param("account", row.accountId()).param("id", row.id()).param("department", row.departmentId())
                .param("address", row.address()).param("host", row.host()).param("port", row.port())
                .param("security", row.security().wireName()).param("username", row.username()).param("password", box.seal(row.password()))
                .param("token", box.seal(row.accessToken())).param("folder", row.folder()).param("create", row.createCustomers())
                .param("active", row.active()).param("now", utc(now))
                .update();
    }

    void deleteMailbox(String accountId, String id) {
        jdbc.sql("delete from mail_mailbox where account_id = :account and id = :id").param("account", accountId).param("id", id).update();
    }

    Optional<Mailbox> findMailbox(String accountId, String id) {
        return jdbc.sql("select * from mail_mailbox where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(this::mailbox).optional();
    }

    Optional<Mailbox> findMailboxByAddress(String accountId, String address) {
        return jdbc.sql("select * from mail_mailbox where account_id = :account and address = :address")
                .param("account", accountId).param("address", address).query(this::mailbox).optional();
    }

    List<Mailbox> mailboxes(String accountId) {
        return jdbc.sql("select * from mail_mailbox where account_id = :account order by created_at, id")
                .param("account", accountId).query(this::mailbox).list();
    }

    /** The account's active mailbox of the department, else any active one of the account: where replies should come back to. */
    Optional<Mailbox> replyMailbox(String accountId, String departmentId) {
        return jdbc.sql("""
                select * from mail_mailbox where account_id = :account and active = true
                 order by case when department_id = :department then 0 else 1 end, created_at, id limit 1""")
                .param("account", accountId).param("department", departmentId).query(this::mailbox).optional();
    }

    boolean mailboxInDepartment(String accountId, String departmentId) {
        return jdbc.sql("select count(*) from mail_mailbox where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).query(Long.class).single() > 0;
    }

    List<String[]> dueMailboxes(Instant now, int limit) {
        return jdbc.sql("""
                select account_id, id from mail_mailbox
                 where next_poll_at <= :now and active = true and (lease_until is null or lease_until <= :now)
                 order by next_poll_at limit :limit""")
                .param("now", utc(now)).param("limit", limit)
                .query((rs, row) -> new String[] {rs.getString("account_id"), rs.getString("id")}).list();
    }

    /** Takes the mailbox for this node until {@code until}; false when another node holds it. */
    boolean lease(String accountId, String id, String node, Instant now, Instant until) {
        return jdbc.sql("""
                update mail_mailbox set lease_owner = :node, lease_until = :until
                 where account_id = :account and id = :id and active = true and next_poll_at <= :now
                   and (lease_until is null or lease_until <= :now)""")
                .param("account", accountId).param("id", id).param("node", node).param("now", utc(now)).param("until", utc(until))
                .update() == 1;
    }

    /** Moves the read position forward while the lease is ours; false once another node took the mailbox over. */
    boolean advance(String accountId, String id, String node, long uidValidity, long lastUid) {
        return jdbc.sql("""
                update mail_mailbox set uid_validity = :validity, last_uid = :uid
                 where account_id = :account and id = :id and lease_owner = :node""")
                .param("account", accountId).param("id", id).param("node", node).param("validity", uidValidity).param("uid", lastUid)
                .update() == 1;
    }

    void release(String accountId, String id, String node, Instant now, Instant nextPoll, String error) {
        jdbc.sql("""
                update mail_mailbox set lease_owner = null, lease_until = null, next_poll_at = :next, last_polled_at = :now,
                       last_error = :error
                 where account_id = :account and id = :id and lease_owner = :node""")
                .param("account", accountId).param("id", id).param("node", node).param("now", utc(now)).param("next", utc(nextPoll))
                .param("error", clip(error, 500))
                .update();
    }

    // --- messages read

    /** Keeps a message read as it came, for the inbound log. */
    void insertInboundRaw(String accountId, String inboundId, byte[] content, Instant now) {
        jdbc.sql("insert into mail_inbound_raw (account_id, inbound_id, content, received_at) values (:account, :id, :content, :now)")
                .param("account", accountId).param("id", inboundId).param("content", content).param("now", utc(now)).update();
    }

    /** The message as it came, while it is kept. */
    Optional<byte[]> inboundRaw(String accountId, String inboundId) {
        return jdbc.sql("select content from mail_inbound_raw where account_id = :account and inbound_id = :id")
                .param("account", accountId).param("id", inboundId).query((rs, row) -> rs.getBytes("content")).optional();
    }

    /** Deletes raw messages received before {@code cutoff}, at most {@code limit} of them; answers how many. */
    /** Deletes up to {@code limit} of the account's raw messages read before {@code cutoff}, oldest first; returns how many. */
    int pruneInboundRaw(String accountId, Instant cutoff, int limit) {
        // Both statements go by mail_inbound_raw_age_idx (account_id, received_at).
        List<String> old = jdbc.sql("""
                select inbound_id from mail_inbound_raw where account_id = :account and received_at < :cutoff
                 order by received_at limit :limit""")
                .param("account", accountId).param("cutoff", utc(cutoff)).param("limit", limit).query(String.class).list();
        if (old.isEmpty()) {
            return 0;
        }
        jdbc.sql("delete from mail_inbound_raw where account_id = :account and inbound_id in (:ids)")
                .param("account", accountId).param("ids", old).update();
        return old.size();
    }

    long countInboundRaw(String accountId, Instant cutoff) {
        return jdbc.sql("select count(*) from mail_inbound_raw where account_id = :account and received_at < :cutoff")
                .param("account", accountId).param("cutoff", utc(cutoff)).query(Long.class).single();
    }

    /** Records a message read; false when it was already recorded (by this node earlier, another node or another mailbox). */
    boolean insertInbound(String accountId, String messageKey, String id, String mailboxId, String messageId, String sender,
                          String subject, String outcome, String ticketId, String detail, Instant now) {
        return jdbc.sql("""
                insert into mail_inbound (account_id, message_key, id, mailbox_id, message_id, sender, subject, outcome, ticket_id,
                                          detail, received_at)
                select :account, :key, :id, :mailbox, :messageId, :sender, :subject, :outcome, :ticket, :detail, :now
                 where not exists (select 1 from mail_inbound where account_id = :account and message_key = :key)""")
                .param("account", accountId).param("key", clip(messageKey, 300)).param("id", id).param("mailbox", mailboxId)
                .param("messageId", clip(messageId, 250)).param("sender", clip(sender, 320)).param("subject", clip(subject, 1000))
                .param("outcome", outcome).param("ticket", ticketId).param("detail", clip(detail, 500)).param("now", utc(now))
                .update() == 1;
    }

    void settleInbound(String accountId, String messageKey, String outcome, String ticketId, String detail) {
        jdbc.sql("""
                update mail_inbound set outcome = :outcome, ticket_id = :ticket, detail = :detail
                 where account_id = :account and message_key = :key""")
                .param("account", accountId).param("key", clip(messageKey, 300)).param("outcome", outcome).param("ticket", ticketId)
                .param("detail", clip(detail, 500))
                .update();
    }

    boolean inboundExists(String accountId, String messageKey) {
        return jdbc.sql("select count(*) from mail_inbound where account_id = :account and message_key = :key")
                .param("account", accountId).param("key", clip(messageKey, 300)).query(Long.class).single() > 0;
    }

    long inboundFromSenderSince(String accountId, String sender, Instant since) {
        return jdbc.sql("select count(*) from mail_inbound where account_id = :account and sender = :sender and received_at > :since")
                .param("account", accountId).param("sender", sender).param("since", utc(since)).query(Long.class).single();
    }

    Page<InboundView> listInbound(String accountId, PageRequest page) {
        long total = jdbc.sql("select count(*) from mail_inbound where account_id = :account").param("account", accountId)
                .query(Long.class).single();
        var items = jdbc.sql("""
                select i.*, case when exists (select 1 from mail_inbound_raw r where r.account_id = i.account_id and r.inbound_id = i.id)
                                 then 1 else 0 end as raw_kept
                  from mail_inbound i where i.account_id = :account order by i.received_at desc, i.id desc limit :limit offset :offset""")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset())
                .query((rs, row) -> new InboundView(rs.getString("id"), rs.getString("mailbox_id"), rs.getString("message_id"),
                        rs.getString("sender"), rs.getString("subject"), rs.getString("outcome"), rs.getString("ticket_id"),
                        rs.getString("detail"), instant(rs, "received_at"), rs.getInt("raw_kept") == 1))
                .list();
        return new Page<>(items, total, page);
    }

    // --- the installation's reply secret

    /** The reply secret, opened (it is stored sealed with the installation's key). */
    Optional<String> replySecret() {
        return jdbc.sql("select reply_secret from mail_installation where id = 1").query(String.class).optional().map(box::open);
    }

    void insertReplySecretIfAbsent(String secret) {
        jdbc.sql("insert into mail_installation (id, reply_secret) select 1, :secret where not exists (select 1 from mail_installation)")
                .param("secret", box.seal(secret)).update();
    }

    private static MailMessageView message(ResultSet rs, int row) throws SQLException {
        return new MailMessageView(rs.getString("id"), kind(rs.getString("kind")), rs.getString("ticket_id"), rs.getString("recipient"),
                rs.getString("subject"), MailStatus.fromWireName(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "created_at"), instant(rs, "sent_at"), List.of());
    }

    private Mailbox mailbox(ResultSet rs, int row) throws SQLException {
        return new Mailbox(rs.getString("account_id"), rs.getString("id"), rs.getString("department_id"), rs.getString("address"),
                rs.getString("host"), rs.getInt("port"), MailboxSecurity.fromWireName(rs.getString("security")).orElseThrow(),
                rs.getString("username"), box.open(rs.getString("password")), box.open(rs.getString("access_token")), rs.getString("folder"),
                rs.getBoolean("create_customers"), rs.getBoolean("active"), rs.getObject("uid_validity", Long.class),
                rs.getLong("last_uid"), instant(rs, "last_polled_at"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static MailKind kind(String text) {
        return MailKind.fromWireName(text).orElseThrow();
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
