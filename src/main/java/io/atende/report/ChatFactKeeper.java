package io.atende.report;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.chat.ChatAccepted;
import io.atende.chat.ChatChanged;
import io.atende.chat.ChatCreated;
import io.atende.chat.ChatFinished;
import io.atende.chat.ChatManagement;
import io.atende.chat.ChatSituation;
import io.atende.platform.TransactionBatches;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps each chat's row of report facts, recomputed from the chat just before the transaction of its change commits
 * (queued, accepted, transferred, finished, abandoned, evaluated).
 */
@Component
class ChatFactKeeper {

    private final ChatManagement chats;
    private final AccountManagement accounts;
    private final JdbcClient jdbc;

    ChatFactKeeper(ChatManagement chats, AccountManagement accounts, JdbcClient jdbc) {
        this.chats = chats;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    private record Changed(String accountId, String chatId) {
    }

    @EventListener
    void on(ChatCreated event) {
        collect(event.accountId(), event.chatId());
    }

    @EventListener
    void on(ChatAccepted event) {
        collect(event.accountId(), event.chatId());
    }

    @EventListener
    void on(ChatFinished event) {
        collect(event.accountId(), event.chatId());
    }

    @EventListener
    void on(ChatChanged event) {
        collect(event.accountId(), event.chatId());
    }

    private void collect(String accountId, String chatId) {
        TransactionBatches.collect(this, new Changed(accountId, chatId), this::refresh);
    }

    private void refresh(List<Changed> changes) {
        Map<String, LinkedHashSet<String>> byAccount = new LinkedHashMap<>();
        changes.forEach(change -> byAccount.computeIfAbsent(change.accountId(), id -> new LinkedHashSet<>()).add(change.chatId()));
        byAccount.forEach(this::recompute);
    }

    /** Recomputes the facts of these chats of the account from the chats as they are now. */
    void recompute(String accountId, Collection<String> chatIds) {
        ZoneId zone = accounts.get(accountId).timeZone();
        for (String chatId : chatIds) {
            chats.findChat(accountId, chatId).ifPresent(chat -> {
                var day = chat.createdAt().atZone(zone).toLocalDate();
                boolean accepted = chat.startedAt() != null;
                jdbc.sql("delete from report_chat_fact where account_id = :account and chat_id = :chat")
                        .param("account", accountId).param("chat", chatId).update();
                jdbc.sql("""
                                insert into report_chat_fact (account_id, chat_id, on_day, on_week, on_month, department_id,
                                                              operator_id, accepted, abandoned, wait_seconds, duration_seconds, grade)
                                values (:account, :chat, :day, :week, :month, :department, :operator, :accepted, :abandoned,
                                        :wait, :duration, :grade)""")
                        .param("account", accountId).param("chat", chatId).param("day", day)
                        .param("week", day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                        .param("month", day.withDayOfMonth(1))
                        .param("department", TicketFacts.orNone(chat.departmentId()))
                        .param("operator", TicketFacts.orNone(chat.operatorId()))
                        .param("accepted", accepted).param("abandoned", chat.situation() == ChatSituation.ABANDONED)
                        .param("wait", accepted ? (Object) chat.waitSeconds() : null, java.sql.Types.BIGINT)
                        .param("duration", accepted && chat.endedAt() != null ? (Object) chat.durationSeconds() : null,
                                java.sql.Types.BIGINT)
                        .param("grade", chat.evaluationGrade(), java.sql.Types.INTEGER)
                        .update();
            });
        }
    }
}
