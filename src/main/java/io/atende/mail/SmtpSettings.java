package io.atende.mail;

/**
 * An account's own SMTP server. A {@code null} port takes the security's usual one; a {@code null} or empty password
 * keeps the one stored (it is never shown back); no username means no authentication.
 */
public record SmtpSettings(String host, Integer port, SmtpSecurity security, String username, String password) {

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username + "]";
    }
}
