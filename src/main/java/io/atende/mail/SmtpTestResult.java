package io.atende.mail;

/**
 * What the SMTP server said to a test message.
 *
 * @param accepted whether it took the message
 * @param server   {@code host:port} of the server tried
 * @param answer   its last reply when it accepted ("250 2.0.0 OK …"), else the reason it did not
 */
public record SmtpTestResult(boolean accepted, String server, String answer) {
}
