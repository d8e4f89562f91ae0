package io.atende.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorPasswordResetRequested;
import io.atende.operator.OperatorView;
import io.atende.platform.Html;
import io.atende.platform.TransactionBatches;
import io.atende.customeraccess.PortalInvitationIssued;
import io.atende.customeraccess.PortalPasswordResetRequested;
import io.atende.sla.SlaAlert;
import io.atende.automation.TicketEmailRequested;
import io.atende.sla.TicketSlaAlerted;
import io.atende.ticket.MessageKind;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketDetail;
import io.atende.ticket.TicketEvent;
import io.atende.ticket.TicketFinished;
import io.atende.ticket.TicketFollowers;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketMessageView;
import io.atende.ticket.TicketReplied;
import io.atende.ticket.TicketView;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns ticket and portal events into queued messages, inside the transaction that published
 * them: the customer hears of operator replies and of finishing, the department's operators (or
 * the ticket's operator) of new tickets, customer replies and SLA alerts. Changes made through TomTicket's API
 * notify only when the account asked for it, since TomTicket's API sends no e-mail.
 *
 * <p>The ticket events of a transaction are handled together when it flushes or just before it
 * commits (as the webhook outbox does), from the ticket module's own read of the tickets as the
 * transaction leaves them: a transaction that opened 64 tickets reads them, their customers, operators
 * and departments once, not once per ticket. The messages are queued in that same transaction, so a
 * committed change never loses its mail and a rolled-back one sends none.
 *
 * <p>Only lookups that answer "absent" rather than throwing are used here: a refusal inside the
 * publishing transaction would undo the change that is being reported.
 */
@Component
class MailNotifications {

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final MailRepository repository;
    private final ReplyTokens tokens;
    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final OperatorManagement operators;
    private final DepartmentManagement departments;
    private final AccountManagement accounts;
    private final MailFiles files;
    private final TicketFollowers followers;
    private final MailAcknowledgements acknowledgements;
    private final SignedLinks links;
    private final MailProperties properties;
    private final Clock clock;
    private final String publicUrl;

