package io.atende.console.chats;

import java.util.Comparator;
import java.util.List;

import io.atende.chat.ChatFilter;
import io.atende.department.DepartmentVisibility;
import io.atende.chat.ChatManagement;
import io.atende.chat.ChatSituation;
import io.atende.chat.ChatView;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.stereotype.Component;

/** The chats an operator's desk shows: the waiting queue and the operator's own conversations. */
@Component
public class ChatDesk {

    /**
     * How many chats of one situation the desk reads at most. Waiting and running chats are few
     * at any moment (they end within minutes), so one page holds them all.
     */
    static final int MOST = 500;

    private final ChatManagement chats;

    ChatDesk(ChatManagement chats) {
        this.chats = chats;
    }

    /** The chats waiting for an operator, longest waiting first. */
    List<ChatView> waiting(String accountId, DepartmentVisibility visibility) {
        return chats.list(accountId, new ChatFilter(null, null, null, List.of(ChatSituation.QUEUED), null, null, null, null)
                                .visibleTo(visibility),
                        new PageRequest(1, MOST)).items().stream()
                .sorted(Comparator.comparing(ChatView::createdAt).thenComparing(ChatView::id)).toList();
    }

    /** The operator's chats in progress, oldest first. */
    Page<ChatView> mine(String accountId, String operatorId) {
        return mine(accountId, operatorId, new PageRequest(1, MOST));
    }

    /** A page of the operator's chats in progress, oldest first within the page; the total counts them all. */
    Page<ChatView> mine(String accountId, String operatorId, PageRequest page) {
        var found = chats.list(accountId, ChatFilter.ofOperator(operatorId, List.of(ChatSituation.IN_PROGRESS)), page);
        return new Page<>(found.items().stream()
                .sorted(Comparator.comparing(ChatView::createdAt).thenComparing(ChatView::id)).toList(), found.total(), page);
    }

    /** How many chats wait for an operator now (for the console's start page). */
    public long waitingCount(String accountId, DepartmentVisibility visibility) {
        return chats.list(accountId, new ChatFilter(null, null, null, List.of(ChatSituation.QUEUED), null, null, null, null)
                        .visibleTo(visibility),
                new PageRequest(1, 1)).total();
    }
}
