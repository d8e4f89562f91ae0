package io.atende.api.v2;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.chat.ChatMessageView;
import io.atende.chat.ChatSituation;
import io.atende.chat.ChatView;
import io.atende.chat.SenderType;
import io.atende.customer.CustomerView;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorView;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Chats on the wire (docs/api.md, Live chat). */
final class ChatWires {

    private ChatWires() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SituationWire(int id, String description) {

        static SituationWire of(ChatSituation situation) {
            String description = switch (situation) {
                case QUEUED -> "Aguardando atendimento";
                case IN_PROGRESS -> "Em atendimento";
                case FINISHED -> "Finalizado";
                case ABANDONED -> "Não atendido";
            };
            return new SituationWire(situationCode(situation), description);
        }
    }

    /** TomTicket's code of a chat situation. */
    static int situationCode(ChatSituation situation) {
        return switch (situation) {
            case QUEUED -> 1;
            case IN_PROGRESS -> 2;
            case FINISHED -> 3;
            case ABANDONED -> 4;
        };
    }

    /** The situation TomTicket means by this code, if any. */
    static Optional<ChatSituation> situation(int code) {
        return Arrays.stream(ChatSituation.values()).filter(situation -> situationCode(situation) == code).findFirst();
    }

    /** TomTicket's code of who wrote a message: A for the attendant, C for the customer, S for the system. */
    static String senderCode(SenderType sender) {
        return switch (sender) {
            case OPERATOR -> "A";
            case CUSTOMER -> "C";
            case SYSTEM -> "S";
        };
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CustomerRef(String id, String internalId, String name, String email) {

        static final CustomerRef EMPTY = new CustomerRef(null, null, null, null);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EvaluationWire(Integer grade, String comment) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatWire(String id, long protocol, SituationWire situation, CustomerRef customer, Wire.Ref department, Wire.Ref operator,
                    String creationDate, String startDate, String endDate, long waitTime, long duration, int unreadMessages,
                    EvaluationWire evaluation) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DetailWire(String id, long protocol, SituationWire situation, CustomerRef customer, Wire.Ref department, Wire.Ref operator,
                      String creationDate, String startDate, String endDate, long waitTime, long duration, int unreadMessages,
                      EvaluationWire evaluation, List<MessageWire> messages) {

        static DetailWire of(ChatWire chat, List<MessageWire> messages) {
            return new DetailWire(chat.id(), chat.protocol(), chat.situation(), chat.customer(), chat.department(), chat.operator(),
                    chat.creationDate(), chat.startDate(), chat.endDate(), chat.waitTime(), chat.duration(), chat.unreadMessages(),
                    chat.evaluation(), messages);
        }
    }

    /** The path of the chat attachment download, whose URL each attachment carries. */
    static final String DOWNLOAD_PATH = "/chat/attachment";

    /** A message; {@code downloadBase} comes from {@link ApiAttachments#downloadBase(String)} with {@link #DOWNLOAD_PATH}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MessageWire(String id, String date, String sender, String senderType, String message, String mimetype,
                       List<ApiAttachments.AttachmentWire> attachments) {

        static MessageWire of(ChatMessageView message, ZoneId zone, String downloadBase) {
            return new MessageWire(message.id(), ApiDates.format(message.createdAt(), zone), message.senderName(),
                    senderCode(message.senderType()), message.body(), message.html() ? "text/html" : "text/plain",
                    ApiAttachments.wires(message.attachments(), downloadBase));
        }
    }

    static ChatWire chat(ChatView chat, Map<String, CustomerView> customers, Map<String, DepartmentView> departments,
                         Map<String, OperatorView> operators, ZoneId zone) {
        var department = departments.get(chat.departmentId());
        var operator = chat.operatorId() == null ? null : operators.get(chat.operatorId());
        return chat(chat, customers, department == null ? null : department.name(), operator == null ? null : operator.name(), zone);
    }

    /** The chat with the names of its department and operator ({@code null}: none, or no longer there). */
    static ChatWire chat(ChatView chat, Map<String, CustomerView> customers, String departmentName, String operatorName, ZoneId zone) {
        var customer = customers.get(chat.customerId());
        return new ChatWire(chat.id(), chat.protocol(), SituationWire.of(chat.situation()),
                customer == null ? CustomerRef.EMPTY : new CustomerRef(customer.id(), customer.internalId(), customer.name(), customer.email()),
                departmentName == null ? Wire.Ref.EMPTY : new Wire.Ref(chat.departmentId(), departmentName),
                operatorName == null || chat.operatorId() == null ? Wire.Ref.EMPTY : new Wire.Ref(chat.operatorId(), operatorName),
                ApiDates.format(chat.createdAt(), zone), ApiDates.format(chat.startedAt(), zone), ApiDates.format(chat.endedAt(), zone),
                chat.waitSeconds(), chat.durationSeconds(), chat.unreadMessages(),
                new EvaluationWire(chat.evaluationGrade(), chat.evaluationComment()));
    }
}
