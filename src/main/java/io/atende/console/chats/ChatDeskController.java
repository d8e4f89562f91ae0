package io.atende.console.chats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.NewAttachment;
import io.atende.automation.MacroManagement;
import io.atende.automation.MacroView;
import io.atende.chat.ChatAvailability;
import io.atende.chat.ChatManagement;
import io.atende.chat.ChatMessageView;
import io.atende.chat.ChatTickets;
import io.atende.chat.ChatView;
import io.atende.customer.CustomerFilter;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.platform.Html;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketManagement;
import io.atende.chat.SenderType;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.console.tickets.DeskDirectory;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chat desk at /console/chats: the waiting queue (reloaded every few seconds), accepting a
 * chat, and the live conversation with its stream, messages, transfer and finish. Once a chat has
 * an operator, only that operator writes in it, transfers or finishes it.
 */
@Controller
class ChatDeskController {

    private final ChatManagement chats;
    private final ChatDesk desk;
    private final ConsoleChatStreams streams;
    private final AttachmentManagement attachments;
    private final DeskDirectory directory;
    private final ConsoleMessages messages;
    private final ChatAvailability availability;
    private final ChatTickets chatTickets;
    private final TicketManagement tickets;
    private final MacroManagement macros;
    private final CustomerManagement customers;
    private final ConsoleVisibility visibility;

    private final java.time.Clock clock;
    private final io.atende.console.ConsoleInitials initials;

    ChatDeskController(ChatManagement chats, ChatDesk desk, ConsoleChatStreams streams, AttachmentManagement attachments,
                       DeskDirectory directory, ConsoleMessages messages, ChatAvailability availability, ChatTickets chatTickets,
                       TicketManagement tickets, MacroManagement macros, CustomerManagement customers,
                       ConsoleVisibility visibility, java.time.Clock clock, io.atende.console.ConsoleInitials initials) {
        this.clock = clock;
        this.initials = initials;
        this.visibility = visibility;
        this.availability = availability;
        this.chatTickets = chatTickets;
        this.tickets = tickets;
        this.macros = macros;
        this.customers = customers;
        this.chats = chats;
        this.desk = desk;
        this.streams = streams;
        this.attachments = attachments;
        this.directory = directory;
        this.messages = messages;
    }

    /**
     * Before any handler: a chat of a department the operator does not see is not found, as an unknown one (the same
     * 404 page), whatever is asked of it; so is an attachment of one.
     */
    @ModelAttribute
    void visibleOnly(@AuthenticationPrincipal ConsoleOperator me, @PathVariable(required = false) String id,
                     @PathVariable(required = false) String attachmentId) {
        if (me == null) {
            return;
        }
        var seen = visibility.of(me);
        chats.requireVisible(me.accountId(), id, seen);
        if (attachmentId != null) {
            chats.requireVisibleAttachment(me.accountId(), attachmentId, seen);
        }
    }

    @GetMapping("/console/chats")
    String desk(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        queue(me, model);
        return "console/chats/desk";
    }

    /** The queue and the operator's chats alone, for the page's periodic refresh. */
    @GetMapping("/console/chats/queue")
    String queueFragment(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        queue(me, model);
        return "console/chats/desk :: queue";
    }

