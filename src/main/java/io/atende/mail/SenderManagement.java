package io.atende.mail;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

import io.atende.account.AccountManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who an account's mail comes from and how it leaves: the account's sender (address and name), a sender per
 * department for its tickets' mail, the account's own SMTP server, and DKIM keys per sender domain. The sender of a
 * message is its department's, else its account's, else the installation's ({@code ATENDE_SMTP_FROM}). Secrets (the
 * SMTP password, private keys) are stored sealed and never returned.
 */
@Service
public class SenderManagement {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final SenderRepository repository;
    private final MailSenders senders;
    private final SmtpSender smtp;
    private final DepartmentManagement departments;
    private final AccountManagement accounts;
    private final MailTemplates templates;
    private final Clock clock;

    SenderManagement(SenderRepository repository, MailSenders senders, SmtpSender smtp, DepartmentManagement departments,
                     AccountManagement accounts, MailTemplates templates, Clock clock) {
        this.repository = repository;
        this.senders = senders;
        this.smtp = smtp;
        this.departments = departments;
        this.accounts = accounts;
        this.templates = templates;
        this.clock = clock;
    }

    /** The account's senders, SMTP server and DKIM keys, without secrets. */
    @Transactional(readOnly = true)
    public SenderSettings settings(String accountId) {
        var account = repository.accountSender(accountId);
        var keys = repository.dkimKeys(accountId).stream().map(SenderManagement::view).toList();
        return new SenderSettings(account.fromAddress(), account.fromName(), account.smtpHost(), account.smtpPort(), account.smtpSecurity(),
                account.smtpUsername(), account.smtpPassword() != null, repository.departmentSenders(accountId), keys,
                smtp.configured() ? smtp.from() : null);
    }

    /**
     * Sets the address and name the account's mail comes from; a blank address goes back to the installation's, a
     * blank name to the account's name. Invalid for a malformed address or a name over 200 characters.
     */
    @Transactional
    public SenderSettings saveAccountSender(String accountId, String fromAddress, String fromName) {
        String address = blank(fromAddress) == null ? null : Inputs.requiredEmail("from_address", fromAddress).toLowerCase(Locale.ROOT);
        String name = name(fromName);
        var current = repository.accountSender(accountId);
        repository.saveAccountSender(accountId, new SenderRepository.AccountSender(address, name, current.smtpHost(), current.smtpPort(),
                current.smtpSecurity(), current.smtpUsername(), current.smtpPassword()), clock.instant());
        return settings(accountId);
    }

