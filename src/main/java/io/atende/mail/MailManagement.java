package io.atende.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.atende.department.DepartmentManagement;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The e-mail channel of an account: the outbox with every attempt, sending a message again, the
 * department mailboxes that are read into tickets, and the log of messages read.
 */
@Service
public class MailManagement {

    private final MailRepository repository;
    private final MailOutbox outbox;
    private final DepartmentManagement departments;
    private final Clock clock;
    private final MailProperties properties;

    MailManagement(MailRepository repository, MailOutbox outbox, DepartmentManagement departments, Clock clock, MailProperties properties) {
        this.properties = properties;
        this.repository = repository;
        this.outbox = outbox;
        this.departments = departments;
        this.clock = clock;
    }

    /** Whether this installation sends e-mail at all (SMTP configured); without it nothing is queued. */
    public boolean sendingConfigured() {
        return outbox.enabled();
    }

    /** Outgoing messages, newest first, optionally in one status and of one ticket, each with its attempts. */
    @Transactional(readOnly = true)
    public Page<MailMessageView> messages(String accountId, MailStatus status, String ticketId, PageRequest page) {
        return repository.listMessages(accountId, status, ticketId, page);
    }

    /** The message with its attempts, or not found. */
    @Transactional(readOnly = true)
    public MailMessageView message(String accountId, String messageId) {
        return repository.findMessage(accountId, messageId)
                .orElseThrow(() -> new NotFoundException("mail.message_not_found", messageId));
    }

    /**
     * Queues a sent or failed message again, as it was rendered, keeping its attempts; not found if
     * unknown, refused while it is still queued or when sending is not configured.
     */
    @Transactional
    public MailMessageView sendAgain(String accountId, String messageId) {
        var message = message(accountId, messageId);
        if (!outbox.enabled()) {
            throw new RuleViolationException("mail.smtp_not_configured");
        }
        if (message.status() == MailStatus.SENT && message.kind().carriesLink()) {
            throw new RuleViolationException("mail.link_removed_after_sending");
        }
        if (message.status() == MailStatus.QUEUED || !outbox.requeue(accountId, message.id())) {
            throw new RuleViolationException("mail.message_still_queued");
        }
        return message(accountId, messageId);
    }

    /** Messages read from the account's mailboxes and what became of each, newest first. */
    @Transactional(readOnly = true)
    public Page<InboundView> received(String accountId, PageRequest page) {
        return repository.listInbound(accountId, page);
    }

    /**
     * A message read from the account's mailboxes as it came (RFC 5322 bytes): not found when the account has no
     * such message, or when its raw form was deleted after {@code atende.mail.inbound.raw-retention}.
     */
    @Transactional(readOnly = true)
    public byte[] receivedRaw(String accountId, String inboundId) {
        if (inboundId == null || inboundId.isBlank()) {
            throw new InvalidInputException("id", "parameter.required");
        }
        return repository.inboundRaw(accountId, inboundId).orElseThrow(() -> new NotFoundException("mail.inbound_not_found", inboundId));
    }

    /**
     * Adds a mailbox to a department (not found if the department is unknown). Its messages are read
     * from the next poll on; invalid for bad settings, refused when the account has one at that address.
     */
    @Transactional
    public MailboxView createMailbox(String accountId, MailboxSettings settings) {
        String departmentId = departments.getDepartment(accountId, Inputs.requiredText("department_id", settings.departmentId(), 32)).id();
        String address = Inputs.requiredEmail("address", settings.address()).toLowerCase(Locale.ROOT);
        MailboxSecurity security = settings.security() == null ? MailboxSecurity.SSL : settings.security();
        int port = port(settings.port() == null ? (security == MailboxSecurity.SSL ? 993 : 143) : settings.port());
        String username = settings.username() == null ? address : Inputs.requiredText("username", settings.username(), 320);
        String password = secret("password", settings.password(), 1000);
        String token = secret("access_token", settings.accessToken(), 4000);
        requireOneCredential(password, token);
        if (repository.findMailboxByAddress(accountId, address).isPresent()) {
            throw new RuleViolationException("mail.address_taken", address);
        }
        Instant now = clock.instant();
        var row = new MailRepository.Mailbox(accountId, Ids.newId(), departmentId, address,
                Inputs.requiredText("host", settings.host(), 253), port, security, username, password, token,
                settings.folder() == null ? "INBOX" : Inputs.requiredText("folder", settings.folder(), 200),
                settings.createCustomers() == null || settings.createCustomers(), settings.active() == null || settings.active(),
                null, 0, null, null, now, now);
        repository.insertMailbox(row, now);
        return row.view();
    }

