package io.atende.api.v2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.Caller;
import io.atende.attachment.AttachmentManagement;
import io.atende.chat.ChatFilter;
import io.atende.chat.ChatManagement;
import io.atende.chat.ChatSituation;
import io.atende.chat.SenderType;
import io.atende.customer.CustomerManagement;
import io.atende.customer.OrganizationManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class ChatApiV2Controller {

    private static final String TAG = "Chats";
    private static final List<String> SENDER_TYPES = List.of("A", "C");

    private final ChatManagement chats;
    private final CustomerManagement customers;
    private final OrganizationManagement organizations;
    private final DepartmentManagement departments;
    private final ChatRendering rendering;
    private final ChatStreams streams;
    private final AttachmentManagement attachments;
    private final ApiMessages messages;

    ChatApiV2Controller(ChatManagement chats, CustomerManagement customers, OrganizationManagement organizations,
                        DepartmentManagement departments, ChatRendering rendering, ChatStreams streams,
                        AttachmentManagement attachments, ApiMessages messages) {
        this.chats = chats;
        this.customers = customers;
        this.organizations = organizations;
        this.departments = departments;
        this.rendering = rendering;
        this.streams = streams;
        this.attachments = attachments;
        this.messages = messages;
    }

    @GetMapping("/chat/list")
    @ApiEndpoint(access = Access.READ, tag = TAG, summary = "List chats, highest protocol first",
            params = {@Param(name = "page", type = "integer", description = "Page number, 50 items per page"),
                    @Param(name = CustomerLookups.ID, description = "Chats of this customer: the internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = "department_id"),
                    @Param(name = "organization_id", description = "Chats of customers of this organization or of its child organizations"),
                    @Param(name = "situation", type = "csv", description = "Situations, e.g. 1,2: 1 queued, 2 in progress, 3 finished, 4 not attended"),
                    @Param(name = "min_protocol", type = "integer", description = "Protocol at least this"),
                    @Param(name = "max_protocol", type = "integer", description = "Protocol at most this"),
                    @Param(name = "creation_date_ge", type = "date"),
                    @Param(name = "creation_date_le", type = "date")})
    Map<String, Object> list(Caller caller, ApiParams params) {
        String account = caller.accountId();
        int page = params.page();
        var situations = situations(params);
        Long minProtocol = params.longValue("min_protocol").orElse(null);
        Long maxProtocol = params.longValue("max_protocol").orElse(null);
        var from = params.date("creation_date_ge", caller.timeZone()).orElse(null);
        var to = params.date("creation_date_le", caller.timeZone()).orElse(null);
        var lookup = CustomerLookups.optional(params);
        String departmentId = params.raw("department_id");
        String organizationId = params.raw("organization_id");
        String customerId = lookup.map(found -> customers.get(account, found).id()).orElse(null);
        if (departmentId != null) {
            departmentId = departments.getDepartment(account, departmentId).id();
        }
        var organizationIds = organizationId == null ? null : organizations.organizationAndDescendants(account, organizationId);
        var filter = new ChatFilter(customerId, departmentId, organizationIds, situations, minProtocol, maxProtocol, from, to)
                .visibleTo(caller.visibility());
        var found = chats.list(account, filter, PageRequest.of(page));
        var render = rendering.renderer(caller.accountId(), caller.timeZone(), found.items());
        return Envelope.page(messages.get("ok"), found, render::apply);
    }

    @GetMapping("/chat/detail")
    @ApiEndpoint(access = Access.READ, tag = TAG, summary = "One chat with its messages in order",
            params = @Param(name = "chat_id", required = true))
    Map<String, Object> detail(Caller caller, ApiParams params) {
        return Envelope.ok(messages.get("ok"), rendering.detail(caller.accountId(), caller.timeZone(), chats.get(caller.accountId(), visibleChat(caller, params.required("chat_id")))));
    }

    @PostMapping("/chat/new")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Open a chat in a department's queue (situation 1) with the customer's first message; the root id is the chat's",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION),
                    @Param(name = "department_id", required = true),
                    @Param(name = "message", required = true, description = "Text or HTML (sanitized); at most 100000 characters")})
    Map<String, Object> open(Caller caller, ApiParams params) {
        var lookup = CustomerLookups.required(params);
        String departmentId = params.required("department_id");
        if (!caller.visibility().sees(departmentId)) {
            // A limited token opens chats only where it sees them; another department is unknown to it.
            throw new NotFoundException("department.not_found", departmentId);
        }
        String message = params.requiredText("message", 100_000);
        var chat = chats.open(caller.accountId(), lookup, departmentId, message);
        return Envelope.created(messages.get("chat.created"), rendering.detail(caller.accountId(), caller.timeZone(), chat),
                Map.of("id", chat.id(), "protocol", chat.protocol()));
    }

    @PostMapping("/chat/accept")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "An operator takes a queued chat (1 to 2); 409 when someone else already did. The operator must be active and a member of the chat's department",
            params = {@Param(name = "chat_id", required = true), @Param(name = "operator_id", required = true)})
    Map<String, Object> accept(Caller caller, ApiParams params) {
        String chatId = visibleChat(caller, params.required("chat_id"));
        var chat = chats.accept(caller.accountId(), chatId, params.required("operator_id"));
        return Envelope.ok(messages.get("chat.accepted"), rendering.single(caller.accountId(), caller.timeZone(), chat));
    }

    @PostMapping("/chat/message")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Add a message: the customer (C) while the chat is queued or in progress, its operator (A) once accepted; the root id is the message's",
            params = {@Param(name = "chat_id", required = true),
                    @Param(name = "message", required = true, description = "Text or HTML (sanitized); at most 100000 characters"),
                    @Param(name = "sender_type", required = true, description = "A (the chat's operator) or C (the customer)"),
                    @Param(name = ApiAttachments.PARAM, type = "file", description = ApiAttachments.PARAM_DESCRIPTION)})
    Map<String, Object> message(Caller caller, ApiParams params) {
        String chatId = visibleChat(caller, params.required("chat_id"));
        String message = params.requiredText("message", 100_000);
        String type = params.oneOf("sender_type", SENDER_TYPES)
                .orElseThrow(() -> new InvalidInputException("sender_type", "parameter.required"));
        var sender = "A".equals(type) ? SenderType.OPERATOR : SenderType.CUSTOMER;
        var written = chats.postMessage(caller.accountId(), chatId, sender, message, ApiAttachments.read(params));
        return Envelope.created(messages.get("chat.message_sent"),
                ChatWires.MessageWire.of(written, caller.timeZone(), ApiAttachments.downloadBase(ChatWires.DOWNLOAD_PATH)),
                Map.of("id", written.id()));
    }

    @GetMapping(ChatWires.DOWNLOAD_PATH)
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "Download an attachment of a chat message: the bytes with their content type and Content-Disposition: attachment",
            params = @Param(name = "attachment_id", required = true))
    void download(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        var attachment = chats.attachment(caller.accountId(), params.required("attachment_id"));
        chats.requireVisibleAttachment(caller.accountId(), attachment.id(), caller.visibility());
        ApiAttachments.send(attachments, caller.accountId(), attachment, response);
    }

    @PostMapping("/chat/transfer")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true,
            summary = "Transfer an open chat: to a department (back to its queue) and/or to an operator (an accepted chat only; active member of the department)",
            params = {@Param(name = "chat_id", required = true),
                    @Param(name = "department_id", description = "At least one of department_id and operator_id"),
                    @Param(name = "operator_id")})
    Map<String, Object> transfer(Caller caller, ApiParams params) {
        String chatId = visibleChat(caller, params.required("chat_id"));
        var chat = chats.transfer(caller.accountId(), chatId, params.raw("department_id"), params.raw("operator_id"));
        return Envelope.ok(messages.get("chat.transferred"), rendering.single(caller.accountId(), caller.timeZone(), chat));
    }

    @PostMapping("/chat/finish")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "Finish an open chat (situation 3)",
            params = @Param(name = "chat_id", required = true))
    Map<String, Object> finish(Caller caller, ApiParams params) {
        var chat = chats.finish(caller.accountId(), visibleChat(caller, params.required("chat_id")));
        return Envelope.ok(messages.get("chat.finished"), rendering.single(caller.accountId(), caller.timeZone(), chat));
    }

    @PostMapping("/chat/evaluation")
    @ApiEndpoint(access = Access.WRITE, tag = TAG, extension = true, summary = "The customer's evaluation of a finished chat, once",
            params = {@Param(name = "chat_id", required = true),
                    @Param(name = "grade", required = true, type = "integer", description = "1 to 5"),
                    @Param(name = "comment", description = "At most 1000 characters")})
    Map<String, Object> evaluate(Caller caller, ApiParams params) {
        String chatId = visibleChat(caller, params.required("chat_id"));
        int grade = params.integer("grade", 1, 5).orElseThrow(() -> new InvalidInputException("grade", "parameter.required"));
        var chat = chats.evaluate(caller.accountId(), chatId, grade, params.text("comment", 1000));
        return Envelope.ok(messages.get("chat.evaluated"), rendering.single(caller.accountId(), caller.timeZone(), chat));
    }

    @GetMapping("/chat/stream")
    @ApiEndpoint(access = Access.READ, tag = TAG, extension = true,
            summary = "Server-Sent Events of a chat: event message or situation, id = the chat's event sequence; "
                    + "send Last-Event-ID to resume after a given event, otherwise the whole history comes first",
            params = {@Param(name = "chat_id", required = true),
                    @Param(name = "last_event_id", type = "integer", description = "Like the Last-Event-ID header, for clients that cannot send it")})
    SseEmitter stream(Caller caller, ApiParams params, HttpServletRequest request, HttpServletResponse response) {
        var chat = chats.get(caller.accountId(), visibleChat(caller, params.required("chat_id")));
        long after = lastEventId(params, request.getHeader("Last-Event-ID"));
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        return streams.open(caller, chat.id(), after);
    }

    private static long lastEventId(ApiParams params, String header) {
        String value = header != null && !header.isBlank() ? header.strip() : params.raw("last_event_id");
        String name = header != null && !header.isBlank() ? "Last-Event-ID" : "last_event_id";
        if (value == null) {
            return 0;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq < 0) {
                throw new InvalidInputException(name, "parameter.out_of_range", 0, Long.MAX_VALUE);
            }
            return seq;
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException(name, "parameter.not_integer");
        }
    }

    private static List<ChatSituation> situations(ApiParams params) {
        List<ChatSituation> situations = new ArrayList<>();
        for (String item : params.csv("situation")) {
            try {
                situations.add(ChatWires.situation(Integer.parseInt(item))
                        .orElseThrow(() -> new InvalidInputException("situation", "parameter.out_of_range", 1, 4)));
            } catch (NumberFormatException notANumber) {
                throw new InvalidInputException("situation", "parameter.not_integer");
            }
        }
        return situations;
    }

    /** The chat id, once the caller is known to see the chat: one of another department is not found, as an unknown one. */
    private String visibleChat(Caller caller, String chatId) {
        chats.requireVisible(caller.accountId(), chatId, caller.visibility());
        return chatId;
    }
}
