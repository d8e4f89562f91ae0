package io.atende.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Html;
import io.atende.customeraccess.PortalInvitationIssued;
import io.atende.customeraccess.PortalPasswordResetRequested;
import io.atende.ticket.MessageKind;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketCreated;
import io.atende.ticket.TicketDetail;
import io.atende.ticket.TicketFinished;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketMessageView;
import io.atende.ticket.TicketReplied;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns ticket and portal events into queued messages, inside the transaction that published
 * them: the customer hears of operator replies and of finishing, the department's operators (or
 * the ticket's operator) of new tickets and customer replies. Changes made through TomTicket's API
 * notify only when the account asked for it, since TomTicket's API sends no e-mail.
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

    MailNotifications(MailOutbox outbox, MailTemplates templates, MailRepository repository, ReplyTokens tokens, TicketManagement tickets,
                      CustomerManagement customers, OperatorManagement operators, DepartmentManagement departments,
                      AccountManagement accounts) {
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
        if (!wanted(event.accountId(), event.channel())) {
            return;
        }
        tickets.findDetail(event.accountId(), event.ticketId()).ifPresent(detail -> {
            var opening = detail.messages().stream().filter(message -> message.kind() == MessageKind.OPENING).findFirst().orElse(null);
            notifyOperators(event.accountId(), detail, MailKind.TICKET_CREATED, opening);
        });
    }

    @EventListener
    void on(TicketReplied event) {
        if (!wanted(event.accountId(), event.channel())) {
            return;
        }
        tickets.findDetail(event.accountId(), event.ticketId()).ifPresent(detail -> {
            var message = detail.messages().stream().filter(candidate -> candidate.id().equals(event.messageId())).findFirst().orElse(null);
            if (event.byOperator()) {
                notifyCustomer(event.accountId(), detail, MailKind.OPERATOR_REPLIED, message);
            } else {
                notifyOperators(event.accountId(), detail, MailKind.CUSTOMER_REPLIED, message);
            }
        });
    }

    @EventListener
    void on(TicketFinished event) {
        if (!wanted(event.accountId(), event.channel())) {
            return;
        }
        tickets.findDetail(event.accountId(), event.ticketId()).ifPresent(detail -> {
            var finish = detail.messages().stream().filter(message -> message.kind() == MessageKind.FINISH)
                    .reduce((first, second) -> second).orElse(null);
            notifyCustomer(event.accountId(), detail, MailKind.TICKET_FINISHED, finish);
        });
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

    private boolean wanted(String accountId, TicketChannel channel) {
        if (!outbox.enabled()) {
            return false;
        }
        return channel != TicketChannel.API || accounts.mailsForApiChanges(accountId);
    }

    private void notifyCustomer(String accountId, TicketDetail detail, MailKind kind, TicketMessageView message) {
        var ticket = detail.ticket();
        CustomerView customer = customers.findAll(accountId, Set.of(ticket.customerId())).get(ticket.customerId());
        if (customer == null || !customer.active() || customer.email() == null || customer.email().isBlank()
                || customers.isBlacklisted(accountId, customer.email())) {
            return;
        }
        AccountView account = accounts.get(accountId);
        Locale locale = MailTemplates.locale(customer.language().code());
        String operatorName = operatorName(accountId, message == null ? ticket.operatorId() : message.operatorId(), account);
        String replyTo = repository.replyMailbox(accountId, ticket.departmentId())
                .flatMap(mailbox -> tokens.replyAddress(mailbox.address(), accountId, ticket.id(), ticket.customerId()))
                .orElse(null);
        String prefix = kind == MailKind.OPERATOR_REPLIED ? "mail.operator_replied" : "mail.ticket_finished";
        List<String> after = new ArrayList<>();
        if (replyTo != null) {
            after.add(templates.text(locale, kind == MailKind.OPERATOR_REPLIED ? "mail.reply_hint" : "mail.reopen_hint"));
        }
        var content = new MailTemplates.Content(
                templates.text(locale, prefix + ".subject", String.valueOf(ticket.protocol()), ticket.subject()),
                templates.text(locale, "mail.greeting", customer.name()),
                List.of(templates.text(locale, prefix + ".intro", operatorName, String.valueOf(ticket.protocol()), ticket.subject())),
                bodyHtml(message), bodyText(message), attachments(locale, message), null, null, after);
        outbox.enqueue(accountId, kind, ticket.id(), customer.email(), replyTo,
                repository.lastReceivedMessageId(accountId, ticket.id()).orElse(null), false, templates.render(account, locale, content));
    }

    private void notifyOperators(String accountId, TicketDetail detail, MailKind kind, TicketMessageView message) {
        var ticket = detail.ticket();
        List<OperatorView> recipients;
        if (ticket.operatorId() != null) {
            recipients = List.copyOf(operators.findAll(accountId, List.of(ticket.operatorId())).values());
        } else {
            recipients = departments.listOperators(accountId, ticket.departmentId());
        }
        recipients = recipients.stream().filter(operator -> operator.active() && operator.email() != null && !operator.email().isBlank())
                .toList();
        if (recipients.isEmpty()) {
            return;
        }
        AccountView account = accounts.get(accountId);
        CustomerView customer = customers.findAll(accountId, Set.of(ticket.customerId())).get(ticket.customerId());
        String customerName = customer == null ? "?" : customer.name() + (customer.email() == null ? "" : " <" + customer.email() + ">");
        String department = departments.listDepartments(accountId).stream().filter(candidate -> candidate.id().equals(ticket.departmentId()))
                .map(candidate -> candidate.name()).findFirst().orElse("");
        String prefix = kind == MailKind.TICKET_CREATED ? "mail.ticket_created" : "mail.customer_replied";
        // Each operator reads the message in the language they chose for the console.
        var byLanguage = recipients.stream().collect(Collectors.groupingBy(operator -> MailTemplates.locale(operator.language())));
        byLanguage.forEach((locale, operatorsInLanguage) -> {
            var content = new MailTemplates.Content(
                    templates.text(locale, prefix + ".subject", String.valueOf(ticket.protocol()), ticket.subject()),
                    null,
                    List.of(templates.text(locale, prefix + ".intro", customerName, String.valueOf(ticket.protocol()), ticket.subject(),
                            department)),
                    bodyHtml(message), bodyText(message), attachments(locale, message), null, null, List.of());
            var rendered = templates.render(account, locale, content);
            for (var operator : operatorsInLanguage) {
                outbox.enqueue(accountId, kind, ticket.id(), operator.email(), null, null, false, rendered);
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
        outbox.enqueue(accountId, kind, null, email, null, null, false, templates.render(account, locale, content));
    }

    private String operatorName(String accountId, String operatorId, AccountView account) {
        if (operatorId == null) {
            return account.name();
        }
        return Optional.ofNullable(operators.findAll(accountId, List.of(operatorId)).get(operatorId)).map(OperatorView::name)
                .orElse(account.name());
    }

    private static String bodyHtml(TicketMessageView message) {
        if (message == null) {
            return null;
        }
        // Stored HTML was sanitized on the way in; plain text is escaped and keeps its line breaks.
        return message.html() ? message.body() : HtmlUtils.htmlEscape(message.body()).replace("\n", "<br>\n");
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
