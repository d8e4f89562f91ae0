package io.atende.mail;

import java.util.List;

/**
 * Who an account's mail comes from and through which server, without secrets.
 *
 * @param fromAddress       the account's address, or {@code null} for the installation's ({@code installationFrom})
 * @param fromName          the name shown with it, or {@code null} for the account's name
 * @param smtpHost          the account's own SMTP server, or {@code null} for the installation's
 * @param smtpPasswordSet   whether a password is stored for it (it is never shown)
 * @param departments       departments whose ticket mail comes from an address of their own
 * @param dkimKeys          the account's DKIM keys, one per sender domain
 */
public record SenderSettings(String fromAddress, String fromName, String smtpHost, Integer smtpPort, SmtpSecurity smtpSecurity,
                             String smtpUsername, boolean smtpPasswordSet, List<DepartmentSenderView> departments,
                             List<DkimKeyView> dkimKeys, String installationFrom) {

    public boolean ownSmtp() {
        return smtpHost != null;
    }
}
