package io.atende.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.atende.account.AccountManagement;
import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.NewAttachment;
import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.customer.UndeliverableEmails;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.Html;
import io.atende.platform.Ids;
import io.atende.ticket.BodyFormat;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.TicketFollowers;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one message read from a mailbox into a ticket, a customer reply, or a recorded refusal.
 * The record of the message (unique per account and Message-ID) is written in the same
 * transaction as the ticket change, so a message counts exactly once: a second node, a second
 * read or a second mailbox of the account finds it recorded and leaves it.
 */
@Component
class InboundProcessor {

    static final String CREATED = "ticket_created";
    static final String REPLIED = "replied";
    static final String RATE_LIMITED = "rate_limited";
    static final String BLACKLISTED = "blacklisted";
    static final String NOT_ALLOWED = "not_allowed";
    static final String UNKNOWN_SENDER = "unknown_sender";
    static final String FAILED = "failed";
    static final String OPERATOR_REPLIED = "operator_replied";
    static final String OPERATOR_COMMENTED = "operator_commented";
    static final String OPERATOR_UNSIGNED = "operator_unsigned";
    static final String BOUNCE_MARKED = "bounce_marked";
    static final String FOLLOWER_REPLIED = "follower_replied";

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
    private static final Pattern PROTOCOL = Pattern.compile("\\[#(\\d{1,18})]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*((re|res|fw|fwd|enc|rv|tr|aw|wg)\\s*(\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOREIGN_TAG = Pattern.compile("\\[[\\p{L}\\p{N} _.-]{0,30}#\\s*\\d{1,24}]");
    static final long MAX_BYTES = 25L * 1024 * 1024;
    private static final int MAX_SUBJECT = 250;
    private static final int MAX_MESSAGE = 100_000;

    private final MailRepository repository;
    private final ReplyTokens tokens;
    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final OperatorManagement operators;
    private final DepartmentManagement departments;
    private final AccountManagement accounts;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final MailProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String publicUrl;
    private final TicketFollowers followers;
    private final UndeliverableEmails undeliverable;

    private final MailSenders senders;

    InboundProcessor(MailRepository repository, ReplyTokens tokens, TicketManagement tickets, CustomerManagement customers,
                     OperatorManagement operators, DepartmentManagement departments, AccountManagement accounts, MailOutbox outbox, MailTemplates templates, MailProperties properties,
                     PlatformTransactionManager transactionManager, Clock clock,
                     @org.springframework.beans.factory.annotation.Value("${atende.public-url}") String publicUrl, TicketFollowers followers,
                     UndeliverableEmails undeliverable, MailSenders senders) {
        this.followers = followers;
        this.undeliverable = undeliverable;
        this.senders = senders;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.repository = repository;
        this.tokens = tokens;
        this.tickets = tickets;
        this.customers = customers;
        this.operators = operators;
        this.departments = departments;
        this.accounts = accounts;
        this.outbox = outbox;
        this.templates = templates;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** What became of a message: the outcome recorded and the ticket, if any. */
    record Result(String outcome, String ticketId) {
    }

    /**
     * Processes the message unless it was processed before; answers what became of it, or empty
     * when it had been recorded already.
     */
    Optional<Result> process(MailRepository.Mailbox mailbox, ParsedMail mail, String fallbackKey, byte[] raw) {
        String accountId = mailbox.accountId();
        String key = mail.messageId() != null ? mail.messageId() : fallbackKey;
        if (repository.inboundExists(accountId, key)) {
            return Optional.empty();
        }
        // What the message changes is the sender's doing, whatever customer the address turns out to be.
        try (var acting = Actors.acting(Actor.email(mail.fromAddress()))) {
            return transactions.execute(status -> handle(mailbox, mail, key, raw));
        } catch (RuntimeException failure) {
            // Recorded as failed so that one message that cannot be taken in does not block the mailbox; it stays in the log.
            log.warn("Message {} of mailbox {} could not be taken in: {}", key, mailbox.id(), failure.toString());
            return recordFailure(mailbox, key, mail.messageId(), mail.fromAddress(), mail.subject(), raw, failure.toString());
        }
    }

    /**
     * Records a message whose MIME structure cannot be read (a boundary that never appears, a broken header) as
     * failed, with the message as it came and the reason, and tells the account's admins; the headers that can be
     * read name it in the log. Nothing happens when it was recorded before.
     */
    Optional<Result> recordUnreadable(MailRepository.Mailbox mailbox, byte[] raw, String fallbackKey, Exception reason) {
        String messageId = null;
        String sender = null;
        String subject = "";
        try {
            var headers = new jakarta.mail.internet.InternetHeaders(new java.io.ByteArrayInputStream(raw));
            List<String> ids = MimeReader.ids(headers.getHeader("Message-ID", " "));
            messageId = ids.isEmpty() ? null : ids.get(0);
            String from = headers.getHeader("From", ",");
            if (from != null) {
                var parsed = jakarta.mail.internet.InternetAddress.parseHeader(from, false);
                sender = parsed.length == 0 || parsed[0].getAddress() == null ? null : parsed[0].getAddress().toLowerCase(Locale.ROOT);
            }
            String rawSubject = headers.getHeader("Subject", " ");
            subject = rawSubject == null ? "" : jakarta.mail.internet.MimeUtility.decodeText(rawSubject).strip();
        } catch (jakarta.mail.MessagingException | java.io.UnsupportedEncodingException unreadableHeaders) {
            // the headers are broken too: the message is recorded under its place in the mailbox
        }
        String key = messageId != null ? messageId : fallbackKey;
        if (repository.inboundExists(mailbox.accountId(), key)) {
            return Optional.empty();
        }
        String detail = "unreadable MIME structure: " + (reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage());
        return recordFailure(mailbox, key, messageId, sender, subject, raw, detail);
    }

    private Optional<Result> recordFailure(MailRepository.Mailbox mailbox, String key, String messageId, String sender, String subject,
                                           byte[] raw, String detail) {
        String accountId = mailbox.accountId();
        try {
            transactions.executeWithoutResult(status -> {
                String id = Ids.newId();
                Instant now = clock.instant();
                if (repository.insertInbound(accountId, key, id, mailbox.id(), messageId, sender, subject, FAILED, null, detail, now)) {
                    repository.insertInboundRaw(accountId, id, raw, now);
                    tellAdmins(mailbox, sender, subject, detail);
                }
            });
        } catch (RuntimeException alsoFailed) {
            return Optional.empty();  // another node recorded it meanwhile
        }
        return Optional.of(new Result(FAILED, null));
    }

    /** Each active admin of the account hears of a message that could not be taken in, at most once an hour each. */
    private void tellAdmins(MailRepository.Mailbox mailbox, String sender, String subject, String detail) {
        String accountId = mailbox.accountId();
        if (!outbox.enabled()) {
            return;
        }
        var account = accounts.get(accountId);
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        for (var admin : operators.list(accountId, new io.atende.platform.PageRequest(1, 500)).items()) {
            if (!admin.active() || !admin.may(io.atende.operator.Permission.ADMINISTER_ACCOUNT) || admin.email() == null || admin.email().isBlank()
                    || repository.messagesOfKindSince(accountId, MailKind.INBOUND_FAILED, admin.email(), hourAgo) > 0) {
                continue;
            }
            Locale locale = MailTemplates.locale(admin.language());
            var content = new MailTemplates.Content(templates.text(locale, "mail.inbound_failed.subject", mailbox.address()),
                    templates.text(locale, "mail.greeting", admin.name()),
                    List.of(templates.text(locale, "mail.inbound_failed.intro", mailbox.address(), sender == null ? "?" : sender,
                            subject == null || subject.isBlank() ? "-" : subject, detail)),
                    null, null, null, templates.text(locale, "mail.inbound_failed.button"), publicUrl + "/console/admin/mail/inbound",
                    List.of());
            outbox.enqueue(accountId, MailKind.INBOUND_FAILED, null, admin.email(), null, null, false,
                    templates.render(account, locale, content));
        }
    }

    private Optional<Result> handle(MailRepository.Mailbox mailbox, ParsedMail mail, String key, byte[] raw) {
        String accountId = mailbox.accountId();
        Instant now = clock.instant();
        String inboundId = Ids.newId();
        if (!repository.insertInbound(accountId, key, inboundId, mailbox.id(), mail.messageId(), mail.fromAddress(), mail.subject(),
                "processing", null, null, now)) {
            return Optional.empty();
        }
        repository.insertInboundRaw(accountId, inboundId, raw, now);
        Optional<String> loop = LoopGuard.reason(mail).or(() -> ownAddress(accountId, mail));
        if (loop.isPresent() && loop.get().equals(LoopGuard.BOUNCE)) {
            return bounce(accountId, key, raw, now);
        }
        if (loop.isPresent()) {
            return settle(accountId, key, loop.get(), null, null);
        }
        String sender = mail.fromAddress();
        if (repository.inboundFromSenderSince(accountId, sender, now.minus(Duration.ofHours(1))) > properties.senderLimit()) {
            return settle(accountId, key, RATE_LIMITED, null, null);
        }
        Optional<OperatorView> operator = operators.findByEmail(accountId, sender);
        if (operator.isPresent()) {
            Optional<Result> answered = operatorAnswer(accountId, operator.get(), mail, key);
            if (answered.isPresent()) {
                return answered;
            }
        }
        if (customers.isBlacklisted(accountId, sender)) {
            autoAnswer(mailbox, mail, "mail.auto_answer.blacklisted", null);
            return settle(accountId, key, BLACKLISTED, null, null);
        }
        Optional<CustomerView> known = customers.find(accountId, CustomerLookup.byEmail(sender));
        Optional<TicketView> thread = known.flatMap(customer -> thread(accountId, customer, mail));
        if (thread.isPresent() && known.get().active()) {
            String ticketId = reply(accountId, thread.get(), mail, known.get());
            follow(accountId, ticketId, mail);
            return settle(accountId, key, REPLIED, ticketId, null);
        }
        if (thread.isEmpty() && known.map(CustomerView::active).orElse(true)) {
            var followed = followedTicket(accountId, sender, mail);
            if (followed.isPresent()) {
                String ticketId = followerReply(accountId, followed.get(), mail, sender);
                follow(accountId, ticketId, mail);
                return settle(accountId, key, FOLLOWER_REPLIED, ticketId, null);
            }
        }
        CustomerView customer;
        if (known.isPresent()) {
            customer = known.get();
            if (!customers.mayOpenTickets(accountId, customer.id())) {
                autoAnswer(mailbox, mail, "mail.auto_answer.not_allowed", customer);
                return settle(accountId, key, NOT_ALLOWED, null, null);
            }
        } else if (mailbox.createCustomers()) {
            customer = customers.create(accountId, new CreateCustomer(internalIdFor(accountId, sender), nameOf(mail), sender, null, null,
                    null, null, null, null, null, null, null, null));
        } else {
            autoAnswer(mailbox, mail, "mail.auto_answer.unknown_sender", null);
            return settle(accountId, key, UNKNOWN_SENDER, null, null);
        }
        var body = body(accountId, mail, false);
        var ticket = tickets.open(accountId, new OpenTicket(customer.id(), mailbox.departmentId(), null, subject(mail), body.text(),
                null, null, body.files(), null, null, null).withFormat(body.format()), TicketChannel.EMAIL).ticket();
        tellOfDroppedFiles(accountId, mail, customer, ticket, body);
        follow(accountId, ticket.id(), mail);
        return settle(accountId, key, CREATED, ticket.id(), body.note());
    }

    /**
     * An operator answering a notification: with the operator's signed token the answer becomes their reply to the
     * customer when the ticket is theirs (or nobody's and they may take it), else an internal comment in their name,
     * so nobody answers the customer on a colleague's ticket or on a finished one. An operator's message that refers
     * to a ticket without a valid token is set aside: it is neither a reply (the sender is not proven) nor a customer's
     * new ticket. Empty when the message is not about a ticket (an operator writing to the desk as anyone would).
     */
    private Optional<Result> operatorAnswer(String accountId, OperatorView operator, ParsedMail mail, String key) {
        for (String recipient : mail.recipients()) {
            var token = ReplyTokens.parse(recipient).filter(found -> found.party() == ReplyTokens.Party.OPERATOR);
            var named = token.flatMap(found -> tokenTicket(accountId, found, null));
            if (named.isEmpty() || !tokens.verify(token.get(), accountId, named.get().id(), operator.id())) {
                continue;
            }
            if (!operator.active()) {
                return settle(accountId, key, NOT_ALLOWED, null, null);
            }
            var ticket = followMerges(accountId, named.get());
            var body = body(accountId, mail, true);
            String text = body.note() == null ? body.text() : withNote(body.text(), body.note(), body.format());
            boolean open = ticket.situation() != Situation.FINISHED && ticket.situation() != Situation.CANCELLED;
            boolean theirs = operator.id().equals(ticket.operatorId());
            boolean free = ticket.operatorId() == null && departments.isMember(accountId, ticket.departmentId(), operator.id());
            try (var acting = Actors.acting(Actor.operator(operator.id(), operator.name()))) {
                if (open && (theirs || free)) {
                    if (free) {
                        tickets.linkOperator(accountId, ticket.id(), operator.id());
                    }
                    tickets.replyByOperator(accountId, ticket.id(), text, body.files(), null, null, TicketChannel.EMAIL, body.format());
                    return settle(accountId, key, OPERATOR_REPLIED, ticket.id(), null);
                }
                tickets.comment(accountId, ticket.id(), operator.id(), text, body.files(), body.format());
                return settle(accountId, key, OPERATOR_COMMENTED, ticket.id(), null);
            }
        }
        boolean aboutATicket = !repository.ticketsOfMessageIds(accountId, mail.references()).isEmpty()
                || mail.recipients().stream().anyMatch(recipient -> ReplyTokens.parse(recipient).isPresent());
        return aboutATicket ? settle(accountId, key, OPERATOR_UNSIGNED, null, null) : Optional.empty();
    }

    /**
     * A bounce of a message this account sent: each recipient it reports as refused for good (status 5.x.x) who is a
     * customer of the account gets their address marked undeliverable, so nothing more is sent there. The report must
     * return one of this account's messages (its Message-ID, or its {@code X-Atende-Account}): the SMTP sender may be
     * shared by several accounts, and a bounce read in one account's mailbox never marks another account's customer.
     * When it names the message, only the address that message went to is marked. Temporary failures change nothing.
     */
    private Optional<Result> bounce(String accountId, String key, byte[] raw, Instant now) {
        var report = DeliveryReport.read(raw).orElse(null);
        if (report == null) {
            return settle(accountId, key, LoopGuard.BOUNCE, null, null);
        }
        if (report.permanent().isEmpty()) {
            return settle(accountId, key, LoopGuard.BOUNCE, null, "temporary failure: " + String.join(", ",
                    report.failures().stream().map(failure -> failure.recipient() + " " + failure.status()).toList()));
        }
        if (report.originalAccount() != null && !report.originalAccount().equals(accountId)) {
            return settle(accountId, key, LoopGuard.BOUNCE, null, "returns another account's message");
        }
        var sent = report.originalMessageId() == null ? Optional.<String[]>empty()
                : repository.sentMessage(accountId, report.originalMessageId());
        if (sent.isEmpty() && !accountId.equals(report.originalAccount())) {
            return settle(accountId, key, LoopGuard.BOUNCE, null, "returns no message of this account");
        }
        List<String> marked = new ArrayList<>();
        for (var failure : report.permanent()) {
            if (sent.isPresent() && !sent.get()[0].equalsIgnoreCase(failure.recipient())) {
                continue;  // the report names someone our message did not go to
            }
            undeliverable.mark(accountId, failure.recipient(), failure.reason(), now)
                    .ifPresent(mark -> marked.add(mark.email() + ": " + mark.reason()));
        }
        String ticketId = sent.map(found -> found[1]).orElse(null);
        if (marked.isEmpty()) {
            return settle(accountId, key, LoopGuard.BOUNCE, ticketId, "no customer of the account has the refused address");
        }
        String detail = String.join("; ", marked);
        return settle(accountId, key, BOUNCE_MARKED, ticketId, detail.length() > 1000 ? detail.substring(0, 1000) : detail);
    }

    /**
     * Whoever the customer copied (Cc) follows the ticket and receives its replies: not the sender, the account's own
     * addresses (its mailboxes, the SMTP sender, reply addresses) nor its operators, who hear of tickets their own way.
     */
    private void follow(String accountId, String ticketId, ParsedMail mail) {
        String copied = mail.header("cc");
        if (copied == null) {
            return;
        }
        InternetAddress[] addresses;
        try {
            addresses = InternetAddress.parseHeader(copied, false);
        } catch (AddressException unreadable) {
            return;
        }
        for (var address : addresses) {
            String email = address.getAddress() == null ? null : address.getAddress().strip().toLowerCase(Locale.ROOT);
            if (email == null || email.equalsIgnoreCase(mail.fromAddress()) || email.equalsIgnoreCase(String.valueOf(properties.smtp().from()))
                    || ReplyTokens.parse(email).isPresent() || repository.findMailboxByAddress(accountId, email).isPresent()
                    || senders.isOwnSender(accountId, email)
                    || operators.findByEmail(accountId, email).isPresent()) {
                continue;
            }
            followers.follow(accountId, ticketId, email);
        }
    }

    private Optional<Result> settle(String accountId, String key, String outcome, String ticketId, String detail) {
        repository.settleInbound(accountId, key, outcome, ticketId, detail);
        return Optional.of(new Result(outcome, ticketId));
    }

    /**
     * The ticket the message answers, in order: a signed token in an address it was sent to, a
     * Message-ID it refers to, a {@code [#protocol]} in its subject. Each must name a ticket of
     * this customer in this account; anything else is ignored.
     */
    Optional<TicketView> thread(String accountId, CustomerView customer, ParsedMail mail) {
        for (String recipient : mail.recipients()) {
            var token = ReplyTokens.parse(recipient).filter(found -> found.party() == ReplyTokens.Party.CUSTOMER);
            var named = token.flatMap(found -> tokenTicket(accountId, found, Set.of(customer.id())));
            if (named.isPresent() && tokens.verify(token.get(), accountId, named.get().id(), customer.id())) {
                var ticket = ticket(accountId, customer, named.get().id());
                if (ticket.isPresent()) {
                    return ticket;
                }
            }
        }
        for (String ticketId : repository.ticketsOfMessageIds(accountId, mail.references())) {
            var ticket = ticket(accountId, customer, ticketId);
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        Matcher protocol = PROTOCOL.matcher(mail.subject());
        while (protocol.find()) {
            long number = Long.parseLong(protocol.group(1));
            var query = TicketQuery.all().withCustomerIds(Set.of(customer.id())).withProtocols(number, number);
            var found = tickets.list(accountId, query, io.atende.platform.PageRequest.of(1)).items();
            if (!found.isEmpty()) {
                return Optional.of(followMerges(accountId, found.get(0)));
            }
        }
        return Optional.empty();
    }

    /**
     * The ticket a follower answers: one whose e-mail Atende sent to this very address (In-Reply-To/References), else
     * the {@code [#protocol]} of its subject, and in either case one the address still follows. Someone who stopped
     * following, or never did, opens a ticket of their own as anyone would.
     */
    private Optional<TicketView> followedTicket(String accountId, String sender, ParsedMail mail) {
        List<String> candidates = new ArrayList<>(repository.ticketsOfMessagesSentTo(accountId, mail.references(), sender));
        Matcher protocol = PROTOCOL.matcher(mail.subject());
        while (protocol.find()) {
            long number = Long.parseLong(protocol.group(1));
            tickets.list(accountId, TicketQuery.all().withProtocols(number, number), io.atende.platform.PageRequest.of(1)).items()
                    .forEach(found -> candidates.add(found.id()));
        }
        for (String ticketId : candidates) {
            var ticket = tickets.find(accountId, ticketId).map(found -> followMerges(accountId, found));
            if (ticket.isPresent() && (followers.follows(accountId, ticketId, sender) || followers.follows(accountId, ticket.get().id(), sender))) {
                return ticket;
            }
        }
        return Optional.empty();
    }

    /** The follower's answer lands on the ticket as theirs; like a customer's reply it reopens a finished ticket. */
    private String followerReply(String accountId, TicketView ticket, ParsedMail mail, String sender) {
        var body = body(accountId, mail, true);
        if (ticket.situation() == Situation.FINISHED || ticket.situation() == Situation.CANCELLED) {
            tickets.reopen(accountId, ticket.id(), null);
        }
        String text = body.note() == null ? body.text() : withNote(body.text(), body.note(), body.format());
        if (!followers.follows(accountId, ticket.id(), sender)) {
            followers.follow(accountId, ticket.id(), sender);  // it followed the ticket merged into this one
        }
        followers.answer(accountId, ticket.id(), sender, text, body.files(), TicketChannel.EMAIL, body.format());
        return ticket.id();
    }

    /** The ticket a token names, by id or by protocol (among the tickets of {@code customerIds} when given), before merges. */
    private Optional<TicketView> tokenTicket(String accountId, ReplyTokens.Token token, Set<String> customerIds) {
        if (token.legacy()) {
            return tickets.find(accountId, token.ticketId());
        }
        var query = TicketQuery.all().withProtocols(token.protocol(), token.protocol());
        if (customerIds != null) {
            query = query.withCustomerIds(customerIds);
        }
        return tickets.list(accountId, query, io.atende.platform.PageRequest.of(1)).items().stream().findFirst();
    }

    private Optional<TicketView> ticket(String accountId, CustomerView customer, String ticketId) {
        return tickets.find(accountId, ticketId).map(ticket -> followMerges(accountId, ticket))
                .filter(ticket -> ticket.customerId().equals(customer.id()));
    }

    /** A reply to a merged ticket belongs to the ticket it was merged into (and so on, should that one be merged too). */
    private TicketView followMerges(String accountId, TicketView ticket) {
        var current = ticket;
        for (int hops = 0; current.mergedIntoTicketId() != null && hops < 10; hops++) {
            var target = tickets.find(accountId, current.mergedIntoTicketId());
            if (target.isEmpty()) {
                break;
            }
            current = target.get();
        }
        return current;
    }

    private String reply(String accountId, TicketView ticket, ParsedMail mail, CustomerView customer) {
        var body = body(accountId, mail, true);
        if (ticket.situation() == Situation.FINISHED || ticket.situation() == Situation.CANCELLED) {
            tickets.reopen(accountId, ticket.id(), null);
        }
        String text = body.note() == null ? body.text() : withNote(body.text(), body.note(), body.format());
        tickets.replyByCustomer(accountId, ticket.id(), text, body.files(), TicketChannel.EMAIL, body.format());
        tellOfDroppedFiles(accountId, mail, customer, ticket, body);
        return ticket.id();
    }

    /**
     * The sender hears at once, in their language, which files of their message were not kept and why: a short
     * automatic answer to that message (the note on the ticket alone reaches only the operators), so they can send
     * the files another way.
     */
    private void tellOfDroppedFiles(String accountId, ParsedMail mail, CustomerView customer, TicketView ticket, Body body) {
        if (body.dropped().isEmpty() || !outbox.enabled() || !customer.active() || customer.email() == null) {
            return;
        }
        var account = accounts.get(accountId);
        Locale locale = MailTemplates.locale(customer.language().locale().toLanguageTag());
        var content = new MailTemplates.Content(
                templates.text(locale, "mail.files_dropped.subject", String.valueOf(ticket.protocol()), ticket.subject()),
                templates.text(locale, "mail.greeting", customer.name()),
                List.of(templates.text(locale, "mail.files_dropped.intro", String.valueOf(ticket.protocol()),
                        AttachmentManagement.MAX_FILES, MAX_BYTES / (1024 * 1024), String.join(", ", body.dropped()))),
                null, null, null, null, null, List.of());
        Map<String, String> values = new HashMap<>();
        values.put("customer.name", customer.name());
        values.put("ticket.protocol", String.valueOf(ticket.protocol()));
        values.put("ticket.subject", ticket.subject());
        values.put("account.name", account.name());
        values.put("files", String.join(", ", body.dropped()));
        outbox.enqueue(accountId, MailKind.FILES_DROPPED, ticket.id(), mail.fromAddress(), null, mail.messageId(), true,
                templates.render(account, locale, MailKind.FILES_DROPPED, content, values));
    }

    /** The message's text and files as a ticket message takes them, within the API's limits. */
    private record Body(String text, List<NewAttachment> files, String note, BodyFormat format, List<String> dropped) {
    }

    /** The notes it adds ("(message without text)", files not kept) are in the account's language: the ticket is the account's. */
    private Body body(String accountId, ParsedMail mail, boolean reply) {
        String text;
        // Text that came as text/plain stays plain text: "Name <address>" in it is an address, not a tag.
        BodyFormat format = BodyFormat.PLAIN_TEXT;
        if (mail.text() != null && !mail.text().isBlank()) {
            text = reply ? QuoteStripper.replyText(mail.text()) : QuoteStripper.newText(mail.text());
        } else if (mail.html() != null && !mail.html().isBlank()) {
            String html = Html.sanitize(reply ? QuoteStripper.replyHtml(mail.html()) : QuoteStripper.newHtml(mail.html()));
            text = Html.toPlainText(html).isBlank() ? "" : html;
            format = text.isEmpty() ? BodyFormat.PLAIN_TEXT : BodyFormat.DETECTED;
        } else {
            text = "";
        }
        Locale locale = MailTemplates.locale(accounts.get(accountId).consoleLanguage());
        if (text.isBlank()) {
            text = templates.text(locale, "mail.no_text");
        }
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE);
        }
        List<NewAttachment> files = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        long bytes = 0;
        for (var part : mail.attachments()) {
            if (files.size() >= AttachmentManagement.MAX_FILES || bytes + part.content().length > MAX_BYTES) {
                dropped.add(part.name());
                continue;
            }
            bytes += part.content().length;
            files.add(new NewAttachment(part.name(), new ByteArrayResource(part.content())));
        }
        String note = dropped.isEmpty() ? null : templates.text(locale, "mail.attachments_dropped", AttachmentManagement.MAX_FILES,
                MAX_BYTES / (1024 * 1024), String.join(", ", dropped));
        if (note != null && !reply) {
            text = withNote(text, note, format);
        }
        return new Body(text, files, note, format, List.copyOf(dropped));
    }

    /** The text with a note after it, as a paragraph of its own when the text is HTML (a file name is no markup). */
    private static String withNote(String text, String note, BodyFormat format) {
        return format == BodyFormat.PLAIN_TEXT ? text + "\n\n" + note : text + "<p>" + Html.escape(note) + "</p>";
    }

    private Optional<String> ownAddress(String accountId, ParsedMail mail) {
        if (mail.fromAddress() != null && (mail.fromAddress().equalsIgnoreCase(String.valueOf(properties.smtp().from()))
                || repository.findMailboxByAddress(accountId, mail.fromAddress()).isPresent()
                || senders.isOwnSender(accountId, mail.fromAddress()))) {
            return Optional.of(LoopGuard.OWN);
        }
        if (mail.messageId() != null && repository.isOwnMessageId(accountId, mail.messageId())) {
            return Optional.of(LoopGuard.OWN);
        }
        return Optional.empty();
    }

    private void autoAnswer(MailRepository.Mailbox mailbox, ParsedMail mail, String key, CustomerView customer) {
        String accountId = mailbox.accountId();
        // One polite answer per address and day is enough; more would only feed a loop that the headers did not reveal.
        if (!outbox.enabled() || repository.autoAnswersSince(accountId, mail.fromAddress(), clock.instant().minus(Duration.ofDays(1))) > 0) {
            return;
        }
        var account = accounts.get(accountId);
        Locale locale = MailTemplates.locale(customer == null ? null : customer.language().locale().toLanguageTag());
        String reason = templates.text(locale, key, account.name());
        var content = new MailTemplates.Content(templates.text(locale, "mail.auto_answer.subject", mail.subject()), null,
                List.of(reason), null, null, null, null, null, List.of());
        Map<String, String> values = new HashMap<>();
        values.put("account.name", account.name());
        values.put("mail.subject", mail.subject());
        values.put("reason", reason);
        outbox.enqueue(accountId, MailKind.AUTO_ANSWER, null, mail.fromAddress(), null, mail.messageId(), true,
                templates.render(account, locale, MailKind.AUTO_ANSWER, content, values));
    }

    private String internalIdFor(String accountId, String email) {
        // The address is the natural id of a customer who came by e-mail, unless an API client already used it as one.
        return customers.find(accountId, CustomerLookup.byInternalIdOrId(email)).isPresent() ? Ids.newId() : email;
    }

    private static String nameOf(ParsedMail mail) {
        if (mail.fromName() != null && !mail.fromName().isBlank()) {
            return mail.fromName().strip().length() > 250 ? mail.fromName().strip().substring(0, 250) : mail.fromName().strip();
        }
        String address = mail.fromAddress();
        return address.substring(0, address.indexOf('@') < 0 ? address.length() : address.indexOf('@'));
    }

    private static String subject(ParsedMail mail) {
        // A reply that opens a new ticket carries the tags of the system it answered ("[#4411]", "[Ticket#2026…]"):
        // they are not this ticket's, and the new ticket gets its own.
        String subject = REPLY_PREFIX.matcher(mail.subject()).replaceFirst("");
        subject = FOREIGN_TAG.matcher(subject).replaceAll(" ").replaceAll("\\s{2,}", " ");
        subject = REPLY_PREFIX.matcher(subject).replaceFirst("").strip();
        if (subject.isEmpty()) {
            subject = "(no subject)";
        }
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    }
}
