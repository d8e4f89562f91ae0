package io.atende.chat;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node sweeps the queues on a timer. Nodes may race for the same chat: each chat is
 * abandoned under its row lock after checking again that it is still queued and silent, so the
 * losers find nothing left to do.
 */
@Component
class ChatAbandonment {

    private final ChatManagement chats;

    ChatAbandonment(ChatManagement chats) {
        this.chats = chats;
    }

    @Scheduled(initialDelayString = "${atende.chat.sweep-interval:30s}", fixedDelayString = "${atende.chat.sweep-interval:30s}")
    void sweep() {
        chats.abandonSilentChats();
    }
}