    @PostMapping("/console/chats/{id}/accept")
    String accept(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, HttpServletRequest request,
                  HttpServletResponse response, Model model, Locale locale) {
        try {
            chats.accept(me.accountId(), id, me.operatorId());
        } catch (RuleViolationException refused) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            var chat = chats.get(me.accountId(), id);
            boolean lostRace = refused.messageKey().equals("chat.already_taken") || refused.messageKey().equals("chat.not_queued");
            model.addAttribute("failure", lostRace && chat.operatorId() != null && !chat.operatorId().equals(me.operatorId())
                    ? messages.text("desk.chat.taken_by_other", locale, Long.toString(chat.protocol())) : messages.text(refused, locale));
            queue(me, model);
            return request.getHeader("HX-Request") != null ? "console/chats/desk :: queue" : "console/chats/desk";
        }
        String target = "/console/chats/" + id;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            queue(me, model);
            return "console/chats/desk :: queue";
        }
        return "redirect:" + target;
    }

    /** The chat; with {@code macro}, the reply box holds that macro's reply (the canned-reply picker without script). */
    @GetMapping("/console/chats/{id}")
    String chat(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                @RequestParam(name = "macro", required = false) String macroId, Model model) {
        describe(me, id, model);
        if (macroId != null && !macroId.isBlank()) {
            model.addAttribute("draft", cannedText(me, (ChatView) model.getAttribute("chat"), macroId));
        }
        return "console/chats/chat";
    }

    /** A canned reply (a macro's reply) for this chat, placeholders filled, as plain text for the reply box. */
    @GetMapping(path = "/console/chats/{id}/canned/{macroId}", produces = "text/plain;charset=UTF-8")
    @ResponseBody
    String canned(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, @PathVariable String macroId) {
        return cannedText(me, chats.get(me.accountId(), id), macroId);
    }

    private String cannedText(ConsoleOperator me, ChatView chat, String macroId) {
        var customer = directory.customers(me.accountId(), List.of(chat.customerId())).get(chat.customerId());
        var department = directory.departments(me.accountId()).get(chat.departmentId());
        var operator = directory.operators(me.accountId(), List.of(me.operatorId())).get(me.operatorId());
        var values = new java.util.HashMap<String, String>();
        values.put("customer.name", customer == null ? null : customer.name());
        values.put("customer.email", customer == null ? null : customer.email());
        values.put("department.name", department == null ? null : department.name());
        values.put("operator.name", operator == null ? null : operator.name());
        String text = macros.fillReply(me.accountId(), macroId, me.operatorId(), values);
        return text == null ? "" : text;
    }

    /**
     * "Someone is typing" from the operator: the customer's widget shows it for a few seconds. Only the chat's
     * operator signals, as only they write; 204, or 409 when they may not write.
     */
    @PostMapping("/console/chats/{id}/typing")
    ResponseEntity<Void> typing(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id) {
        requireHolder(me, chats.get(me.accountId(), id), true);
        chats.typing(me.accountId(), id, SenderType.OPERATOR);
        return ResponseEntity.noContent().build();
    }

    /**
     * Turns the chat into a ticket of its customer with the transcript, and opens the ticket. While the chat is open
     * only its operator may; once it ended, any operator (from the history).
     */
    @PostMapping("/console/chats/{id}/ticket")
    String toTicket(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                    @RequestParam(name = "subject", required = false) String subject, HttpServletRequest request,
                    HttpServletResponse response, Model model, Locale locale) {
        io.atende.ticket.TicketView ticket;
        try {
            var chat = chats.get(me.accountId(), id);
            if (chat.situation().isOpen()) {
                requireHolder(me, chat, false);
            }
            ticket = chatTickets.toTicket(me.accountId(), id, me.operatorId(), subject, directory.zone(me.accountId()));
        } catch (InvalidInputException | RuleViolationException refused) {
            return refused(me, id, "ticket", refused, null, request, response, model, locale);
        }
        String target = "/console/tickets/" + ticket.id();
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            describe(me, id, model);
            return "console/chats/chat :: actions";
        }
        return "redirect:" + target;
    }

    /**
     * Ended chats, most recently ended first: of the customers whose name, e-mail or id starts with {@code customer}
     * (the first {@value #HISTORY_CUSTOMERS} of them), with words starting with each word of {@code q}.
     */
    @GetMapping("/console/chats/history")
    String history(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "customer", required = false) String customer,
                   @RequestParam(name = "q", required = false) String text, @RequestParam(name = "page", required = false) String page,
                   Model model) {
        String who = blank(customer);
        List<String> customerIds = who == null ? null : customers.list(me.accountId(), new CustomerFilter(null, who),
                new PageRequest(1, HISTORY_CUSTOMERS)).items().stream().map(CustomerView::id).toList();
        int number = 1;
        try {
            number = page == null ? 1 : Math.max(1, Math.min(10_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException notANumber) {
            number = 1;
        }
        var found = chats.history(me.accountId(), customerIds, blank(text), new PageRequest(number, HISTORY_PAGE));
        model.addAttribute("section", "chats");
        model.addAttribute("found", found);
        model.addAttribute("customerQuery", who);
        model.addAttribute("textQuery", blank(text));
        model.addAttribute("customers", directory.customers(me.accountId(), found.items().stream().map(ChatView::customerId).toList()));
        model.addAttribute("departments", directory.departments(me.accountId()));
        model.addAttribute("operators", directory.operators(me.accountId(),
                found.items().stream().map(ChatView::operatorId).filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("previews", previews(me.accountId(), found.items()));
        model.addAttribute("zone", directory.zone(me.accountId()));
        return "console/chats/history";
    }

    static final int HISTORY_CUSTOMERS = 200;
    static final int HISTORY_PAGE = 25;
    private static final int PREVIEW_LENGTH = 120;

    /** The latest message of each chat as one short line of text. */
    private java.util.Map<String, String> previews(String accountId, List<ChatView> shown) {
        var previews = new java.util.HashMap<String, String>();
        chats.lastMessages(accountId, shown.stream().map(ChatView::id).toList()).forEach((chatId, message) -> {
            String text = (message.html() ? Html.toPlainText(message.body()) : message.body()).replaceAll("\\s+", " ").strip();
            int cut = text.offsetByCodePoints(0, Math.min(PREVIEW_LENGTH, text.codePointCount(0, text.length())));
            previews.put(chatId, cut < text.length() ? text.substring(0, cut) + "…" : text);
        });
        return previews;
    }

    @PostMapping("/console/chats/{id}/messages")
    String send(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                @RequestParam(name = "message", required = false) String message,
                @RequestParam(name = "attachment", required = false) List<MultipartFile> files, HttpServletRequest request,
                HttpServletResponse response, Model model, Locale locale) {
        try {
            requireHolder(me, chats.get(me.accountId(), id), true);
            chats.postMessage(me.accountId(), id, SenderType.OPERATOR, message, uploads(files));
        } catch (InvalidInputException | RuleViolationException refused) {
            return refused(me, id, "send", refused, message, request, response, model, locale);
        }
        return answer(me, id, "send", null, request, model);
    }

    @PostMapping("/console/chats/{id}/transfer")
    String transfer(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                    @RequestParam(name = "department_id", required = false) String departmentId,
                    @RequestParam(name = "operator_id", required = false) String operatorId, HttpServletRequest request,
                    HttpServletResponse response, Model model, Locale locale) {
        try {
            requireHolder(me, chats.get(me.accountId(), id), false);
            chats.transfer(me.accountId(), id, blank(departmentId), blank(operatorId));
        } catch (InvalidInputException | RuleViolationException refused) {
            return refused(me, id, "transfer", refused, null, request, response, model, locale);
        }
        return answer(me, id, "transfer", "desk.chat.transferred", request, model);
    }

    @PostMapping("/console/chats/{id}/finish")
    String finish(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id, HttpServletRequest request,
                  HttpServletResponse response, Model model, Locale locale) {
        try {
            requireHolder(me, chats.get(me.accountId(), id), false);
            chats.finish(me.accountId(), id);
        } catch (InvalidInputException | RuleViolationException refused) {
            return refused(me, id, "finish", refused, null, request, response, model, locale);
        }
        return answer(me, id, "finish", "desk.chat.finished", request, model);
    }

    /** The chat's live events after the ones the page already shows (or, on reconnection, after Last-Event-ID). */
    @GetMapping(path = "/console/chats/{id}/stream", produces = "text/event-stream")
    @ResponseBody
    SseEmitter stream(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                      @RequestParam(name = "after", required = false) String after,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, Locale locale,
                      HttpServletResponse response) {
        var chat = chats.get(me.accountId(), id);
        long seen = sequence(lastEventId != null ? lastEventId : after, chat.lastEventSeq());
        // Tells nginx-style proxies not to hold the events back.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        return streams.open(me.accountId(), chat.id(), seen, locale, directory.zone(me.accountId()));
    }

    /** A file of one of the account's chat messages, with its sniffed type, as a download. */
    @GetMapping("/console/chats/attachments/{attachmentId}")
    void download(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String attachmentId, HttpServletResponse response)
            throws IOException {
        var attachment = chats.attachment(me.accountId(), attachmentId);
        response.setContentType(attachment.contentType());
        response.setContentLengthLong(attachment.size());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition",
                ContentDisposition.attachment().filename(attachment.name(), StandardCharsets.UTF_8).build().toString());
        attachments.copyContent(me.accountId(), attachment.id(), response.getOutputStream());
    }

    private void queue(ConsoleOperator me, Model model) {
        // The desk is open (the queue reloads every few seconds): the widget offers chats while someone is here.
        availability.operatorAtDesk(me.accountId(), me.operatorId());
        var waiting = desk.waiting(me.accountId(), visibility.of(me));
        var mine = desk.mine(me.accountId(), me.operatorId());
        var all = new ArrayList<ChatView>(waiting);
        all.addAll(mine.items());
        model.addAttribute("section", "chats");
        model.addAttribute("waiting", waiting);
        model.addAttribute("mine", mine.items());
        model.addAttribute("mineCount", mine.total());
        model.addAttribute("customers", directory.customers(me.accountId(), all.stream().map(ChatView::customerId).toList()));
        model.addAttribute("departments", directory.departments(me.accountId()));
        model.addAttribute("previews", previews(me.accountId(), all));
        model.addAttribute("customerWaits", customerWaits(me.accountId(), mine.items()));
    }

    /** For each of the operator's chats whose last word is the customer's, the seconds since that message. */
    private java.util.Map<String, Long> customerWaits(String accountId, List<ChatView> mine) {
        var waits = new java.util.HashMap<String, Long>();
        var now = clock.instant();
        chats.lastMessages(accountId, mine.stream().map(ChatView::id).toList()).forEach((chatId, message) -> {
            if (message.senderType() == io.atende.chat.SenderType.CUSTOMER) {
                waits.put(chatId, Math.max(0, java.time.Duration.between(message.createdAt(), now).toSeconds()));
            }
        });
        return waits;
    }

    private void describe(ConsoleOperator me, String id, Model model) {
        // The chat before its messages: the stream starts after the chat's last event as read here,
        // so a message written in between is shown twice at worst (the page drops the copy), never lost.
        var chat = chats.get(me.accountId(), id);
        var conversation = chats.messages(me.accountId(), id);
        var departments = directory.departments(me.accountId());
        model.addAttribute("section", "chats");
        model.addAttribute("zone", directory.zone(me.accountId()));
        model.addAttribute("chat", chat);
        model.addAttribute("conversation", conversation);
        model.addAttribute("holder", me.operatorId().equals(chat.operatorId()));
        model.addAttribute("mayAct", chat.situation().isOpen() && (chat.operatorId() == null || me.operatorId().equals(chat.operatorId())));
        model.addAttribute("customer", directory.customers(me.accountId(), List.of(chat.customerId())).get(chat.customerId()));
        model.addAttribute("department", departments.get(chat.departmentId()));
        model.addAttribute("operator", chat.operatorId() == null ? null
                : directory.operators(me.accountId(), List.of(chat.operatorId())).get(chat.operatorId()));
        model.addAttribute("departments", departments.values());
        model.addAttribute("members", directory.members(me.accountId(), chat.departmentId()));
        model.addAttribute("initials", initials);
        model.addAttribute("ticket", chats.ticketOf(me.accountId(), chat.id()).flatMap(ticketId -> tickets.find(me.accountId(), ticketId))
                .orElse(null));
        model.addAttribute("mayTicket", !chat.situation().isOpen() || me.operatorId().equals(chat.operatorId()));
        model.addAttribute("canned", me.operatorId().equals(chat.operatorId()) && chat.situation().isOpen()
                ? macros.usableBy(me.accountId(), me.operatorId()).stream().filter(macro -> macro.reply() != null).toList()
                : List.<MacroView>of());
    }

    private String answer(ConsoleOperator me, String id, String form, String doneKey, HttpServletRequest request, Model model) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/console/chats/" + id;
        }
        model.addAttribute("done", form);
        model.addAttribute("doneKey", doneKey);
        describe(me, id, model);
        return form.equals("send") ? "console/chats/chat :: compose" : "console/chats/chat :: actions";
    }

    private String refused(ConsoleOperator me, String id, String form, AtendeException failure, String draft, HttpServletRequest request,
                           HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(failure instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
        model.addAttribute("failed", form);
        model.addAttribute("failure", messages.text(failure, locale));
        model.addAttribute("failedField", failure instanceof InvalidInputException invalid ? invalid.parameter() : null);
        model.addAttribute("draft", draft);
        describe(me, id, model);
        if (request.getHeader("HX-Request") == null) {
            return "console/chats/chat";
        }
        return form.equals("send") ? "console/chats/chat :: compose" : "console/chats/chat :: actions";
    }

    /** Once a chat has an operator only they act on it; writing needs the chat accepted by the operator. */
    private void requireHolder(ConsoleOperator me, ChatView chat, boolean writing) {
        if (chat.operatorId() == null ? writing : !chat.operatorId().equals(me.operatorId())) {
            throw new RuleViolationException(chat.operatorId() == null ? "desk.chat.accept_first" : "desk.chat.not_yours");
        }
    }

    private static long sequence(String text, long latest) {
        if (text == null || text.isBlank()) {
            return latest;
        }
        try {
            long seq = Long.parseLong(text.strip());
            return seq < 0 || seq > latest ? latest : seq;
        } catch (NumberFormatException bad) {
            return latest;
        }
    }

    private static List<NewAttachment> uploads(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
                .map(file -> new NewAttachment(file.getOriginalFilename(), file)).toList();
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
