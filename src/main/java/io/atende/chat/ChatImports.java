package io.atende.chat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.NewAttachment;
import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.Html;
import io.atende.platform.ProtocolCounters;
import io.atende.platform.TableStatistics;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes chats brought from another help desk under the ids and protocols they had there. Meant for an import only: it
 * goes around the chat's transitions (the source already made them) and publishes no event, so no webhook, live stream
 * or rule reacts. The account's chat protocol counter continues after the highest protocol imported. A chat imported
 * again takes the source's current state and gets the messages it did not have yet.
 */
@Service
public class ChatImports {

    private final ChatRepository chats;
    private final ProtocolCounters protocols;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final AttachmentManagement attachments;
    private final TableStatistics statistics;

    ChatImports(ChatRepository chats, ProtocolCounters protocols, CustomerManagement customers, DepartmentManagement departments,
                OperatorManagement operators, AttachmentManagement attachments, TableStatistics statistics) {
        this.chats = chats;
        this.protocols = protocols;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.attachments = attachments;
        this.statistics = statistics;
    }

    /** The ids of the messages the account has of the chat (none when it does not have the chat). */
    @Transactional(readOnly = true)
    public Set<String> messageIds(String accountId, String chatId) {
        Set<String> ids = new HashSet<>();
        chats.messages(accountId, chatId).forEach(message -> ids.add(message.id()));
        return ids;
    }

    /**
     * Writes the chat; its customer, department and operator must already be in the account.
     *
     * @return whether anything was written (false: the account had the chat so already)
     * @throws IllegalArgumentException when the account lacks one of them (its message says which)
     */
    @Transactional
    public boolean importChat(String accountId, ImportedChat imported) {
        checkReferences(accountId, imported);
        protocols.continueAfter(accountId, "chat", imported.protocol());
        var existing = chats.lock(accountId, imported.id()).orElse(null);
        var known = existing == null ? List.<ChatMessageView>of() : chats.messages(accountId, imported.id());
        Set<String> knownIds = new HashSet<>();
        known.forEach(message -> knownIds.add(message.id()));
        var added = imported.messages().stream().filter(message -> !knownIds.contains(message.id())).toList();
        long seq = known.stream().mapToLong(ChatMessageView::seq).max().orElse(0);
        if (existing != null) {
            seq = Math.max(seq, existing.lastEventSeq());
        }
        Instant customerActivity = imported.createdAt();
        for (var message : imported.messages()) {
            if (message.senderType() == SenderType.CUSTOMER && message.createdAt() != null && message.createdAt().isAfter(customerActivity)) {
                customerActivity = message.createdAt();
            }
        }
        var chat = new Chat(imported.id(), imported.protocol(), imported.situation(), imported.customerId(), imported.departmentId(),
                imported.operatorId(), imported.createdAt(), imported.startedAt(), imported.endedAt(), customerActivity,
                imported.unreadMessages(), imported.evaluationGrade(), imported.evaluationComment(), seq + added.size());
        if (existing == null) {
            chats.insert(accountId, chat);
        } else if (added.isEmpty() && same(existing, chat)) {
            return false;
        }
        for (var message : added) {
            seq++;
            var at = message.createdAt() == null ? imported.createdAt() : message.createdAt();
            // A source's HTML is sanitized as every HTML message is here.
            chats.insertMessage(accountId, new ChatMessageView(message.id(), imported.id(), seq, message.senderType(), message.senderId(),
                    message.senderName(), message.html() ? Html.sanitize(message.body()) : message.body(), message.html(), at, List.of()));
            if (message.senderType() != SenderType.SYSTEM) {
                chats.insertWords(accountId, imported.id(), ChatWords.of(message.html() ? Html.toPlainText(message.body()) : message.body()));
            }
            int position = 0;
            for (var file : message.files()) {
                attachments.importFile(accountId, file.id(), ChatManagement.ATTACHMENT_OWNER, message.id(), position++,
                        new NewAttachment(file.name(), new ByteArrayResource(file.content())));
            }
        }
        // The insert wrote the chat as first seen; the update stamps it with when it last changed at the source.
        var last = imported.endedAt() != null ? imported.endedAt() : customerActivity;
        chats.update(accountId, chat, last);
        return true;
    }

    private static boolean same(Chat had, Chat now) {
        return had.situation() == now.situation() && Objects.equals(had.departmentId(), now.departmentId())
                && Objects.equals(had.operatorId(), now.operatorId()) && Objects.equals(had.startedAt(), now.startedAt())
                && Objects.equals(had.endedAt(), now.endedAt()) && had.unreadMessages() == now.unreadMessages()
                && Objects.equals(had.evaluationGrade(), now.evaluationGrade())
                && Objects.equals(had.evaluationComment(), now.evaluationComment());
    }

    /** The chat table holds its customer and department by foreign keys, not its operator: checked here, all three. */
    private void checkReferences(String accountId, ImportedChat imported) {
        if (!customers.findAll(accountId, List.of(imported.customerId())).containsKey(imported.customerId())) {
            throw new IllegalArgumentException("Its customer " + imported.customerId() + " is not in the account");
        }
        if (departments.listDepartments(accountId).stream().noneMatch(department -> department.id().equals(imported.departmentId()))) {
            throw new IllegalArgumentException("Its department " + imported.departmentId() + " is not in the account");
        }
        if (imported.operatorId() != null && !operators.findAll(accountId, List.of(imported.operatorId())).containsKey(imported.operatorId())) {
            throw new IllegalArgumentException("Its operator " + imported.operatorId() + " is not in the account");
        }
    }

    /** Refreshes the database's statistics of the tables imports write (after a large import). */
    public void refreshStatistics() {
        statistics.refresh(List.of("chat", "chat_message", "attachment"));
    }
}
