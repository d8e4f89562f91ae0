package io.atende.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * What a bounce says: which recipients failed, for good or for now, and which message of ours it returns. Read from
 * an RFC 3464 delivery status notification ({@code multipart/report; report-type=delivery-status}), or from the one
 * non-standard form whose failed recipient is unambiguous: Exim's {@code X-Failed-Recipients} header, which it sets
 * only for permanent failures. Anything else (free-text bounces of other servers) is not read: guessing an address
 * out of prose could mark a customer who never bounced.
 *
 * @param failures          the recipients the report names, each with its status
 * @param originalMessageId the Message-ID of the returned message, when the report carries it
 * @param originalAccount   its {@code X-Atende-Account} header, when the report carries it
 */
record DeliveryReport(List<Failure> failures, String originalMessageId, String originalAccount) {

    /**
     * One recipient of the report.
     *
     * @param status     the enhanced status code ({@code 5.1.1}); {@code 5} is permanent, {@code 4} temporary
     * @param diagnostic what the refusing server said, when the report gives it
     */
    record Failure(String recipient, String status, String diagnostic, boolean permanent) {

        /** The reason recorded on the customer: the status and the server's words. */
        String reason() {
            return diagnostic == null || diagnostic.isBlank() ? status : status + " " + diagnostic;
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern STATUS = Pattern.compile("^([245])\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern ATENDE_ID = Pattern.compile("(?im)^message-id:\\s*(<atende\\.[^<>\\s]+>)");
    private static final Pattern ACCOUNT = Pattern.compile("(?im)^x-atende-account:\\s*(\\S+)");
    private static final int MAX_DEPTH = 5;

    /** The permanent failures only. */
    List<Failure> permanent() {
        return failures.stream().filter(Failure::permanent).toList();
    }

    /** The report the raw message carries, or empty when it is no bounce this reads. */
    static Optional<DeliveryReport> read(byte[] raw) {
        try {
            var message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            if (message.isMimeType("multipart/report")) {
                var report = new Collected();
                walk(message, report, 0);
                if (!report.failures.isEmpty()) {
                    return Optional.of(new DeliveryReport(List.copyOf(report.failures), report.messageId, report.account));
                }
            }
            return exim(message);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static final class Collected {
        final List<Failure> failures = new ArrayList<>();
        String messageId;
        String account;
    }

    private static void walk(Part part, Collected collected, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                walk(body, collected, depth + 1);
            }
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            collected.failures.addAll(statusFields(bytes(part)));
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/global") || part.isMimeType("message/global-headers")) {
            var headers = new InternetHeaders(new ByteArrayInputStream(bytes(part)));
            if (collected.messageId == null) {
                var ids = MimeReader.ids(headers.getHeader("Message-ID", " "));
                collected.messageId = ids.isEmpty() ? null : ids.get(0);
            }
            if (collected.account == null) {
                String account = headers.getHeader(SmtpSender.ACCOUNT_HEADER, ",");
                collected.account = account == null ? null : account.strip();
            }
        }
    }

    /** The per-recipient blocks of a message/delivery-status part (RFC 3464 §2.3); the first block is about the message. */
    private static List<Failure> statusFields(byte[] content) throws MessagingException {
        List<Failure> failures = new ArrayList<>();
        String text = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String[] blocks = text.split("\n\\s*\n");
        for (String block : blocks) {
            var fields = new InternetHeaders(new ByteArrayInputStream((block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8)));
            // The address as the sender gave it (what our message went to) before the one an alias led to.
            String recipient = address(fields.getHeader("Original-Recipient", ","));
            if (recipient == null) {
                recipient = address(fields.getHeader("Final-Recipient", ","));
            }
            String status = fields.getHeader("Status", ",");
            String action = fields.getHeader("Action", ",");
            if (recipient == null || status == null) {
                continue;
            }
            Matcher code = STATUS.matcher(status.strip());
            if (!code.find()) {
                continue;
            }
            boolean failed = action == null || action.strip().toLowerCase(Locale.ROOT).startsWith("failed");
            String diagnostic = fields.getHeader("Diagnostic-Code", " ");
            if (diagnostic != null) {
                diagnostic = diagnostic.replaceAll("\\s+", " ").strip();
                int semicolon = diagnostic.indexOf(';');
                diagnostic = semicolon >= 0 && semicolon < 12 ? diagnostic.substring(semicolon + 1).strip() : diagnostic;
            }
            failures.add(new Failure(recipient, code.group(), diagnostic, failed && "5".equals(code.group(1))));
        }
        return failures;
    }

    /** {@code rfc822; someone@example.com} → the address, lower case; other address types are not e-mail. */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        if (semicolon < 0 || !field.substring(0, semicolon).strip().equalsIgnoreCase("rfc822")) {
            return null;
        }
        return plain(field.substring(semicolon + 1));
    }

    private static String plain(String text) {
        try {
            var address = new InternetAddress(text.strip(), true);
            return address.getAddress().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.AddressException notAnAddress) {
            return null;
        }
    }

    /**
     * Exim's bounce: {@code X-Failed-Recipients} names the failed addresses (permanent failures only) and the body
     * quotes the returned message's headers, where our Message-ID and account are found.
     */
    private static Optional<DeliveryReport> exim(MimeMessage message) throws MessagingException, IOException {
        String header = message.getHeader("X-Failed-Recipients", ",");
        if (header == null) {
            return Optional.empty();
        }
        List<Failure> failures = new ArrayList<>();
        for (String each : header.split(",")) {
            String recipient = plain(each);
            if (recipient != null) {
                failures.add(new Failure(recipient, "5.0.0", null, true));
            }
        }
        String body;
        try (InputStream in = message.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher id = ATENDE_ID.matcher(body);
        Matcher account = ACCOUNT.matcher(body);
        return failures.isEmpty() ? Optional.empty()
                : Optional.of(new DeliveryReport(List.copyOf(failures), id.find() ? id.group(1) : null, account.find() ? account.group(1) : null));
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
