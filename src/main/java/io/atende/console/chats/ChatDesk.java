package io.atende.console.chats;

import java.util.Comparator;
import java.util.List;

import io.atende.chat.ChatFilter;
import io.atende.chat.ChatManagement;
import io.atende.chat.ChatSituation;
import io.atende.chat.ChatView;
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
    List<ChatView> waiting(String accountId) {
        return chats.list(accountId, new ChatFilter(null, null, null, List.of(ChatSituation.QUEUED), null, null, null, null),
                        new PageRequest(1, MOST)).items().stream()
                .sorted(Comparator.comparing(ChatView::createdAt).thenComparing(ChatView::id)).toList();
    }

    /** The operator's chats in progress, oldest first. */
    List<ChatView> mine(String accountId, String operatorId) {
        // ChatFilter has no operator filter; the chats in progress of a whole account fit in one page.
        return chats.list(accountId, new ChatFilter(null, null, null, List.of(ChatSituation.IN_PROGRESS), null, null, null, null),
                        new PageRequest(1, MOST)).items().stream()
                .filter(chat -> operatorId.equals(chat.operatorId()))
                .sorted(Comparator.comparing(ChatView::createdAt).thenComparing(ChatView::id)).toList();
    }

    /** How many chats wait for an operator now (for the console's start page). */
    public long waitingCount(String accountId) {
        return chats.list(accountId, new ChatFilter(null, null, null, List.of(ChatSituation.QUEUED), null, null, null, null),
                new PageRequest(1, 1)).total();
    }
}
