package io.atende.portal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.chat.ChatAvailability;
import io.atende.chat.ChatManagement;
import io.atende.chat.SenderType;
import io.atende.customer.CustomerLanguage;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.WidgetChats;
import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RefusalStatuses;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the chat widget ({@code /widget.js}) talks to from any site: no cookies, no session. A
 * chat's requests carry its chat token (form field, or {@code token} in the query for the stream
 * and the transcript, which the browser fetches without headers). Requests from another site are
 * answered only when that site's origin is on the account's allow-list (CORS); requests from this
 * server's own pages always are, and requests without an {@code Origin} only while the account
 * allows no sites.
 */
@RestController
class WidgetController {

    private final WidgetChats widgetChats;
    private final WidgetStreams streams;
    private final WidgetThrottle throttle;
    private final ChatAvailability availability;
    private final ChatManagement chats;
    private final CustomerPortalAccess access;
    private final AccountManagement accounts;
    private final MessageSource messages;
    private final String publicOrigin;

    WidgetController(WidgetChats widgetChats, WidgetStreams streams, WidgetThrottle throttle, ChatAvailability availability,
                     ChatManagement chats, CustomerPortalAccess access, AccountManagement accounts, MessageSource messages,
                     @Value("${atende.public-url}") String publicUrl) {
        this.availability = availability;
        this.widgetChats = widgetChats;
        this.throttle = throttle;
        this.streams = streams;
        this.chats = chats;
        this.access = access;
        this.accounts = accounts;
        this.messages = messages;
        this.publicOrigin = CustomerPortalAccess.origin(URI.create(publicUrl).resolve("/").toString()).orElse("");
    }

    /** The account's name, colours and the widget's texts in the visitor's language. */
    @GetMapping("/widget/config")
    Map<String, Object> config(@RequestParam(required = false) String account, @RequestParam(required = false) String department,
                               HttpServletRequest request, HttpServletResponse response, Locale locale) {
        var view = account(account);
        allowOrigin(view.id(), request, response);
        var colors = Branding.of(view.accentColor());
        Map<String, Object> texts = new LinkedHashMap<>();
        for (String key : List.of("button", "close", "name", "email", "message", "start", "queued", "ended", "type", "send", "leave",
                "transcript", "rate", "rate_send", "rated", "you", "link_invalid", "new_chat", "offline", "leave_message", "message_left",
                "typing_someone")) {
            texts.put(key, messages.getMessage("portal.widget." + key, null, locale));
        }
        texts.put("title", messages.getMessage("portal.widget.title", new Object[] {view.name()}, locale));
        texts.put("in_progress", messages.getMessage("portal.widget.in_progress", new Object[] {"{0}"}, locale));
        texts.put("typing", messages.getMessage("portal.widget.typing", new Object[] {"{0}"}, locale));
        for (int grade = 1; grade <= 5; grade++) {
            texts.put("grade_" + grade, messages.getMessage("portal.grade." + grade, null, locale));
        }
        boolean available = availability.anyoneAvailable(view.id(), department == null || department.isBlank() ? null : department.strip());
        return Map.of("account_name", view.name(), "accent", colors.accent(), "on_accent", colors.onAccent(), "available", available,
                "texts", texts);
    }