    /**
     * Sends the account's mail through its own SMTP server from now on (messages already queued too). A blank
     * password keeps the stored one; invalid for a missing or malformed host or a port out of range.
     */
    @Transactional
    public SenderSettings saveAccountSmtp(String accountId, SmtpSettings settings) {
        String host = Inputs.requiredText("smtp_host", settings.host(), 253);
        if (!HOST.matcher(host).matches()) {
            throw new InvalidInputException("smtp_host", "mail.sender.invalid_host");
        }
        SmtpSecurity security = settings.security() == null ? SmtpSecurity.STARTTLS : settings.security();
        int port = settings.port() == null ? security.defaultPort() : settings.port();
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("smtp_port", "mail.invalid_port");
        }
        String username = blank(settings.username()) == null ? null : Inputs.requiredText("smtp_username", settings.username(), 320);
        if (settings.password() != null && settings.password().length() > 1000) {
            throw new InvalidInputException("smtp_password", "parameter.too_long", 1000);
        }
        var current = repository.accountSender(accountId);
        String password = settings.password() == null || settings.password().isEmpty() ? current.smtpPassword() : settings.password();
        if (username == null) {
            password = null;
        } else if (password == null) {
            throw new InvalidInputException("smtp_password", "mail.sender.password_required");
        }
        repository.saveAccountSender(accountId, new SenderRepository.AccountSender(current.fromAddress(), current.fromName(), host, port,
                security, username, password), clock.instant());
        return settings(accountId);
    }

    /** Goes back to the installation's SMTP server; the stored password is deleted. */
    @Transactional
    public SenderSettings removeAccountSmtp(String accountId) {
        var current = repository.accountSender(accountId);
        repository.saveAccountSender(accountId, new SenderRepository.AccountSender(current.fromAddress(), current.fromName(), null, null,
                null, null, null), clock.instant());
        return settings(accountId);
    }

    /**
     * Sends a test message from the account's sender to {@code recipient} through the server its mail uses, at once
     * and outside the outbox, and answers what the server said. Invalid for a malformed recipient; refused when the
     * installation sends no e-mail and the account has no server of its own.
     */
    public SmtpTestResult sendTestMessage(String accountId, String recipient, Locale locale) {
        String to = Inputs.requiredEmail("recipient", recipient);
        if (!smtp.configured() && senders.transport(accountId).isEmpty()) {
            throw new io.atende.platform.RuleViolationException("mail.smtp_not_configured");
        }
        var account = accounts.get(accountId);
        return smtp.sendTest(accountId, senders.resolve(accountId, null), account.name(), to,
                templates.text(locale, "mail.sender.test.subject", account.name()), templates.text(locale, "mail.sender.test.text", account.name()));
    }

    /**
     * Gives a department its own sender for its tickets' mail; not found for a department the account does not have,
     * invalid for a malformed address.
     */
    @Transactional
    public SenderSettings saveDepartmentSender(String accountId, String departmentId, String fromAddress, String fromName) {
        String department = departments.getDepartment(accountId, Inputs.requiredText("department_id", departmentId, 32)).id();
        String address = Inputs.requiredEmail("from_address", fromAddress).toLowerCase(Locale.ROOT);
        repository.saveDepartmentSender(accountId, new DepartmentSenderView(department, address, name(fromName)), clock.instant());
        return settings(accountId);
    }

    /** The department's mail comes from the account's sender again; not found when it had none of its own. */
    @Transactional
    public SenderSettings removeDepartmentSender(String accountId, String departmentId) {
        if (departmentId == null || !repository.deleteDepartmentSender(accountId, departmentId)) {
            throw new NotFoundException("mail.sender.department_not_found", String.valueOf(departmentId));
        }
        return settings(accountId);
    }

    /**
     * Sets the account's DKIM key for a sender domain: the PEM given (an RSA private key of 1024 bits or more), or a
     * new 2048-bit key when none is. Replaces the domain's earlier key. Invalid for a malformed domain, selector or key.
     */
    @Transactional
    public DkimKeyView saveDkimKey(String accountId, String domain, String selector, String privateKeyPem) {
        String name = Inputs.requiredText("domain", domain, 253).toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(name).matches()) {
            throw new InvalidInputException("domain", "mail.dkim.invalid_domain");
        }
        String chosen = Inputs.requiredText("selector", selector, 63).toLowerCase(Locale.ROOT);
        if (!SELECTOR.matcher(chosen).matches()) {
            throw new InvalidInputException("selector", "mail.dkim.invalid_selector");
        }
        if (privateKeyPem != null && privateKeyPem.length() > 6000) {
            throw new InvalidInputException("private_key", "mail.dkim.invalid_key");
        }
        var pair = blank(privateKeyPem) == null ? DkimKeys.generate() : DkimKeys.read(privateKeyPem);
        var key = new SenderRepository.DkimKey(name, chosen, pair.privateKeyPem(), pair.publicKey(), clock.instant());
        repository.saveDkimKey(accountId, key);
        return view(key);
    }

    /** Stops signing the domain's mail; not found when the account has no key for it. */
    @Transactional
    public void deleteDkimKey(String accountId, String domain) {
        if (domain == null || !repository.deleteDkimKey(accountId, domain.strip().toLowerCase(Locale.ROOT))) {
            throw new NotFoundException("mail.dkim.not_found", String.valueOf(domain));
        }
    }

    private static DkimKeyView view(SenderRepository.DkimKey key) {
        return new DkimKeyView(key.domain(), key.selector(), DkimKeys.bits(key.publicKey()), key.selector() + "._domainkey." + key.domain(),
                "v=DKIM1; k=rsa; p=" + key.publicKey(), key.createdAt());
    }

    private static String name(String fromName) {
        String name = blank(fromName) == null ? null : Inputs.optionalText("from_name", fromName, 200);
        if (name != null && (!Inputs.hasNoControlCharacters(name) || name.contains("\n") || name.contains("\r"))) {
            throw new InvalidInputException("from_name", "parameter.invalid");
        }
        return name;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
