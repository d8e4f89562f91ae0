package io.atende.mail;

/**
 * What configures a mailbox. On creation {@code null} takes the default (port by security,
 * {@code ssl}, folder {@code INBOX}, customers created, active); on update it keeps the current
 * value, and an empty password or access token removes it. Exactly one of password and access
 * token must be set in the end.
 *
 * @param accessToken an OAuth2 access token (XOAUTH2), for providers that refuse passwords
 */
public record MailboxSettings(String departmentId, String address, String host, Integer port, MailboxSecurity security,
                              String username, String password, String accessToken, String folder, Boolean createCustomers,
                              Boolean active) {

    @Override
    public String toString() {
        return "MailboxSettings[address=" + address + ", host=" + host + ", username=" + username + "]";
    }
}
