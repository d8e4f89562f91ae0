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

import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one queued message to an SMTP server through Spring's {@link JavaMailSenderImpl} (Jakarta Mail): the account's
 * own server when it has one, else the installation's. Every message says it was generated automatically (RFC 3834)
 * and names its account in {@code X-Atende-Account}, so that auto-replies stay quiet and our own messages, should they
 * come back, are recognized; a message from a domain the account has a DKIM key for is signed with it.
 */
@Component
class SmtpSender {

    static final String ACCOUNT_HEADER = "X-Atende-Account";

    private final MailProperties.Smtp smtp;
    private final String sslTrust;
    private final MailSenders senders;
    private final JavaMailSenderImpl sender;

    SmtpSender(MailProperties properties, MailSenders senders) {
        this.smtp = properties.smtp();
        this.sslTrust = properties.sslTrust();
        this.senders = senders;
        if (smtp.configured() && (smtp.from() == null || smtp.from().isBlank())) {
            throw new IllegalStateException("atende.mail.smtp.from (ATENDE_SMTP_FROM) is required when an SMTP host is set");
        }
        this.sender = smtp.configured() ? build(installationTransport()) : null;
    }

    boolean configured() {
        return sender != null;
    }

    /** The installation's address, which messages come from when neither their department nor their account has one. */
    String from() {
        return smtp.from();
    }

    /** Sends the message; throws with the server's or the connection's reason when it is not accepted. */
    void send(MailRepository.Outgoing message, String accountName) throws MessagingException, MailException {
        send(message, accountName, List.of());
    }

    /** Sends the message with the files attached, through the account's server if it has one. */
    void send(MailRepository.Outgoing message, String accountName, List<MailFiles.OutgoingFile> files) throws MessagingException, MailException {
        var through = senders.transport(message.accountId()).map(this::build).orElse(sender);
        MimeMessage mime = new MessageWithId(through.getSession(), message.messageId());
        var helper = new MimeMessageHelper(mime, message.html() != null || !files.isEmpty(), StandardCharsets.UTF_8.name());
        String from = fromAddress(message.fromAddress());
        helper.setFrom(address(from, fromName(message.fromAddress(), message.fromName(), accountName)));
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
        through.send(signed(message.accountId(), from, mime));
    }

    /**
     * Sends a short message to {@code recipient} from the account's sender, through the account's server (or the
     * installation's), and reports what the server answered; never throws for the server's or the network's reasons.
     */
    SmtpTestResult sendTest(String accountId, MailSenders.From sender, String accountName, String recipient, String subject, String text) {
        var own = senders.transport(accountId);
        var transport = own.orElseGet(this::installationTransport);
        String server = transport.toString();
        try {
            var mailer = build(transport);
            var mime = new MimeMessage(mailer.getSession());
            String from = fromAddress(sender.address());
            mime.setFrom(address(from, fromName(sender.address(), sender.name(), accountName)));
            mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(recipient));
            mime.setSubject(subject, StandardCharsets.UTF_8.name());
            mime.setText(text, StandardCharsets.UTF_8.name());
            mime.setSentDate(new java.util.Date());
            mime.setHeader("Auto-Submitted", "auto-generated");
            mime.setHeader(ACCOUNT_HEADER, accountId);
            mime.saveChanges();
            MimeMessage outgoing = signed(accountId, from, mime);
            try (var connection = mailer.getSession().getTransport(mailer.getProtocol())) {
                connection.connect(transport.host(), transport.port(), blankToNull(transport.username()),
                        blankToNull(transport.username()) == null ? null : transport.password());
                connection.sendMessage(outgoing, outgoing.getAllRecipients());
                String answer = connection instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtpTransport
                        ? smtpTransport.getLastServerResponse() : null;
                return new SmtpTestResult(true, server, answer == null ? "" : answer.strip());
            }
        } catch (MessagingException | RuntimeException failure) {
            return new SmtpTestResult(false, server, MailDispatcher.describe(failure));
        }
    }

    private MimeMessage signed(String accountId, String from, MimeMessage mime) throws MessagingException {
        var signer = senders.signer(accountId, from);
        if (signer.isEmpty()) {
            return mime;
        }
        if (mime.getSentDate() == null) {
            mime.setSentDate(new java.util.Date());
        }
        mime.saveChanges();
        // The signature is computed as the copy is written out. Spring saves a message before sending it and puts back
        // the Message-ID it had, so the ID we chose (kept for threading, and signed) stays.
        return new DkimMessage(mime, signer.get());
    }

    private String fromAddress(String chosen) {
        return chosen == null ? smtp.from() : chosen;
    }

    /** The sender's own name; for the installation's address its configured name, else the account's name. */
    private String fromName(String chosenAddress, String chosenName, String accountName) {
        if (chosenName != null && !chosenName.isBlank()) {
            return chosenName;
        }
        if (chosenAddress == null && smtp.fromName() != null && !smtp.fromName().isBlank()) {
            return smtp.fromName();
        }
        return accountName;
    }

    private static InternetAddress address(String address, String name) {
        try {
            return new InternetAddress(address, name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private MailSenders.Transport installationTransport() {
        var security = switch (smtp.security().toLowerCase(Locale.ROOT)) {
            case "starttls" -> SmtpSecurity.STARTTLS;
            case "ssl", "tls" -> SmtpSecurity.TLS;
            case "none" -> SmtpSecurity.NONE;
            default -> throw new IllegalStateException("atende.mail.smtp.security must be starttls, ssl or none, not " + smtp.security());
        };
        return new MailSenders.Transport(smtp.host(), smtp.port(), security, smtp.username(), smtp.password());
    }

    private JavaMailSenderImpl build(MailSenders.Transport transport) {
        var sender = new JavaMailSenderImpl();
        boolean ssl = transport.security() == SmtpSecurity.TLS;
        sender.setProtocol(ssl ? "smtps" : "smtp");
        sender.setHost(transport.host());
        sender.setPort(transport.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean auth = blankToNull(transport.username()) != null;
        if (auth) {
            sender.setUsername(transport.username());
            sender.setPassword(transport.password());
        }
        String prefix = "mail." + sender.getProtocol() + ".";
        Properties properties = new Properties();
        properties.put(prefix + "auth", String.valueOf(auth));
        properties.put(prefix + "connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
        properties.put(prefix + "timeout", String.valueOf(smtp.timeout().toMillis()));
        properties.put(prefix + "writetimeout", String.valueOf(smtp.timeout().toMillis()));
        if (transport.security() == SmtpSecurity.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (sslTrust != null && !sslTrust.isBlank()) {
            properties.put(prefix + "ssl.trust", sslTrust);
            properties.put(prefix + "ssl.checkserveridentity", "false");
        } else if (transport.security() != SmtpSecurity.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
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
