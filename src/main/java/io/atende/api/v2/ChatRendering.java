package io.atende.api.v2;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.chat.ChatManagement;
import io.atende.chat.ChatSnapshot;
import io.atende.chat.ChatView;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;

import org.springframework.stereotype.Component;

/** Chats in their wire shape, for the chat endpoints and for Standard Webhooks deliveries alike. */
@Component
class ChatRendering {

    private final ChatManagement chats;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;

    ChatRendering(ChatManagement chats, CustomerManagement customers, DepartmentManagement departments,
                  OperatorManagement operators) {
        this.chats = chats;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
    }

    ChatWires.ChatWire single(String account, ZoneId zone, ChatView chat) {
        return renderer(account, zone, List.of(chat)).apply(chat);
    }

    ChatWires.DetailWire detail(String account, ZoneId zone, ChatView chat) {
        String downloadBase = ApiAttachments.downloadBase(ChatWires.DOWNLOAD_PATH);
        var messageWires = chats.messages(account, chat.id()).stream()
                .map(message -> ChatWires.MessageWire.of(message, zone, downloadBase)).toList();
        return ChatWires.DetailWire.of(single(account, zone, chat), messageWires);
    }

    /**
     * {@link #detail} of a chat's snapshot, its links under {@code origin} (none: relative to the server's root): reads
     * nothing, so the same snapshot always renders the same.
     */
    static ChatWires.DetailWire detail(ChatSnapshot snapshot, ZoneId zone, String origin) {
        String downloadBase = (origin == null ? "" : origin) + ApiRoutes.BASE_PATH + ChatWires.DOWNLOAD_PATH;
        var chat = snapshot.chat();
        var customers = snapshot.customer() == null ? Map.<String, CustomerView>of() : Map.of(chat.customerId(), snapshot.customer());
        var chatWire = ChatWires.chat(chat, customers, snapshot.departmentName(), snapshot.operatorName(), zone);
        var messageWires = snapshot.messages().stream().map(message -> ChatWires.MessageWire.of(message, zone, downloadBase)).toList();
        return ChatWires.DetailWire.of(chatWire, messageWires);
    }

    /** Renders chats with one lookup each for their customers, departments and operators. */
    Function<ChatView, ChatWires.ChatWire> renderer(String account, ZoneId zone, Collection<ChatView> items) {
        var customerIds = items.stream().map(ChatView::customerId).collect(Collectors.toSet());
        var operatorIds = new HashSet<String>();
        items.stream().map(ChatView::operatorId).filter(id -> id != null).forEach(operatorIds::add);
        var customerMap = customers.findAll(account, customerIds);
        var operatorMap = operators.findAll(account, operatorIds);
        Map<String, DepartmentView> departmentMap = departments.listDepartments(account).stream()
                .collect(Collectors.toMap(DepartmentView::id, Function.identity()));
        return chat -> ChatWires.chat(chat, customerMap, departmentMap, operatorMap, zone);
    }
}
