package io.atende.portal;

import java.util.List;

import io.atende.chat.ChatEventListener;
import io.atende.chat.ChatEventStreams;
import io.atende.chat.ChatEventView;
import io.atende.chat.ChatManagement;
import io.atende.chat.ChatTyping;
import io.atende.chat.SenderType;
import io.atende.chat.ChatStreamLimitException;
import io.atende.operator.OperatorManagement;
import io.atende.platform.Html;
import io.atende.platform.ServerSentEvents;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * The widget's live chat streams: the chat module's streams, each event sent as the widget shows
 * it (plain text, the sender's name, the situation and the operator's name), and the operator's typing as a
 * transient {@code typing} event without id ({@code date} is when the indicator goes unless renewed).
 */
@Component
class WidgetStreams {

    private final ChatEventStreams streams;
    private final ChatManagement chats;
    private final OperatorManagement operators;
    private final JsonMapper json;

    WidgetStreams(ChatEventStreams streams, ChatManagement chats, OperatorManagement operators, JsonMapper json) {
        this.streams = streams;
        this.chats = chats;
        this.operators = operators;
        this.json = json;
    }

    /** What the widget receives for each event. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WidgetEvent(long seq, String kind, int situation, String operator, String senderType, String sender, String message,
                       String date) {
    }

    /**
     * A stream of the chat's events after {@code afterSeq} for a visitor at {@code clientAddress};
     * 429 when the chat, the address or the account already holds its share of the node's streams,
     * 503 when the node serves its maximum.
     */
    SseEmitter open(String accountId, String chatId, long afterSeq, String clientAddress) {
        try {
            var stream = ServerSentEvents.open(streams.maxDuration(), "chat " + chatId);
            var subscription = streams.subscribe(accountId, chatId, afterSeq, new ChatEventStreams.Reader.Visitor(clientAddress),
                    ChatEventListener.of(event -> {
                        var data = render(event);
                        stream.send(new ServerSentEvents.Event(Long.toString(event.seq()), data.kind(), json.writeValueAsString(data)));
                    }, typing -> {
                        // The visitor sees the operator typing (their own typing is the operator's to see); no id: it is not replayed.
                        if (typing.party() == SenderType.OPERATOR) {
                            stream.send(new ServerSentEvents.Event(null, "typing", json.writeValueAsString(render(typing))));
                        }
                    }, stream::keepAlive, stream::end));
            stream.onClose(subscription::cancel);
            return stream.emitter();
        } catch (ChatStreamLimitException full) {
            throw switch (full.limit()) {
                case NODE -> WidgetLimitException.busy(5, "chat.stream_limit");
                case CHAT -> WidgetLimitException.tooMany(5, "chat.stream_limit_chat");
                case ADDRESS -> WidgetLimitException.tooMany(30, "chat.stream_limit_address");
                case ACCOUNT -> WidgetLimitException.tooMany(30, "chat.stream_limit_account");
            };
        }
    }

    private WidgetEvent render(ChatTyping typing) {
        var chat = chats.findChat(typing.accountId(), typing.chatId()).orElse(null);
        var found = chat == null || chat.operatorId() == null ? null
                : operators.findAll(typing.accountId(), List.of(chat.operatorId())).get(chat.operatorId());
        return new WidgetEvent(0, "typing", chat == null ? 0 : WidgetCodes.situation(chat.situation()), found == null ? null : found.name(),
                WidgetCodes.sender(typing.party()), found == null ? null : found.name(), null, typing.until().toString());
    }

    private WidgetEvent render(ChatEventView event) {
        var found = event.operatorId() == null ? null : operators.findAll(event.accountId(), List.of(event.operatorId())).get(event.operatorId());
        String operator = found == null ? null : found.name();
        if (event.kind() == ChatEventView.Kind.MESSAGE) {
            var message = event.message();
            return new WidgetEvent(event.seq(), "message", event.situation() == null ? 0 : WidgetCodes.situation(event.situation()), operator,
                    WidgetCodes.sender(message.senderType()), message.senderName(), message.html() ? Html.toPlainText(message.body()) : message.body(),
                    message.createdAt().toString());
        }
        return new WidgetEvent(event.seq(), "situation", WidgetCodes.situation(event.situation()), operator, null, null, null,
                event.createdAt().toString());
    }
}
