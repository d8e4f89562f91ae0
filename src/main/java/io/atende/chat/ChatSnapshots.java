package io.atende.chat;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.webhook.WebhookSubjectSnapshots;

import org.springframework.stereotype.Component;

/** Takes the chats' snapshots for Standard Webhooks deliveries (a transaction changes one chat, so they are read one by one). */
@Component
class ChatSnapshots implements WebhookSubjectSnapshots {

    private final ChatManagement chats;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;

    ChatSnapshots(ChatManagement chats, CustomerManagement customers, DepartmentManagement departments, OperatorManagement operators) {
        this.chats = chats;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
    }

    @Override
    public String subjectType() {
        return "chat";
    }

    @Override
    public Map<String, ChatSnapshot> snapshots(String accountId, Collection<String> subjectIds) {
        Map<String, ChatSnapshot> snapshots = new LinkedHashMap<>();
        // Only lookups that answer "absent" rather than throwing: this runs inside the publishing transaction.
        for (String chatId : subjectIds) {
            chats.findChat(accountId, chatId).ifPresent(chat -> snapshots.put(chatId, snapshot(accountId, chat)));
        }
        return snapshots;
    }

    private ChatSnapshot snapshot(String accountId, ChatView chat) {
        var customer = customers.findAll(accountId, List.of(chat.customerId())).get(chat.customerId());
        String department = departments.listDepartments(accountId).stream().filter(candidate -> candidate.id().equals(chat.departmentId()))
                .map(candidate -> candidate.name()).findFirst().orElse(null);
        var operator = chat.operatorId() == null ? null : operators.findAll(accountId, List.of(chat.operatorId())).get(chat.operatorId());
        return new ChatSnapshot(chat, chats.messages(accountId, chat.id()), customer, department, operator == null ? null : operator.name());
    }
}
