package io.atende.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.AttachmentView;
import io.atende.attachment.NewAttachment;

import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentVisibility;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.ProtocolCounters;
import io.atende.platform.RuleViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live chats: a customer opens one in a department's queue, an operator accepts it, both sides
 * exchange messages until it is finished (or the customer leaves the queue), and the customer
 * may evaluate it. Every change appends to the chat's event log, which live streams read.
 */
@Service
public class ChatManagement {

    /** Attachments of chat messages are stored under this owner type. */
    public static final String ATTACHMENT_OWNER = "chat_message";
    static final int MAX_MESSAGE_LENGTH = 100_000;
    static final int MAX_COMMENT_LENGTH = 1_000;
    private static final int SWEEP_BATCH = 200;
    /** How long the other side shows "typing" after a signal, unless a newer one or the message comes first. */
    public static final Duration TYPING_SHOWN_FOR = Duration.ofSeconds(6);
    /** Signals closer together than this are taken as one: typing is written a few times a minute at most. */
    static final Duration TYPING_EVERY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ChatManagement.class);

    private final ChatRepository repository;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final AttachmentManagement attachments;
    private final ProtocolCounters protocols;
    private final ApplicationEventPublisher events;
    private final ChatSettings settings;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Cache<String, Boolean> typingWritten = Caffeine.newBuilder().expireAfterWrite(TYPING_EVERY).maximumSize(100_000).build();

    ChatManagement(ChatRepository repository, CustomerManagement customers, DepartmentManagement departments,
                   OperatorManagement operators, AttachmentManagement attachments, ProtocolCounters protocols,
                   ApplicationEventPublisher events,
                   ChatSettings settings, MessageSource messages, PlatformTransactionManager transactionManager, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.attachments = attachments;
        this.protocols = protocols;
        this.events = events;
        this.settings = settings;
        this.messages = messages;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Opens a chat in the department's queue (situation 1) with the customer's first message; not found for an unknown customer or department. */
    @Transactional
    public ChatView open(String accountId, CustomerLookup customerLookup, String departmentId, String message) {
        var body = messageBody(message);
        var customer = customers.get(accountId, customerLookup);
        var department = departments.getDepartment(accountId, departmentId);
        var now = clock.instant();
        var chat = Chat.open(Ids.newId(), protocols.next(accountId, "chat"), customer.id(), department.id(), now);
        repository.insert(accountId, chat);
        chat = appendSituation(accountId, chat, now);
        chat = appendMessage(accountId, chat.receive(SenderType.CUSTOMER, now), SenderType.CUSTOMER, customer.id(), customer.name(),
                body, now);
        repository.update(accountId, chat, now);
        repository.insertWords(accountId, chat.id(), ChatWords.of(Html.hasMarkup(body) ? Html.toPlainText(body) : body));
        events.publishEvent(new ChatCreated(accountId, chat.id()));
        return chat.view(now);
    }

    /**
     * Gives a queued chat to the operator (1 → 2). Of several operators accepting at once exactly
     * one wins; the others are refused. The operator must be active and a member of the chat's
     * department (refused otherwise).
     */
    @Transactional
    public ChatView accept(String accountId, String chatId, String operatorId) {
        var operator = operators.get(accountId, operatorId);
        var chat = lock(accountId, chatId);
        var now = clock.instant();
        chat = chat.accept(operator.id(), now);
        requireMayAttend(accountId, chat.departmentId(), operator);
        repository.linkOperator(accountId, chat.id(), operator.id(), now);
        chat = appendSituation(accountId, chat, now);
        chat = appendMessage(accountId, chat, SenderType.SYSTEM, null, null, systemText(accountId, chat, "chat.system.joined", operator.name()),
                now);
        repository.update(accountId, chat, now);
        events.publishEvent(new ChatAccepted(accountId, chat.id()));
        return chat.view(now);
    }

    /**
     * Adds a message with its files (at most {@link AttachmentManagement#MAX_FILES}): the customer
     * may write while the chat is queued or in progress, the chat's operator once it is accepted;
     * refused otherwise, and then no file is kept. HTML is sanitized.
     */
    @Transactional
    public ChatMessageView postMessage(String accountId, String chatId, SenderType sender, String message,
                                       List<NewAttachment> files) {
        if (sender == SenderType.SYSTEM) {
            throw new IllegalArgumentException("system messages are written by the chat itself");
        }
        var body = messageBody(message);
        var chat = lock(accountId, chatId);
        var now = clock.instant();
        chat = chat.receive(sender, now);
        String senderId;
        String senderName;
        if (sender == SenderType.CUSTOMER) {
            var customer = customers.get(accountId, chat.customerId());
            senderId = customer.id();
            senderName = customer.name();
        } else {
            var operator = operators.get(accountId, chat.operatorId());
            senderId = operator.id();
            senderName = operator.name();
        }
        var written = writeMessage(accountId, chat, sender, senderId, senderName, body, now);
        var stored = files.isEmpty() ? List.<AttachmentView>of()
                : attachments.store(accountId, ATTACHMENT_OWNER, written.message().id(), files);
        repository.update(accountId, written.chat(), now);
        repository.insertWords(accountId, chat.id(), ChatWords.of(written.message().html() ? Html.toPlainText(body) : body));
        // The message ends this side's typing; the other side's indicator goes when the message arrives.
        repository.clearTyping(accountId, chat.id(), StoredChatCodes.sender(sender));
        typingWritten.invalidate(typingKey(accountId, chat.id(), sender));
        events.publishEvent(new ChatMessageSent(accountId, chat.id()));
        return written.message().withAttachments(stored);
    }

    /**
     * Transfers an open chat to another department (back to that department's queue) and/or to
     * another operator (who takes an accepted chat over and must be an active member of the
     * chat's, possibly new, department). At least one of the two must be given.
     */
    @Transactional
    public ChatView transfer(String accountId, String chatId, String departmentId, String operatorId) {
        if (departmentId == null && operatorId == null) {
            throw new InvalidInputException("operator_id", "chat.transfer_target_required");
        }
        String toDepartment = departmentId == null ? null : departments.getDepartment(accountId, departmentId).id();
        OperatorView toOperator = operatorId == null ? null : operators.get(accountId, operatorId);
        var chat = lock(accountId, chatId);
        var now = clock.instant();
        chat = chat.transfer(toDepartment, toOperator == null ? null : toOperator.id(), now);
        if (toOperator != null) {
            requireMayAttend(accountId, chat.departmentId(), toOperator);
            repository.linkOperator(accountId, chat.id(), toOperator.id(), now);
        }
        chat = appendSituation(accountId, chat, now);
        String note = systemText(accountId, chat, "chat.system.transferred", toOperator != null ? toOperator.name()
                : departments.getDepartment(accountId, chat.departmentId()).name());
        chat = appendMessage(accountId, chat, SenderType.SYSTEM, null, null, note, now);
        repository.update(accountId, chat, now);
        events.publishEvent(new ChatChanged(accountId, chat.id()));
        return chat.view(now);
    }

    /**
     * {@code party} is typing in the chat: the other side's live streams show it for {@link #TYPING_SHOWN_FOR}. The
     * customer may signal while the chat is open, the operator once it was accepted (refused otherwise, as a message
     * would be); signals closer together than {@link #TYPING_EVERY} on this node write nothing.
     */
    @Transactional
    public void typing(String accountId, String chatId, SenderType party) {
        if (party == SenderType.SYSTEM) {
            throw new IllegalArgumentException("the system does not type");
        }
        var chat = find(accountId, chatId);
        var now = clock.instant();
        chat.receive(party, now);
        String key = typingKey(accountId, chat.id(), party);
        if (typingWritten.getIfPresent(key) != null) {
            return;
        }
        repository.saveTyping(accountId, chat.id(), StoredChatCodes.sender(party), now.plus(TYPING_SHOWN_FOR));
        typingWritten.put(key, Boolean.TRUE);
    }

    /** Who is typing now in the chats the cursors name, in one read (for the live streams). */
    @Transactional(readOnly = true)
    public List<ChatTyping> typingIn(List<StreamCursor> chats) {
        return repository.typing(chats, clock.instant());
    }

    private static String typingKey(String accountId, String chatId, SenderType party) {
        return accountId + '/' + chatId + '/' + party.name();
    }

    /** The latest message of a customer or an operator in each of these chats, by chat id (the desk's previews). */
    @Transactional(readOnly = true)
    public Map<String, ChatMessageView> lastMessages(String accountId, java.util.Collection<String> chatIds) {
        Map<String, ChatMessageView> byChat = new LinkedHashMap<>();
        repository.lastMessages(accountId, chatIds).forEach(message -> byChat.put(message.chatId(), message));
        return byChat;
    }

    /**
     * A page of the account's ended chats (finished or not attended), most recently ended first: only those of these
     * customers when {@code customerIds} is not {@code null}, and only those with a word starting with each word of
     * {@code text} (in customers' and operators' messages, without regard to case or accents) when it has some.
     */
    @Transactional(readOnly = true)
    public Page<ChatView> history(String accountId, List<String> customerIds, String text, PageRequest page) {
        var now = clock.instant();
        return repository.history(accountId, customerIds, ChatWords.search(text), page).map(chat -> chat.view(now));
    }

    /** The id of the ticket the chat was turned into, if it was (not found for an unknown chat). */
    @Transactional(readOnly = true)
    public Optional<String> ticketOf(String accountId, String chatId) {
        return repository.ticketOf(accountId, find(accountId, chatId).id());
    }

    /** The chat that was turned into this ticket, if one was. */
    @Transactional(readOnly = true)
    public Optional<ChatView> chatOfTicket(String accountId, String ticketId) {
        return repository.findByTicket(accountId, ticketId).map(chat -> chat.view(clock.instant()));
    }

    /** Finishes an open chat (→ 3); refused when it has already ended. */
    @Transactional
    public ChatView finish(String accountId, String chatId) {
        var chat = lock(accountId, chatId);
        var now = clock.instant();
        chat = chat.finish(now);
        repository.clearTyping(accountId, chat.id(), null);
        chat = appendSituation(accountId, chat, now);
        chat = appendMessage(accountId, chat, SenderType.SYSTEM, null, null, systemText(accountId, chat, "chat.system.finished"), now);
        repository.update(accountId, chat, now);
        events.publishEvent(new ChatFinished(accountId, chat.id()));
        return chat.view(now);
    }

    /** Records the customer's evaluation of a finished chat: grade 1 to 5, once (refused otherwise). */
    @Transactional
    public ChatView evaluate(String accountId, String chatId, int grade, String comment) {
        if (grade < 1 || grade > 5) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
        String cleanComment = Inputs.optionalText("comment", comment, MAX_COMMENT_LENGTH);
        var chat = lock(accountId, chatId);
        var now = clock.instant();
        chat = chat.evaluate(grade, cleanComment == null || cleanComment.isEmpty() ? null : cleanComment);
        repository.update(accountId, chat, now);
        events.publishEvent(new ChatChanged(accountId, chat.id()));
        return chat.view(now);
    }

    /** The chat, if it exists in the account (for callers inside another transaction, where a not-found refusal would doom it). */
    @Transactional(readOnly = true)
    public Optional<ChatView> findChat(String accountId, String chatId) {
        return repository.find(accountId, chatId).map(chat -> chat.view(clock.instant()));
    }

    /** Up to {@code limit} ids of the account's chats after {@code afterId} in id order: for jobs that walk every chat. */
    @Transactional(readOnly = true)
    public List<String> chatIdsAfter(String accountId, String afterId, int limit) {
        return repository.idsAfter(accountId, afterId, limit);
    }

    /**
     * Locks these chats of the account until the transaction ends, in id order, as a change of each would: for
     * background jobs that must not race a change of them.
     */
    @Transactional
    public void lockChats(String accountId, java.util.Collection<String> chatIds) {
        repository.lock(accountId, chatIds);
    }

    /**
     * Refuses as not found a chat outside what the asker sees (another department's, for an agent or a limited token),
     * exactly as an unknown one. Reads nothing when every department is seen.
     */
    @Transactional(readOnly = true)
    public void requireVisible(String accountId, String chatId, DepartmentVisibility visibility) {
        if (visibility.all() || chatId == null) {
            return;
        }
        var chat = repository.find(accountId, chatId).orElse(null);
        if (chat == null || !visibility.sees(chat.view(clock.instant()).departmentId())) {
            throw new NotFoundException("chat.not_found", chatId);
        }
    }

    /** Refuses as not found an attachment of a chat outside what the asker sees (see {@link #requireVisible}). */
    @Transactional(readOnly = true)
    public void requireVisibleAttachment(String accountId, String attachmentId, DepartmentVisibility visibility) {
        if (visibility.all()) {
            return;
        }
        var attachment = attachment(accountId, attachmentId);
        var departmentId = repository.departmentOfMessage(accountId, attachment.ownerId());
        if (departmentId.isEmpty() || !visibility.sees(departmentId.get())) {
            throw new NotFoundException("attachment.not_found", attachmentId);
        }
    }

    /** The chat, or not found. */
    @Transactional(readOnly = true)
    public ChatView get(String accountId, String chatId) {
        return find(accountId, chatId).view(clock.instant());
    }

    /** The chat's messages in the order they were written, with their attachments. */
    @Transactional(readOnly = true)
    public List<ChatMessageView> messages(String accountId, String chatId) {
        var messages = repository.messages(accountId, find(accountId, chatId).id());
        var files = attachments.list(accountId, ATTACHMENT_OWNER, messages.stream().map(ChatMessageView::id).toList());
        return messages.stream().map(message -> message.withAttachments(files.getOrDefault(message.id(), List.of()))).toList();
    }

    /** An attachment of one of the account's chat messages (not found otherwise, also for a ticket's). */
    @Transactional(readOnly = true)
    public AttachmentView attachment(String accountId, String attachmentId) {
        var attachment = attachments.get(accountId, attachmentId);
        if (!ATTACHMENT_OWNER.equals(attachment.ownerType())) {
            throw new NotFoundException("attachment.not_found", attachmentId);
        }
        return attachment;
    }

    /** One page of the account's chats, newest protocol first. */
    @Transactional(readOnly = true)
    public Page<ChatView> list(String accountId, ChatFilter filter, PageRequest page) {
        var now = clock.instant();
        return repository.list(accountId, filter, page).map(chat -> chat.view(now));
    }

    /**
     * The events each live stream has not seen yet, for many streams in one query: ordered by
     * chat and sequence, at most {@code limit} in all (a stream that got fewer than it lacks asks again).
     */
    @Transactional(readOnly = true)
    public List<ChatEventView> eventsAfter(List<StreamCursor> cursors, int limit) {
        var events = repository.eventsAfter(cursors, limit);
        Map<String, List<String>> messagesByAccount = new LinkedHashMap<>();
        for (var event : events) {
            if (event.message() != null) {
                messagesByAccount.computeIfAbsent(event.accountId(), account -> new ArrayList<>()).add(event.message().id());
            }
        }
        if (messagesByAccount.isEmpty()) {
            return events;
        }
        Map<String, Map<String, List<AttachmentView>>> files = new LinkedHashMap<>();
        messagesByAccount.forEach((account, ids) -> files.put(account, attachments.list(account, ATTACHMENT_OWNER, ids)));
        return events.stream().map(event -> event.message() == null ? event
                : new ChatEventView(event.accountId(), event.chatId(), event.seq(), event.kind(), event.createdAt(), event.situation(),
                event.operatorId(), event.departmentId(),
                event.message().withAttachments(files.get(event.accountId()).getOrDefault(event.message().id(), List.of())))).toList();
    }

    /**
     * Abandons (→ 4, with a system message) every queued chat whose customer has been silent for
     * longer than the configured time; safe to run on several nodes at once. Returns how many.
     */
    public int abandonSilentChats() {
        return abandonSilentChatsBefore(clock.instant().minus(settings.abandonAfter()));
    }

    /** Abandons every queued chat whose customer's last activity is before {@code cutoff}, in every account. */
    public int abandonSilentChatsBefore(Instant cutoff) {
        int abandoned = 0;
        for (String[] candidate : repository.silentInQueue(cutoff, SWEEP_BATCH)) {
            try {
                Boolean done = transactions.execute(status -> abandonIfSilent(candidate[0], candidate[1], cutoff));
                abandoned += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (RuntimeException failure) {
                log.warn("Could not abandon chat {} of account {}", candidate[1], candidate[0], failure);
            }
        }
        return abandoned;
    }

    private boolean abandonIfSilent(String accountId, String chatId, Instant cutoff) {
        var chat = repository.lock(accountId, chatId).orElse(null);
        if (chat == null || !chat.isAbandonedBy(cutoff)) {
            return false;
        }
        var now = clock.instant();
        chat = chat.abandon(now);
        repository.clearTyping(accountId, chat.id(), null);
        chat = appendSituation(accountId, chat, now);
        chat = appendMessage(accountId, chat, SenderType.SYSTEM, null, null, systemText(accountId, chat, "chat.system.abandoned"), now);
        repository.update(accountId, chat, now);
        events.publishEvent(new ChatFinished(accountId, chat.id()));
        return true;
    }

    /** A system message in the chat's language, which is its customer's: both sides read it. */
    private String systemText(String accountId, Chat chat, String key, Object... arguments) {
        var language = customers.get(accountId, chat.customerId()).language();
        return messages.getMessage(key, arguments, language.locale());
    }

    private void requireMayAttend(String accountId, String departmentId, OperatorView operator) {
        if (!operator.active()) {
            throw new RuleViolationException("chat.operator_inactive");
        }
        if (!departments.isMember(accountId, departmentId, operator.id())) {
            throw new RuleViolationException("chat.operator_not_member");
        }
    }

    private Chat appendSituation(String accountId, Chat chat, Instant now) {
        var next = chat.withEventSeq(chat.lastEventSeq() + 1);
        repository.insertEvent(accountId, next, ChatEventView.Kind.SITUATION, null, now);
        return next;
    }

    private record Written(Chat chat, ChatMessageView message) {
    }

    private Chat appendMessage(String accountId, Chat chat, SenderType sender, String senderId, String senderName, String body,
                               Instant now) {
        return writeMessage(accountId, chat, sender, senderId, senderName, body, now).chat();
    }

    private Written writeMessage(String accountId, Chat chat, SenderType sender, String senderId, String senderName, String body,
                                 Instant now) {
        var next = chat.withEventSeq(chat.lastEventSeq() + 1);
        boolean html = Html.hasMarkup(body);
        var message = new ChatMessageView(Ids.newId(), chat.id(), next.lastEventSeq(), sender, senderId, senderName, body, html, now,
                List.of());
        repository.insertMessage(accountId, message);
        repository.insertEvent(accountId, next, ChatEventView.Kind.MESSAGE, message.id(), now);
        return new Written(next, message);
    }

    private static String messageBody(String message) {
        String text = Inputs.requiredText("message", message, MAX_MESSAGE_LENGTH);
        if (!Html.hasMarkup(text)) {
            return text;
        }
        String clean = Html.sanitize(text);
        if (Html.toPlainText(clean).isBlank() && !clean.contains("<img")) {
            throw new InvalidInputException("message", "parameter.required");
        }
        return clean;
    }

    private Chat find(String accountId, String chatId) {
        return repository.find(accountId, chatId).orElseThrow(() -> new NotFoundException("chat.not_found", chatId));
    }

    private Chat lock(String accountId, String chatId) {
        return repository.lock(accountId, chatId).orElseThrow(() -> new NotFoundException("chat.not_found", chatId));
    }
}
