package io.atende.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import io.atende.support.MailServers;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Builds incoming messages and drops them into a mailbox of the test IMAPS server. */
final class Mails {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Mails() {
    }

    /** A message from its raw RFC 5322 text (CRLF or LF line ends). */
    static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw.replace("\r\n", "\n").replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (jakarta.mail.MessagingException failure) {
            throw new AssertionError(failure);
        }
    }

    /** A plain-text message; {@code headers} are extra header lines. */
    static MimeMessage text(String from, String to, String subject, String body, String messageId, String... headers) {
        StringBuilder raw = new StringBuilder();
        raw.append("From: ").append(from).append('\n').append("To: ").append(to).append('\n').append("Subject: ").append(subject)
                .append('\n').append("Message-ID: ").append(messageId).append('\n').append("Date: Wed, 25 Nov 2026 10:00:00 +0000\n")
                .append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n");
        for (String header : headers) {
            raw.append(header).append('\n');
        }
        raw.append('\n').append(body).append('\n');
        return parse(raw.toString());
    }

    /** Puts the message in the mailbox as a mail server would after accepting it. */
    static void deliver(String mailbox, MimeMessage message) {
        MailServers.imaps().getUserManager().getUserByEmail(mailbox).deliver(message);
    }
}
