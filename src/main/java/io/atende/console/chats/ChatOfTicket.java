package io.atende.console.chats;

import io.atende.chat.ChatManagement;
import io.atende.chat.ChatView;

import org.springframework.stereotype.Component;

/** The chat a ticket was made from, for the ticket page's link back to it (read by the template as {@code @chatOfTicket}). */
@Component("chatOfTicket")
public class ChatOfTicket {

    private final ChatManagement chats;

    ChatOfTicket(ChatManagement chats) {
        this.chats = chats;
    }

    /** The chat turned into this ticket of the account, or {@code null}. */
    public ChatView of(String accountId, String ticketId) {
        return chats.chatOfTicket(accountId, ticketId).orElse(null);
    }
}
