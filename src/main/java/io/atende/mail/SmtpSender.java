package io.atende.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one queued message to the installation's SMTP server through Spring's
 * {@link JavaMailSenderImpl} (Jakarta Mail). Every message says it was generated automatically
 * (RFC 3834) and names its account in {@code X-Atende-Account}, so that auto-replies stay quiet
 * and our own messages, should they come back, are recognized.
 */
@Component
class SmtpSender {

    static final String ACCOUNT_HEADER = "X-Atende-Account";

    private final MailProperties.Smtp smtp;
    private final JavaMailSenderImpl sender;

    SmtpSender(MailProperties properties) {
        this.smtp = properties.smtp();
        this.sender = smtp.configured() ? build(smtp, properties.sslTrust()) : null;
    }

    boolean configured() {
        return sender != null;
    }

    /** The address messages come from. */
    String from() {
        return smtp.from();
    }

    /** Sends the message; throws with the server's or the connection's reason when it is not accepted. */
    void send(MailRepository.Outgoing message, String fromName) throws MessagingException, MailException {
        send(message, fromName, List.of());
    }

    /** Sends the message with the files attached. */
    void send(MailRepository.Outgoing message, String fromName, List<MailFiles.OutgoingFile> files) throws MessagingException, MailException {
        MimeMessage mime = new MessageWithId(sender.getSession(), message.messageId());
        var helper = new MimeMessageHelper(mime, message.html() != null || !files.isEmpty(), StandardCharsets.UTF_8.name());
        try {
            String name = smtp.fromName() == null || smtp.fromName().isBlank() ? fromName : smtp.fromName();
            helper.setFrom(new InternetAddress(smtp.from(), name, StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
        helper.setTo(message.recipient());
        if (message.replyTo() != null) {
            helper.setReplyTo(message.replyTo());
        }
        helper.setSubject(message.subject());
        if (message.html() != null) {
            helper.setText(message.text(), message.html());
        } else {
            helper.setText(message.text());
        }
        for (var file : files) {
            helper.addAttachment(file.name(), new ByteArrayResource(file.content()), file.contentType());
        }
        if (message.inReplyTo() != null) {
            mime.setHeader("In-Reply-To", message.inReplyTo());
            mime.setHeader("References", MimeUtility.fold(12, message.references() == null ? message.inReplyTo() : message.references()));
        }
        mime.setHeader("Auto-Submitted", message.autoSubmitted() ? "auto-replied" : "auto-generated");
        mime.setHeader("X-Auto-Response-Suppress", "All");
        mime.setHeader(ACCOUNT_HEADER, message.accountId());
        sender.send(mime);
    }

    private static JavaMailSenderImpl build(MailProperties.Smtp smtp, String sslTrust) {
        if (smtp.from() == null || smtp.from().isBlank()) {
            throw new IllegalStateException("atende.mail.smtp.from (ATENDE_SMTP_FROM) is required when an SMTP host is set");
        }
        var sender = new JavaMailSenderImpl();
        String security = smtp.security().toLowerCase(Locale.ROOT);
        boolean ssl = security.equals("ssl");
        sender.setProtocol(ssl ? "smtps" : "smtp");
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean auth = smtp.username() != null && !smtp.username().isBlank();
        if (auth) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
        }
        String prefix = "mail." + sender.getProtocol() + ".";
        Properties properties = new Properties();
        properties.put(prefix + "auth", String.valueOf(auth));
        properties.put(prefix + "connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
        properties.put(prefix + "timeout", String.valueOf(smtp.timeout().toMillis()));
        properties.put(prefix + "writetimeout", String.valueOf(smtp.timeout().toMillis()));
        switch (security) {
            case "starttls" -> {
                properties.put(prefix + "starttls.enable", "true");
                properties.put(prefix + "starttls.required", "true");
            }
            case "ssl", "none" -> {
            }
            default -> throw new IllegalStateException("atende.mail.smtp.security must be starttls, ssl or none, not " + smtp.security());
        }
        if (sslTrust != null && !sslTrust.isBlank()) {
            properties.put(prefix + "ssl.trust", sslTrust);
            properties.put(prefix + "ssl.checkserveridentity", "false");
        } else if (!security.equals("none")) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** Keeps the Message-ID we chose (and stored for threading) instead of the one Jakarta Mail would generate on save. */
    private static final class MessageWithId extends MimeMessage {

        private final String messageId;

        MessageWithId(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
