package io.atende.chat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.Html;
import io.atende.platform.Inputs;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketView;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turning a chat into a ticket, for what a chat could not settle: the ticket belongs to the chat's customer and
 * department, opens with the chat's transcript and names the chat; the chat names the ticket. A chat becomes one
 * ticket at most.
 */
@Service
public class ChatTickets {

    static final int MAX_SUBJECT = 250;
    // The ticket module's longest message, with room for the note that the transcript was cut.
    private static final int MAX_TRANSCRIPT = 99_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ChatRepository repository;
    private final ChatManagement chats;
    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final MessageSource messages;

    ChatTickets(ChatRepository repository, ChatManagement chats, TicketManagement tickets, CustomerManagement customers,
                DepartmentManagement departments, OperatorManagement operators, MessageSource messages) {
        this.repository = repository;
        this.chats = chats;
        this.tickets = tickets;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.messages = messages;
    }

    /**
     * Opens a ticket from the chat in the name of {@code operatorId} (linked to it when they are a member of the
     * chat's department), through the {@link TicketChannel#CHAT} channel, with {@code subject} (the chat's protocol
     * when blank) and the transcript, times in {@code zone}. Refused when the chat was turned into a ticket already
     * or the ticket module refuses the ticket (then nothing changes); not found for an unknown chat or operator.
     */
    @Transactional
    public TicketView toTicket(String accountId, String chatId, String operatorId, String subject, ZoneId zone) {
        var operator = operators.get(accountId, operatorId);
        var chat = repository.lock(accountId, chatId).orElseThrow(() -> new NotFoundException("chat.not_found", chatId));
        var existing = repository.ticketOf(accountId, chat.id()).flatMap(ticketId -> tickets.find(accountId, ticketId));
        if (existing.isPresent()) {
            throw new RuleViolationException("chat.already_ticket", existing.get().protocol());
        }
        var locale = customers.get(accountId, chat.customerId()).language().locale();
        String given = Inputs.optionalText("subject", subject, MAX_SUBJECT);
        String title = given == null || given.isBlank() ? messages.getMessage("chat.ticket.subject", new Object[] {Long.toString(chat.protocol())}, locale)
                : given.strip();
        boolean member = operator.active() && departments.isMember(accountId, chat.departmentId(), operator.id());
        var opened = tickets.open(accountId, new OpenTicket(chat.customerId(), chat.departmentId(), null, title,
                transcript(accountId, chat, zone, locale), null, Map.of(), List.of(), member ? operator.id() : null, null, null),
                TicketChannel.CHAT).ticket();
        repository.linkTicket(accountId, chat.id(), opened.id());
        return opened;
    }

    private String transcript(String accountId, Chat chat, ZoneId zone, java.util.Locale locale) {
        var text = new StringBuilder(messages.getMessage("chat.ticket.transcript", new Object[] {Long.toString(chat.protocol())}, locale))
                .append("\n\n");
        for (var message : chats.messages(accountId, chat.id())) {
            var line = new StringBuilder("[").append(TIME.format(message.createdAt().atZone(zone))).append("] ")
                    .append(message.senderType() == SenderType.SYSTEM ? "*" : message.senderName()).append(": ")
                    .append(message.html() ? Html.toPlainText(message.body()) : message.body());
            message.attachments().forEach(file -> line.append(" [").append(file.name()).append(']'));
            if (text.length() + line.length() > MAX_TRANSCRIPT) {
                text.append(messages.getMessage("chat.ticket.transcript_cut", new Object[] {Long.toString(chat.protocol())}, locale));
                break;
            }
            text.append(line).append('\n');
        }
        return text.toString().strip();
    }
}
