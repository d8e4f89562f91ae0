package io.atende.api.v2;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.Caller;
import io.atende.chat.ChatEventListener;
import io.atende.chat.ChatEventStreams;
import io.atende.chat.ChatEventView;
import io.atende.chat.ChatStreamLimitException;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.ServerSentEvents;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * TomTicket-style live chat streams: the chat module's streams, rendered as the API's wire
 * (dates in the caller's zone, download links, department and operator names).
 */
@Component
class ChatStreams {

    private final ChatEventStreams streams;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final JsonMapper json;

    ChatStreams(ChatEventStreams streams, DepartmentManagement departments, OperatorManagement operators, JsonMapper json) {
        this.streams = streams;
        this.departments = departments;
        this.operators = operators;
        this.json = json;
    }

    /** A new stream of the chat's events after {@code afterSeq}; 429 when the account holds its share of the node's streams, 503 when the node serves its maximum. */
    SseEmitter open(Caller caller, String chatId, long afterSeq) {
        // Taken now: the polling thread that renders the events has no request to build URLs from.
        String downloadBase = ApiAttachments.downloadBase(ChatWires.DOWNLOAD_PATH);
        ZoneId zone = caller.timeZone();
        try {
            var stream = ServerSentEvents.open(streams.maxDuration(), "chat " + chatId);
            var subscription = streams.subscribe(caller.accountId(), chatId, afterSeq, ChatEventListener.of(
                    event -> stream.send(render(event, zone, downloadBase, new Names())), stream::keepAlive, stream::end));
            stream.onClose(subscription::cancel);
            return stream.emitter();
        } catch (ChatStreamLimitException full) {
            if (full.limit() == ChatStreamLimitException.Limit.NODE) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, Map.of(HttpHeaders.RETRY_AFTER, "5"), "chat.stream_limit");
            }
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, Map.of(HttpHeaders.RETRY_AFTER, "30"), "chat.stream_limit_account");
        }
    }

    /** How many streams this node serves now. */
    int openStreams() {
        return streams.openStreams();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SituationEvent(String chatId, ChatWires.SituationWire situation, Wire.Ref department, Wire.Ref operator, String date) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MessageEvent(String chatId, String id, String date, String sender, String senderType, String message, String mimetype,
                        List<ApiAttachments.AttachmentWire> attachments) {
    }

    private ServerSentEvents.Event render(ChatEventView event, ZoneId zone, String downloadBase, Names names) {
        Object data;
        String name;
        if (event.kind() == ChatEventView.Kind.MESSAGE) {
            var message = ChatWires.MessageWire.of(event.message(), zone, downloadBase);
            data = new MessageEvent(event.chatId(), message.id(), message.date(), message.sender(), message.senderType(),
                    message.message(), message.mimetype(), message.attachments());
            name = "message";
        } else {
            var department = names.department(event.accountId(), event.departmentId());
            var operator = event.operatorId() == null ? null : names.operator(event.accountId(), event.operatorId());
            data = new SituationEvent(event.chatId(), ChatWires.SituationWire.of(event.situation()),
                    department == null ? Wire.Ref.EMPTY : new Wire.Ref(department.id(), department.name()),
                    operator == null ? Wire.Ref.EMPTY : new Wire.Ref(operator.id(), operator.name()),
                    ApiDates.format(event.createdAt(), zone));
            name = "situation";
        }
        return new ServerSentEvents.Event(Long.toString(event.seq()), name, json.writeValueAsString(data));
    }

    /** Department and operator names looked up at most once while rendering one event. */
    private final class Names {

        private final Map<String, Map<String, DepartmentView>> departmentsByAccount = new HashMap<>();
        private final Map<String, OperatorView> operatorsById = new HashMap<>();

        DepartmentView department(String accountId, String departmentId) {
            return departmentsByAccount.computeIfAbsent(accountId, account -> departments.listDepartments(account).stream()
                    .collect(Collectors.toMap(DepartmentView::id, Function.identity()))).get(departmentId);
        }

        OperatorView operator(String accountId, String operatorId) {
            return operatorsById.computeIfAbsent(accountId + '/' + operatorId,
                    key -> operators.findAll(accountId, List.of(operatorId)).get(operatorId));
        }
    }
}