    /**
     * Changes a mailbox; {@code null} members keep their value, an empty password or token
     * removes it. A new server, user or folder starts reading from its beginning.
     */
    @Transactional
    public MailboxView updateMailbox(String accountId, String mailboxId, MailboxSettings changes) {
        var current = find(accountId, mailboxId);
        String departmentId = changes.departmentId() == null ? current.departmentId()
                : departments.getDepartment(accountId, changes.departmentId()).id();
        String address = changes.address() == null ? current.address()
                : Inputs.requiredEmail("address", changes.address()).toLowerCase(Locale.ROOT);
        if (!address.equals(current.address()) && repository.findMailboxByAddress(accountId, address).isPresent()) {
            throw new RuleViolationException("mail.address_taken", address);
        }
        MailboxSecurity security = changes.security() == null ? current.security() : changes.security();
        int port = changes.port() == null ? current.port() : port(changes.port());
        String host = changes.host() == null ? current.host() : Inputs.requiredText("host", changes.host(), 253);
        String username = changes.username() == null ? current.username() : Inputs.requiredText("username", changes.username(), 320);
        String password = changes.password() == null ? current.password() : secret("password", changes.password(), 1000);
        String token = changes.accessToken() == null ? current.accessToken() : secret("access_token", changes.accessToken(), 4000);
        requireOneCredential(password, token);
        String folder = changes.folder() == null ? current.folder() : Inputs.requiredText("folder", changes.folder(), 200);
        Instant now = clock.instant();
        var row = new MailRepository.Mailbox(accountId, current.id(), departmentId, address, host, port, security, username, password,
                token, folder, changes.createCustomers() == null ? current.createCustomers() : changes.createCustomers(),
                changes.active() == null ? current.active() : changes.active(), current.uidValidity(), current.lastUid(),
                current.lastPolledAt(), null, current.createdAt(), now);
        boolean serverChanged = !host.equalsIgnoreCase(current.host()) || !username.equals(current.username())
                || !folder.equals(current.folder());
        repository.updateMailbox(row, serverChanged, now);
        return find(accountId, mailboxId).view();
    }

    /** Removes a mailbox; what was read from it stays. */
    @Transactional
    public void deleteMailbox(String accountId, String mailboxId) {
        repository.deleteMailbox(accountId, find(accountId, mailboxId).id());
    }

    /** The mailbox without its secrets, or not found. */
    @Transactional(readOnly = true)
    public MailboxView mailbox(String accountId, String mailboxId) {
        return find(accountId, mailboxId).view();
    }

    /** The account's mailboxes, oldest first, without their secrets. */
    @Transactional(readOnly = true)
    public List<MailboxView> mailboxes(String accountId) {
        return repository.mailboxes(accountId).stream().map(MailRepository.Mailbox::view).toList();
    }

    /** How long messages read are kept as they came when the account's retention policy sets no period. */
    public java.time.Duration defaultInboundRawRetention() {
        return properties.inbound().rawRetention();
    }

    /** How many of the account's messages read before {@code cutoff} are still kept as they came. */
    @Transactional(readOnly = true)
    public long countInboundRaw(String accountId, Instant cutoff) {
        return repository.countInboundRaw(accountId, cutoff);
    }

    /** Deletes up to {@code limit} of the account's messages kept as they came that were read before {@code cutoff}. */
    @Transactional
    public int pruneInboundRaw(String accountId, Instant cutoff, int limit) {
        return repository.pruneInboundRaw(accountId, cutoff, limit);
    }

    private MailRepository.Mailbox find(String accountId, String mailboxId) {
        if (mailboxId == null) {
            throw new InvalidInputException("mailbox_id", "parameter.required");
        }
        return repository.findMailbox(accountId, mailboxId).orElseThrow(() -> new NotFoundException("mail.mailbox_not_found", mailboxId));
    }

    private static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("port", "mail.invalid_port");
        }
        return port;
    }

    private static String secret(String parameter, String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidInputException(parameter, "parameter.too_long", parameter, max);
        }
        return value;
    }

    private static void requireOneCredential(String password, String token) {
        if ((password == null) == (token == null)) {
            throw new InvalidInputException(password == null ? "password" : "access_token", "mail.credentials_required");
        }
    }
}