    @PostMapping("/widget/chats")
    ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String account,
                                              @RequestParam(required = false) String department,
                                              @RequestParam(required = false) String name, @RequestParam(required = false) String email,
                                              @RequestParam(name = "email_hash", required = false) String emailHash,
                                              @RequestParam(required = false) String message, HttpServletRequest request,
                                              HttpServletResponse response, Locale locale) {
        var view = admitStart(account, request, response);
        var started = widgetChats.startForVisitor(view.id(), department, visitor(name, email, emailHash, locale), message);
        return ResponseEntity.status(HttpStatus.CREATED).body(started(started));
    }

    /** "Leave a message" when no one is there to chat: a ticket in the department, answered by e-mail. */
    @PostMapping("/widget/messages")
    ResponseEntity<Map<String, Object>> leaveMessage(@RequestParam(required = false) String account,
                                                     @RequestParam(required = false) String department,
                                                     @RequestParam(required = false) String name, @RequestParam(required = false) String email,
                                                     @RequestParam(name = "email_hash", required = false) String emailHash,
                                                     @RequestParam(required = false) String message, HttpServletRequest request,
                                                     HttpServletResponse response, Locale locale) {
        var view = admitStart(account, request, response);
        String subject = messages.getMessage("portal.widget.ticket_subject", new Object[] {name == null ? "" : name.strip()}, locale);
        long protocol = widgetChats.leaveMessage(view.id(), department, visitor(name, email, emailHash, locale),
                subject.length() > 250 ? subject.substring(0, 250) : subject, message);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("protocol", protocol));
    }

    /** A chat or a left message may start: the site is allowed and the address and account are within their allowance. */
    private AccountView admitStart(String account, HttpServletRequest request, HttpServletResponse response) {
        var view = account(account);
        allowOrigin(view.id(), request, response);
        throttle.start(view.id(), request.getRemoteAddr());
        return view;
    }

    private static WidgetChats.Visitor visitor(String name, String email, String emailHash, Locale locale) {
        var language = CustomerLanguage.fromText(locale.getLanguage()).orElse(CustomerLanguage.PT_BR);
        return new WidgetChats.Visitor(name, email, emailHash, language);
    }

    @GetMapping("/widget/chats/{chatId}")
    Map<String, Object> state(@PathVariable String chatId, @RequestParam(required = false) String account,
                              @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response) {
        var chat = verified(account, chatId, token, request, response);
        return Map.of("chat_id", chat.id(), "protocol", chat.protocol(), "situation", WidgetCodes.situation(chat.situation()),
                "evaluated", chat.evaluationGrade() != null, "last_event", chat.lastEventSeq());
    }

    @PostMapping("/widget/chats/{chatId}/messages")
    ResponseEntity<Map<String, Object>> send(@PathVariable String chatId, @RequestParam(required = false) String account,
                                             @RequestParam(required = false) String token, @RequestParam(required = false) String message,
                                             HttpServletRequest request, HttpServletResponse response) {
        var chat = verified(account, chatId, token, request, response);
        var sent = chats.postMessage(account.strip(), chat.id(), SenderType.CUSTOMER, message, List.of());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", sent.id(), "seq", sent.seq()));
    }

    /** The visitor is typing: the operator's desk shows it for a few seconds. 204; refused once the chat ended. */
    @PostMapping("/widget/chats/{chatId}/typing")
    ResponseEntity<Void> typing(@PathVariable String chatId, @RequestParam(required = false) String account,
                                @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response) {
        var chat = verified(account, chatId, token, request, response);
        chats.typing(account.strip(), chat.id(), SenderType.CUSTOMER);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/widget/chats/{chatId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String chatId, @RequestParam(required = false) String account,
                      @RequestParam(required = false) String token,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) String after, HttpServletRequest request, HttpServletResponse response) {
        var chat = verified(account, chatId, token, request, response);
        return streams.open(account.strip(), chat.id(), sequence(lastEventId != null ? lastEventId : after), request.getRemoteAddr());
    }

    @PostMapping("/widget/chats/{chatId}/finish")
    Map<String, Object> finish(@PathVariable String chatId, @RequestParam(required = false) String account,
                               @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response) {
        var chat = verified(account, chatId, token, request, response);
        var finished = chats.finish(account.strip(), chat.id());
        return Map.of("situation", WidgetCodes.situation(finished.situation()));
    }

    @PostMapping("/widget/chats/{chatId}/evaluation")
    Map<String, Object> evaluate(@PathVariable String chatId, @RequestParam(required = false) String account,
                                 @RequestParam(required = false) String token, @RequestParam(required = false) String grade,
                                 @RequestParam(required = false) String comment, HttpServletRequest request, HttpServletResponse response) {
        var chat = verified(account, chatId, token, request, response);
        int value;
        try {
            value = Integer.parseInt(grade == null ? "" : grade.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
        var evaluated = chats.evaluate(account.strip(), chat.id(), value, comment);
        return Map.of("grade", evaluated.evaluationGrade());
    }

    /** The conversation as a text file, in the account's time zone. */
    @GetMapping("/widget/chats/{chatId}/transcript")
    ResponseEntity<String> transcript(@PathVariable String chatId, @RequestParam(required = false) String account,
                                      @RequestParam(required = false) String token, HttpServletRequest request,
                                      HttpServletResponse response, Locale locale) {
        var view = account(account);
        // A download link the visitor follows: browsers send no Origin with it, and the chat token is what guards it.
        if (request.getHeader("Origin") != null) {
            allowOrigin(view.id(), request, response);
        }
        var chat = widgetChats.verify(view.id(), chatId, token);
        var format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM).withLocale(locale).withZone(view.timeZone());
        var text = new StringBuilder(messages.getMessage("portal.widget.transcript_heading", new Object[] {chat.protocol(), view.name()}, locale))
                .append("\n\n");
        for (var message : chats.messages(view.id(), chat.id())) {
            String sender = message.senderType() == SenderType.SYSTEM ? "*" : message.senderName();
            text.append('[').append(format.format(message.createdAt())).append("] ").append(sender).append(": ")
                    .append(message.html() ? Html.toPlainText(message.body()) : message.body()).append('\n');
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"chat-" + chat.protocol() + ".txt\"")
                .body(text.toString());
    }

    private Map<String, Object> started(WidgetChats.Started started) {
        return Map.of("chat_id", started.chat().id(), "protocol", started.chat().protocol(), "token", started.token(),
                "expires_at", started.expiresAt().toString(), "situation", WidgetCodes.situation(started.chat().situation()));
    }

    private io.atende.chat.ChatView verified(String account, String chatId, String token, HttpServletRequest request,
                                             HttpServletResponse response) {
        var view = account(account);
        allowOrigin(view.id(), request, response);
        return widgetChats.verify(view.id(), chatId, token);
    }

    private AccountView account(String accountId) {
        if (accountId == null || !Ids.isId(accountId.strip())) {
            throw new NotFoundException("account.not_found", accountId == null ? "" : accountId);
        }
        return accounts.get(accountId.strip());
    }

    /**
     * Answers another site's request only when its origin is on the account's allow-list, and
     * then says so (Access-Control-Allow-Origin) so that the browser lets the widget read it.
     */
    private void allowOrigin(String accountId, HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        response.addHeader("Vary", "Origin");
        if (origin == null) {
            // Browsers leave Origin out only of this server's own pages' requests (the portal's chat), and say so;
            // anything else without it is a script, refused when the account restricts the widget to its sites.
            if (!fromOwnPage(request) && !access.settings(accountId).allowedSites().isEmpty()) {
                throw new SiteNotAllowedException();
            }
            return;
        }
        if (origin.equals(ownOrigin(request)) || origin.equals(publicOrigin)) {
            return;
        }
        var normalized = CustomerPortalAccess.origin(origin).orElse(null);
        if (normalized == null || !access.settings(accountId).allowedSites().contains(normalized)) {
            throw new SiteNotAllowedException();
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
    }

    /** Whether the browser says the request comes from this server's own pages (Sec-Fetch-Site, else the Referer). */
    private boolean fromOwnPage(HttpServletRequest request) {
        if ("same-origin".equals(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return false;
        }
        try {
            var uri = URI.create(referer.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String refererOrigin = CustomerPortalAccess.origin(uri.getScheme() + "://" + uri.getRawAuthority()).orElse(null);
            return refererOrigin != null && (refererOrigin.equals(ownOrigin(request)) || refererOrigin.equals(publicOrigin));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(request.getScheme()) && port == 80 || "https".equals(request.getScheme()) && port == 443;
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static long sequence(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("after", "parameter.not_integer");
        }
    }

    /** The request came from a site the account did not allow. */
    static final class SiteNotAllowedException extends RuntimeException {
        SiteNotAllowedException() {
            super("site not allowed", null, false, false);
        }
    }

    /** The widget's errors: JSON with a localized message, ahead of the API's envelope. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @RestControllerAdvice(assignableTypes = WidgetController.class)
    static class WidgetErrors {

        private final MessageSource messages;

        WidgetErrors(MessageSource messages) {
            this.messages = messages;
        }

        @ExceptionHandler(SiteNotAllowedException.class)
        ResponseEntity<Map<String, Object>> siteNotAllowed(Locale locale, HttpServletRequest request, HttpServletResponse response) {
            readableOnAnySite(request, response);
            return error(HttpStatus.FORBIDDEN, messages.getMessage("portal.widget.site_not_allowed", null, locale), null);
        }

        @ExceptionHandler(WidgetLimitException.class)
        ResponseEntity<Map<String, Object>> limited(WidgetLimitException failure, Locale locale) {
            var answer = error(HttpStatus.valueOf(RefusalStatuses.status(failure)), text(failure, locale), null);
            return ResponseEntity.status(answer.getStatusCode()).header("Retry-After", Long.toString(failure.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_JSON).body(answer.getBody());
        }

        @ExceptionHandler(AtendeException.class)
        ResponseEntity<Map<String, Object>> refused(AtendeException failure, Locale locale, HttpServletRequest request,
                                                   HttpServletResponse response) {
            readableOnAnySite(request, response);
            return error(HttpStatus.valueOf(RefusalStatuses.status(failure)), text(failure, locale),
                    failure instanceof InvalidInputException invalid ? invalid.parameter() : null);
        }

        /**
         * The widget's first request (its configuration) may read why it was refused on any site, so
         * that it shows the message instead of nothing; the refusal tells that site nothing else.
         */
        private static void readableOnAnySite(HttpServletRequest request, HttpServletResponse response) {
            String origin = request.getHeader("Origin");
            if (origin != null && "GET".equals(request.getMethod()) && "/widget/config".equals(request.getRequestURI())) {
                response.setHeader("Access-Control-Allow-Origin", origin);
                response.setHeader("Vary", "Origin");
            }
        }

        private String text(AtendeException failure, Locale locale) {
            return messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale);
        }

        private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String field) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            body.put("field", field);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
        }
    }
}
