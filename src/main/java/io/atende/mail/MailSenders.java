package io.atende.mail;

import java.util.Locale;
import java.util.Optional;

import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.springframework.stereotype.Component;

/**
 * Who a message comes from and how it leaves. The sender is chosen when a message is queued: the department's own
 * address for its tickets' mail, else the account's, else the installation's ({@code ATENDE_SMTP_FROM}). When it is
 * sent, the account's own SMTP server is used if it has one, and a message whose sender's domain has a DKIM key of the
 * account is signed with it.
 */
@Component
class MailSenders {

    /** A message's sender; {@code null} members stand for the installation's address and the account's name. */
    record From(String address, String name) {

        static final From INSTALLATION = new From(null, null);
    }

    /** An SMTP server to hand messages to. */
    record Transport(String host, int port, SmtpSecurity security, String username, String password) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final SenderRepository repository;

    MailSenders(SenderRepository repository) {
        this.repository = repository;
    }

    /** The sender of a message of the account about a ticket of the department (or of no ticket: {@code null}). */
    From resolve(String accountId, String departmentId) {
        if (departmentId != null) {
            var department = repository.departmentSender(accountId, departmentId);
            if (department.isPresent()) {
                return new From(department.get().fromAddress(), department.get().fromName());
            }
        }
        var account = repository.accountSender(accountId);
        return account.fromAddress() == null ? new From(null, account.fromName()) : new From(account.fromAddress(), account.fromName());
    }

    /** Whether mail from this address is the account's own (a sender of the account or of one of its departments). */
    boolean isOwnSender(String accountId, String address) {
        return address != null && repository.isSenderAddress(accountId, address);
    }

    /** The account's own SMTP server, if it has one. */
    Optional<Transport> transport(String accountId) {
        var account = repository.accountSender(accountId);
        return account.smtpHost() == null ? Optional.empty()
                : Optional.of(new Transport(account.smtpHost(), account.smtpPort(), account.smtpSecurity(), account.smtpUsername(),
                        account.smtpPassword()));
    }

    /** A signer for mail of the account from the address, when the account has a DKIM key for its domain. */
    Optional<DkimSigner> signer(String accountId, String fromAddress) {
        String domain = domainOf(fromAddress);
        return repository.dkimKey(accountId, domain).map(key -> DkimKeys.signer(key.domain(), key.selector(), key.privateKeyPem()));
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