    MailNotifications(MailOutbox outbox, MailTemplates templates, MailRepository repository, ReplyTokens tokens, TicketManagement tickets,
                      CustomerManagement customers, OperatorManagement operators, DepartmentManagement departments,
                      AccountManagement accounts, MailFiles files, SignedLinks links, MailProperties properties, Clock clock,
                      TicketFollowers followers, MailAcknowledgements acknowledgements,
                      @org.springframework.beans.factory.annotation.Value("${atende.public-url}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.acknowledgements = acknowledgements;
        this.files = files;
        this.followers = followers;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.repository = repository;
        this.tokens = tokens;
        this.tickets = tickets;
        this.customers = customers;
        this.operators = operators;
        this.departments = departments;
        this.accounts = accounts;
    }

    @EventListener
    void on(TicketCreated event) {
        collect(event);
    }

    @EventListener
    void on(TicketReplied event) {
        collect(event);
    }

    @EventListener
    void on(TicketFinished event) {
        collect(event);
    }

    /**
     * The ticket's operator, or without one the department's operators, hear that a target is at risk or was missed.
     * The alert is the service level's own doing, not a change through the API, so it is sent whenever mail is on.
     */
    @EventListener
    void on(TicketSlaAlerted event) {
        if (!outbox.enabled()) {
            return;
        }
        var details = tickets.findDetails(event.accountId(), List.of(event.ticketId()));
        if (details.isEmpty()) {
            return;
        }
        var lookups = new Lookups(event.accountId());
        lookups.prefetch(details);
        String prefix = event.alert() == SlaAlert.WARNING ? "mail.sla_warning" : "mail.sla_breached";
        String target = "mail.sla_target." + event.target().name().toLowerCase(java.util.Locale.ROOT);
        notifyOperators(details.get(0), MailKind.SLA_ALERT, lookups, (locale, ticket, customerName, department) -> new MailTemplates.Content(
                templates.text(locale, prefix + ".subject", String.valueOf(ticket.protocol()), ticket.subject()),
                null,
                List.of(templates.text(locale, prefix + ".intro", String.valueOf(ticket.protocol()), ticket.subject(),
                        templates.text(locale, target), department, customerName)),
                null, null, null, null, null, List.of()));
    }

    /**
     * A rule's e-mail about a ticket: to the operator, each active operator of the department, or the address, in
     * the operator's language (the account's console language for an address), with the rule's subject and text.
     */
    @EventListener
    void on(TicketEmailRequested requested) {
        if (!outbox.enabled()) {
            return;
        }
        var lookups = new Lookups(requested.accountId());
        AccountView account = lookups.account();
        List<String> lines = List.of(requested.text().split("\\R"));
        var content = new MailTemplates.Content(requested.subject(), null, lines, null, null, null, null, null, List.of());
        if (requested.address() != null) {
            outbox.enqueue(requested.accountId(), MailKind.RULE_EMAIL, requested.ticketId(), requested.address(), null, null, true,
                    templates.render(account, MailTemplates.locale(account.consoleLanguage()), content));
            return;
        }
        List<OperatorView> recipients = requested.operatorId() != null
                ? List.copyOf(operators.findAll(requested.accountId(), List.of(requested.operatorId())).values())
                : lookups.operatorsOf(requested.departmentId());
        for (var operator : recipients) {
            if (operator.active() && operator.email() != null && !operator.email().isBlank()) {
                outbox.enqueue(requested.accountId(), MailKind.RULE_EMAIL, requested.ticketId(), operator.email(), null, null, true,
                        templates.render(account, MailTemplates.locale(operator.language()), content));
            }
        }
    }

    private void collect(TicketEvent event) {
        if (outbox.enabled()) {
            TransactionBatches.collect(this, event, this::notifyAbout);
        }
    }

    /** Queues the messages the ticket events of a transaction call for, account by account. */
    private void notifyAbout(List<TicketEvent> events) {
        Map<String, List<TicketEvent>> byAccount = events.stream()
                .collect(Collectors.groupingBy(TicketEvent::accountId, LinkedHashMap::new, Collectors.toList()));
        byAccount.forEach((accountId, published) -> {
            var lookups = new Lookups(accountId);
            var wanted = published.stream().filter(event -> channel(event) != TicketChannel.API || lookups.mailsForApiChanges()).toList();
            if (wanted.isEmpty()) {
                return;
            }
            var details = tickets.findDetails(accountId, wanted.stream().map(TicketEvent::ticketId).distinct().toList()).stream()
                    .collect(Collectors.toMap(detail -> detail.ticket().id(), Function.identity()));
            lookups.prefetch(details.values());
            for (var event : wanted) {
                var detail = details.get(event.ticketId());
                if (detail != null) {
                    notifyAbout(event, detail, lookups);
                }
            }
        });
    }

    private void notifyAbout(TicketEvent event, TicketDetail detail, Lookups lookups) {
        if (event instanceof TicketCreated) {
            notifyOperators(detail, MailKind.TICKET_CREATED,
                    detail.messages().stream().filter(message -> message.kind() == MessageKind.OPENING).findFirst().orElse(null), lookups);
            if (event instanceof TicketCreated created
                    && (created.channel() == TicketChannel.EMAIL || created.channel() == TicketChannel.PORTAL)) {
                acknowledge(detail, lookups);
            }
        } else if (event instanceof TicketReplied replied) {
            var message = detail.messages().stream().filter(candidate -> candidate.id().equals(replied.messageId()))
                    .findFirst().orElse(null);
            if (replied.byOperator()) {
                notifyCustomer(detail, MailKind.OPERATOR_REPLIED, message, lookups);
            } else {
                notifyOperators(detail, MailKind.CUSTOMER_REPLIED, message, lookups);
            }
        } else if (event instanceof TicketFinished && detail.ticket().mergedIntoTicketId() == null) {
            // A merged ticket is finished too, but its conversation goes on in the target: no "finished" message.
            notifyCustomer(detail, MailKind.TICKET_FINISHED,
                    detail.messages().stream().filter(message -> message.kind() == MessageKind.FINISH).reduce((first, second) -> second)
                            .orElse(null), lookups);
        }
    }

    private static TicketChannel channel(TicketEvent event) {
        if (event instanceof TicketCreated created) {
            return created.channel();
        }
        if (event instanceof TicketReplied replied) {
            return replied.channel();
        }
        return event instanceof TicketFinished finished ? finished.channel() : TicketChannel.OTHER;
    }

    /**
     * What the messages of one account's events refer to, each read at most once per transaction: the
     * customers and operators of all its tickets together, the rest when first needed.
     */
    private final class Lookups {

        private final String accountId;
        private AccountView account;
        private Boolean mailsForApiChanges;
        private Map<String, String> departmentNames;
        private final Map<String, CustomerView> customerViews = new HashMap<>();
        private final Map<String, OperatorView> operatorViews = new HashMap<>();
        private final Map<String, List<OperatorView>> departmentOperators = new HashMap<>();
        private final Map<String, Optional<String>> replyAddresses = new HashMap<>();
        private final Map<String, Boolean> blacklisted = new HashMap<>();

        Lookups(String accountId) {
            this.accountId = accountId;
        }

        void prefetch(Collection<TicketDetail> details) {
            Set<String> customerIds = new HashSet<>();
            Set<String> operatorIds = new HashSet<>();
            for (var detail : details) {
                customerIds.add(detail.ticket().customerId());
                operatorIds.add(detail.ticket().operatorId());
                detail.messages().forEach(message -> operatorIds.add(message.operatorId()));
            }
            operatorIds.remove(null);
            customerViews.putAll(customers.findAll(accountId, customerIds));
            if (!operatorIds.isEmpty()) {
                operatorViews.putAll(operators.findAll(accountId, operatorIds));
            }
        }

        AccountView account() {
            if (account == null) {
                account = accounts.get(accountId);
            }
            return account;
        }

        boolean mailsForApiChanges() {
            if (mailsForApiChanges == null) {
                mailsForApiChanges = accounts.mailsForApiChanges(accountId);
            }
            return mailsForApiChanges;
        }

        CustomerView customer(String customerId) {
            return customerViews.get(customerId);
        }

        OperatorView operator(String operatorId) {
            return operatorId == null ? null : operatorViews.get(operatorId);
        }

        List<OperatorView> operatorsOf(String departmentId) {
            return departmentOperators.computeIfAbsent(departmentId, id -> departments.listOperators(accountId, id));
        }

        String departmentName(String departmentId) {
            if (departmentNames == null) {
                departmentNames = new HashMap<>();
                departments.listDepartments(accountId).forEach(department -> departmentNames.put(department.id(), department.name()));
            }
            return departmentNames.getOrDefault(departmentId, "");
        }

        boolean blacklisted(String email) {
            return blacklisted.computeIfAbsent(email, address -> customers.isBlacklisted(accountId, address));
        }

        Optional<String> operatorReplyAddress(TicketView ticket, OperatorView operator) {
            return mailboxOf(ticket).map(address -> tokens.operatorReplyAddress(address, accountId, ticket.id(), ticket.protocol(),
                    operator.id()).orElse(address));
        }

        Optional<String> mailboxOf(TicketView ticket) {
            return replyAddresses.computeIfAbsent(ticket.departmentId(),
                    department -> repository.replyMailbox(accountId, department).map(found -> found.address()));
        }

        Optional<String> replyAddress(TicketView ticket) {
            var mailbox = mailboxOf(ticket);
            // A mailbox name too long for the token still gets the answer: threading then goes by Message-ID and protocol.
            return mailbox.map(address -> tokens.replyAddress(address, accountId, ticket.id(), ticket.protocol(), ticket.customerId())
                    .orElse(address));
        }
    }

    @EventListener
    void on(PortalInvitationIssued event) {
        if (!outbox.enabled() || event.email() == null || event.email().isBlank()) {
            return;
        }
        portalLink(event.accountId(), MailKind.PORTAL_INVITATION, event.email(), event.customerName(), event.language(), event.link(),
                event.expiresAt(), "mail.portal_invitation");
    }

    @EventListener
    void on(PortalPasswordResetRequested event) {
        if (!outbox.enabled() || event.email() == null || event.email().isBlank()) {
            return;
        }
        portalLink(event.accountId(), MailKind.PORTAL_PASSWORD_RESET, event.email(), event.customerName(), event.language(), event.link(),
                event.expiresAt(), "mail.portal_reset");
    }

    @EventListener
    void on(OperatorPasswordResetRequested event) {
        if (!outbox.enabled()) {
            return;
        }
        String language = event.language() != null ? event.language() : accounts.get(event.accountId()).consoleLanguage();
        portalLink(event.accountId(), MailKind.OPERATOR_PASSWORD_RESET, event.email(), event.operatorName(), language, event.link(),
                event.expiresAt(), "mail.operator_reset");
    }

    /** Who hears of a reply or of finishing: the customer and the ticket's followers, each in their thread and language. */
    private record Reader(String email, String name, Locale locale, String personId, String replyTo, boolean customer) {
    }

    private void notifyCustomer(TicketDetail detail, MailKind kind, TicketMessageView message, Lookups lookups) {
        var ticket = detail.ticket();
        String accountId = lookups.accountId;
        CustomerView customer = lookups.customer(ticket.customerId());
        List<Reader> readers = new ArrayList<>();
        Locale customerLocale = customer == null ? MailTemplates.locale(lookups.account().consoleLanguage())
                : MailTemplates.locale(customer.language().locale().toLanguageTag());
        if (customer != null && customer.active() && customer.email() != null && !customer.email().isBlank()
                && !lookups.blacklisted(customer.email())) {
            readers.add(new Reader(customer.email(), customer.name(), customerLocale, customer.id(), lookups.replyAddress(ticket).orElse(null),
                    true));
        }
        var following = followers.followers(accountId, ticket.id());
        if (!following.isEmpty()) {
            var known = customers.findAll(accountId, following.stream().map(follower -> follower.customerId()).filter(id -> id != null)
                    .collect(Collectors.toSet()));
            for (var follower : following) {
                var person = follower.customerId() == null ? null : known.get(follower.customerId());
                if (person != null && !person.active() || lookups.blacklisted(follower.email())) {
                    continue;
                }
                // A follower's answer goes to the bare mailbox: the customer's signed token is the customer's alone.
                readers.add(new Reader(follower.email(), person == null ? null : person.name(),
                        person == null ? customerLocale : MailTemplates.locale(person.language().locale().toLanguageTag()),
                        person == null ? follower.email() : person.id(), lookups.mailboxOf(ticket).orElse(null), false));
            }
        }
        AccountView account = readers.isEmpty() ? null : lookups.account();
        var operator = lookups.operator(message == null ? ticket.operatorId() : message.operatorId());
        String prefix = kind == MailKind.OPERATOR_REPLIED ? "mail.operator_replied" : "mail.ticket_finished";
        for (var reader : readers) {
            Locale locale = reader.locale();
            String operatorName = operator == null ? account.name() : operator.name();
            List<String> after = new ArrayList<>();
            if (reader.replyTo() != null) {
                after.add(templates.text(locale, kind == MailKind.OPERATOR_REPLIED ? "mail.reply_hint" : "mail.reopen_hint"));
            }
            if (!reader.customer()) {
                after.add(templates.text(locale, "mail.follower_hint"));
            }
            var enclosed = enclosed(account, locale, message, reader.personId());
            var content = new MailTemplates.Content(
                    templates.text(locale, prefix + ".subject", String.valueOf(ticket.protocol()), ticket.subject()),
                    reader.name() == null ? null : templates.text(locale, "mail.greeting", reader.name()),
                    List.of(templates.text(locale, prefix + ".intro", operatorName, String.valueOf(ticket.protocol()), ticket.subject())),
                    bodyHtml(message, publicUrl + "/portal/tickets/" + ticket.id() + "/attachments/"), bodyText(message),
                    enclosed.line(), null, null, after, enclosed.links(),
                    kind == MailKind.TICKET_FINISHED && reader.customer() ? rating(account, locale, ticket, reader.personId()) : null);
            Map<String, String> values = new HashMap<>();
            values.put("customer.name", reader.name());
            values.put("customer.email", reader.email());
            values.put("ticket.protocol", String.valueOf(ticket.protocol()));
            values.put("ticket.subject", ticket.subject());
            values.put("department.name", lookups.departmentName(ticket.departmentId()));
            values.put("operator.name", operatorName);
            values.put("account.name", account.name());
            String queued = outbox.enqueueInThread(accountId, kind, ticket.id(), reader.email(), reader.replyTo(),
                    repository.conversation(accountId, ticket.id(), reader.email()), false,
                    templates.render(account, locale, kind, content, values));
            files.attach(accountId, queued, enclosed.attached());
        }
    }

    /**
     * The customer hears that the ticket their e-mail or portal message opened was received, in the account's words when
     * it set them (placeholders filled), else Atende's in the customer's language; answering it adds to the ticket.
     */
    private void acknowledge(TicketDetail detail, Lookups lookups) {
        var settings = acknowledgements.settings(lookups.accountId);
        var ticket = detail.ticket();
        CustomerView customer = lookups.customer(ticket.customerId());
        if (!settings.enabled() || customer == null || !customer.active() || customer.email() == null || customer.email().isBlank()
                || lookups.blacklisted(customer.email())) {
            return;
        }
        AccountView account = lookups.account();
        Locale locale = MailTemplates.locale(customer.language().locale().toLanguageTag());
        String department = lookups.departmentName(ticket.departmentId());
        Map<String, String> values = Map.of("customer.name", customer.name(), "customer.email", customer.email(),
                "ticket.protocol", String.valueOf(ticket.protocol()), "ticket.subject", ticket.subject(), "department.name", department,
                "account.name", account.name());
        String subject = settings.subject() != null ? MailAcknowledgements.fill(settings.subject(), values)
                : templates.text(locale, "mail.acknowledgement.subject", String.valueOf(ticket.protocol()), ticket.subject());
        List<String> lines = settings.body() != null ? MailAcknowledgements.fill(settings.body(), values).lines().filter(line -> !line.isBlank()).toList()
                : List.of(templates.text(locale, "mail.acknowledgement.intro", String.valueOf(ticket.protocol()), ticket.subject(), department));
        String replyTo = lookups.replyAddress(ticket).orElse(null);
        var content = new MailTemplates.Content(subject, settings.body() != null ? null : templates.text(locale, "mail.greeting", customer.name()),
                lines, null, null, null, null, null,
                replyTo == null ? List.of() : List.of(templates.text(locale, "mail.acknowledgement.reply_hint")));
        outbox.enqueueInThread(lookups.accountId, MailKind.ACKNOWLEDGEMENT, ticket.id(), customer.email(), replyTo,
                repository.conversation(lookups.accountId, ticket.id(), customer.email()), true,
                templates.render(account, locale, MailKind.ACKNOWLEDGEMENT, content, values));
    }

    /** The one-click rating of the "finished" e-mail: one signed link per ticket and customer, the answer in its query. */
    private MailTemplates.Rating rating(AccountView account, Locale locale, TicketView ticket, String customerId) {
        String link = links.url(SignedLinks.Purpose.RATING, account.id(), ticket.id(), customerId,
                clock.instant().plus(properties.ratingLinkValidity()));
        return templates.rating(locale, link);
    }

    /** How a message's files reach the customer: attached, or as download links when together they pass the limit. */
    private record Enclosed(String line, List<String> attached, List<MailTemplates.Link> links) {
    }

    private Enclosed enclosed(AccountView account, Locale locale, TicketMessageView message, String personId) {
        if (message == null || message.attachments().isEmpty()) {
            return new Enclosed(null, List.of(), List.of());
        }
        var all = message.attachments();
        long total = all.stream().mapToLong(attachment -> attachment.size()).sum();
        if (total <= properties.attachmentLimit().toBytes()) {
            return new Enclosed(attachments(locale, message), all.stream().map(attachment -> attachment.id()).toList(), List.of());
        }
        // Too large for the mail servers on the way: each file is a signed link that works without signing in, for a while.
        Instant expiresAt = clock.instant().plus(properties.fileLinkValidity());
        var fileLinks = all.stream().map(attachment -> new MailTemplates.Link(attachment.name() + " (" + size(locale, attachment.size()) + ")",
                links.url(SignedLinks.Purpose.FILE, account.id(), attachment.id(), personId, expiresAt))).toList();
        return new Enclosed(templates.text(locale, "mail.attachment_links", expiry(account, locale, expiresAt)), List.of(), fileLinks);
    }

    private static String size(Locale locale, long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, (bytes + 1023) / 1024) + " KB";
        }
        return String.format(locale, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String expiry(AccountView account, Locale locale, Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(account.timeZone() == null ? ZoneId.of("UTC") : account.timeZone()).format(at);
    }

    private void notifyOperators(TicketDetail detail, MailKind kind, TicketMessageView message, Lookups lookups) {
        String prefix = kind == MailKind.TICKET_CREATED ? "mail.ticket_created" : "mail.customer_replied";
        notifyOperators(detail, kind, lookups, (locale, ticket, customerName, department) -> new MailTemplates.Content(
                templates.text(locale, prefix + ".subject", String.valueOf(ticket.protocol()), ticket.subject()),
                null,
                List.of(templates.text(locale, prefix + ".intro", customerName, String.valueOf(ticket.protocol()), ticket.subject(),
                        department)),
                bodyHtml(message, publicUrl + "/console/tickets/attachments/"), bodyText(message), attachments(locale, message), null, null,
                lookups.mailboxOf(ticket).isPresent() ? List.of(templates.text(locale, "mail.operator_reply_hint")) : List.of()));
    }

    /** What an operators' message says, in one language. */
    private interface OperatorContent {
        MailTemplates.Content in(Locale locale, TicketView ticket, String customerName, String department);
    }

    private void notifyOperators(TicketDetail detail, MailKind kind, Lookups lookups, OperatorContent contents) {
        var ticket = detail.ticket();
        List<OperatorView> recipients;
        if (ticket.operatorId() != null) {
            var operator = lookups.operator(ticket.operatorId());
            recipients = operator == null ? List.of() : List.of(operator);
        } else {
            recipients = lookups.operatorsOf(ticket.departmentId());
        }
        recipients = recipients.stream().filter(operator -> operator.active() && operator.email() != null && !operator.email().isBlank())
                .toList();
        if (recipients.isEmpty()) {
            return;
        }
        String accountId = lookups.accountId;
        AccountView account = lookups.account();
        CustomerView customer = lookups.customer(ticket.customerId());
        String customerName = customer == null ? "?" : customer.name() + (customer.email() == null ? "" : " <" + customer.email() + ">");
        String department = lookups.departmentName(ticket.departmentId());
        Map<String, String> values = new HashMap<>();
        values.put("customer.name", customer == null ? "?" : customer.name());
        values.put("customer.email", customer == null ? null : customer.email());
        values.put("ticket.protocol", String.valueOf(ticket.protocol()));
        values.put("ticket.subject", ticket.subject());
        values.put("department.name", department);
        var ticketOperator = lookups.operator(ticket.operatorId());
        values.put("operator.name", ticketOperator == null ? null : ticketOperator.name());
        values.put("account.name", account.name());
        // Each operator reads the message in the language they chose for the console.
        var byLanguage = recipients.stream().collect(Collectors.groupingBy(operator -> MailTemplates.locale(operator.language())));
        byLanguage.forEach((locale, operatorsInLanguage) -> {
            var content = contents.in(locale, ticket, customerName, department);
            var rendered = templates.render(account, locale, kind, content, values);
            for (var operator : operatorsInLanguage) {
                // The operator's own signed reply address: their answer lands on the ticket as theirs, not as a new customer's.
                outbox.enqueueInThread(accountId, kind, ticket.id(), operator.email(), lookups.operatorReplyAddress(ticket, operator).orElse(null),
                        repository.conversation(accountId, ticket.id(), operator.email()), false, rendered);
            }
        });
    }

    private void portalLink(String accountId, MailKind kind, String email, String name, String language, String link,
                            java.time.Instant expiresAt, String prefix) {
        AccountView account = accounts.get(accountId);
        Locale locale = MailTemplates.locale(language);
        String expiry = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(account.timeZone() == null ? ZoneId.of("UTC") : account.timeZone()).format(expiresAt);
        var content = new MailTemplates.Content(
                templates.text(locale, prefix + ".subject", account.name()),
                templates.text(locale, "mail.greeting", name == null ? "" : name),
                List.of(templates.text(locale, prefix + ".intro", account.name())),
                null, null, null, templates.text(locale, prefix + ".button"), link,
                List.of(templates.text(locale, "mail.link_expiry", expiry)));
        Map<String, String> values = new HashMap<>();
        values.put(kind == MailKind.OPERATOR_PASSWORD_RESET ? "operator.name" : "customer.name", name);
        values.put("account.name", account.name());
        values.put("link.expiry", expiry);
        outbox.enqueue(accountId, kind, null, email, null, null, false, templates.render(account, locale, kind, content, values));
    }

    /**
     * The message as safe HTML. Images pasted into it are its files, named by {@code cid:} addresses; the e-mail does
     * not carry them, so each becomes a link to its download under {@code downloads} (the reader's page, signed in).
     */
    private static String bodyHtml(TicketMessageView message, String downloads) {
        if (message == null) {
            return null;
        }
        // Stored HTML was sanitized on the way in; plain text is escaped and keeps its line breaks.
        if (!message.html()) {
            return Html.escape(message.body()).replace("\n", "<br>\n");
        }
        return Html.withInlineImagesAsLinks(message.body(), name -> message.attachments().stream()
                .filter(file -> file.name().equals(name)).findFirst().map(file -> downloads + file.id()).orElse(null));
    }

    private static String bodyText(TicketMessageView message) {
        if (message == null) {
            return null;
        }
        return message.html() ? Html.toPlainText(message.body()) : message.body();
    }

    private String attachments(Locale locale, TicketMessageView message) {
        if (message == null || message.attachments().isEmpty()) {
            return null;
        }
        return templates.text(locale, "mail.attachments",
                message.attachments().stream().map(attachment -> attachment.name()).collect(Collectors.joining(", ")));
    }
}
