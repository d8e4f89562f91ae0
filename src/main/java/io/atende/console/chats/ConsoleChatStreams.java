package io.atende.console.chats;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.chat.ChatEventListener;
import io.atende.chat.ChatEventStreams;
import io.atende.chat.ChatEventView;
import io.atende.chat.ChatStreamLimitException;
import io.atende.chat.SenderType;
import io.atende.platform.ServerSentEvents;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The console's live chat streams: the chat module's streams, each new message sent as the HTML
 * the chat page shows, each change of situation as its localized name, and the customer's typing as a transient
 * {@code typing} event (no id) with the localized "typing" text.
 */
@Component
class ConsoleChatStreams {

    private final ChatEventStreams streams;
    private final ITemplateEngine templates;
    private final MessageSource messages;

    private final io.atende.console.ConsoleInitials initials;

    ConsoleChatStreams(ChatEventStreams streams, ITemplateEngine templates, MessageSource messages, io.atende.console.ConsoleInitials initials) {
        this.initials = initials;
        this.streams = streams;
        this.templates = templates;
        this.messages = messages;
    }

    /** A stream of the chat's events after {@code afterSeq}, rendered in the operator's language and the account's zone. */
    SseEmitter open(String accountId, String chatId, long afterSeq, Locale locale, ZoneId zone) {
        try {
            var stream = ServerSentEvents.open(streams.maxDuration(), "chat " + chatId);
            var subscription = streams.subscribe(accountId, chatId, afterSeq,
                    ChatEventListener.of(event -> stream.send(render(event, locale, zone)), typing -> {
                        // The operator sees the customer typing; their own typing is the customer's to see.
                        if (typing.party() == SenderType.CUSTOMER) {
                            stream.send(new ServerSentEvents.Event(null, "typing", messages.getMessage("desk.chat.customer_typing", null, locale)));
                        }
                    }, stream::keepAlive, stream::end));
            stream.onClose(subscription::cancel);
            return stream.emitter();
        } catch (ChatStreamLimitException full) {
            if (full.limit() == ChatStreamLimitException.Limit.NODE) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many chat streams on this node", full);
            }
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "the account holds its share of this node's chat streams", full);
        }
    }

    private ServerSentEvents.Event render(ChatEventView event, Locale locale, ZoneId zone) {
        var id = Long.toString(event.seq());
        if (event.kind() == ChatEventView.Kind.MESSAGE) {
            var context = new Context(locale, Map.of("m", event.message(), "zone", zone, "initials", initials));
            String html = templates.process("console/chats/chat", Set.of("message"), context).strip();
            // An event's data is one line: line breaks travel as U+2028, which the page turns back (a message's own breaks show).
            return new ServerSentEvents.Event(id, "message", html.replace("\r", "").replace('\n', (char) 0x2028));
        }
        String state = messages.getMessage("desk.chat.situation." + event.situation().name(), null, locale);
        return new ServerSentEvents.Event(id, event.situation().isOpen() ? "situation" : "ended", state);
    }
}
