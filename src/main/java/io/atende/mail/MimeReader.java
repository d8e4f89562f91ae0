package io.atende.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/** Reads a MIME message (Jakarta Mail) into a {@link ParsedMail}: bodies, files and the headers that matter. */
final class MimeReader {

    static final Set<String> LOOP_HEADERS = Set.of("auto-submitted", "precedence", "x-autoreply", "x-autorespond", "x-auto-response",
            "x-atende-account", "return-path", "x-failed-recipients", "list-id");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final int MAX_DEPTH = 10;

    private MimeReader() {
    }

    static ParsedMail read(MimeMessage message) throws MessagingException, IOException {
        String from = null;
        String fromName = null;
        Address[] senders = message.getFrom();
        if (senders != null && senders.length > 0 && senders[0] instanceof InternetAddress address) {
            from = address.getAddress() == null ? null : address.getAddress().strip().toLowerCase(Locale.ROOT);
            fromName = address.getPersonal();
        }
        Set<String> recipients = new LinkedHashSet<>();
        addAddresses(recipients, message.getHeader("To", ","));
        addAddresses(recipients, message.getHeader("Cc", ","));
        addAddresses(recipients, message.getHeader("Delivered-To", ","));
        addAddresses(recipients, message.getHeader("X-Original-To", ","));
        List<String> references = new ArrayList<>(ids(message.getHeader("In-Reply-To", " ")));
        List<String> referenced = ids(message.getHeader("References", " "));
        for (int i = referenced.size() - 1; i >= 0; i--) {
            if (!references.contains(referenced.get(i))) {
                references.add(referenced.get(i));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : LOOP_HEADERS) {
            String value = message.getHeader(name, ",");
            if (value != null) {
                headers.put(name, value.strip());
            }
        }
        String copied = message.getHeader("Cc", ",");
        if (copied != null) {
            headers.put("cc", copied.strip());  // who was copied becomes a follower of the ticket
        }
        var collected = new Collected();
        walk(message, collected, 0);
        List<String> messageIds = ids(message.getHeader("Message-ID", " "));
        String subject = message.getSubject();
        return new ParsedMail(messageIds.isEmpty() ? null : messageIds.get(0), references, from, fromName, List.copyOf(recipients),
                subject == null ? "" : subject.strip(), collected.text, collected.html, collected.files, headers,
                message.isMimeType("multipart/report"));
    }

    private static final class Collected {
        String text;
        String html;
        final List<ParsedMail.Part> files = new ArrayList<>();
    }

    private static void walk(Part part, Collected collected, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        String disposition = part.getDisposition();
        String fileName = fileName(part);
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition);
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                walk(body, collected, depth + 1);
            }
            return;
        }
        // Apple Mail sends text, an image and more text as parts one after the other: every text part is the body, in order.
        if (!attached && fileName == null && part.isMimeType("text/plain")) {
            String text = flowed(part, text(part));
            collected.text = collected.text == null ? text : collected.text.stripTrailing() + "\n\n" + text.stripLeading();
            return;
        }
        if (!attached && fileName == null && part.isMimeType("text/html")) {
            String html = text(part);
            collected.html = collected.html == null ? html : collected.html + "\n" + html;
            return;
        }
        if (part.isMimeType("message/rfc822") && fileName == null) {
            fileName = "message.eml";
        }
        if (fileName == null && part.isMimeType("image/*")) {
            fileName = "image";
        }
        if (fileName == null) {
            return;  // delivery-status parts and other machine parts have no name and are not files a person sent
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        String[] contentIds = part instanceof jakarta.mail.internet.MimePart mime ? mime.getHeader("Content-ID") : null;
        boolean inline = contentIds != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition);
        collected.files.add(new ParsedMail.Part(fileName, part.getContentType(), content, inline));
    }

    /** The text as written when the part is {@code format=flowed} (RFC 3676), else as it came. */
    private static String flowed(Part part, String text) throws MessagingException {
        try {
            var type = new jakarta.mail.internet.ContentType(part.getContentType());
            if (!"flowed".equalsIgnoreCase(type.getParameter("format"))) {
                return text;
            }
            return FlowedText.unwrap(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
        } catch (jakarta.mail.internet.ParseException malformed) {
            return text;
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException malformed) {
            return "file";
        }
        if (name == null) {
            return null;
        }
        try {
            name = MimeUtility.decodeText(name);
        } catch (java.io.UnsupportedEncodingException unknownCharset) {
            // keep the name as it came
        }
        return name.isBlank() ? null : name.strip();
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content;
        try {
            content = part.getContent();
        } catch (java.io.UnsupportedEncodingException unknownCharset) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (content instanceof String text) {
            return text;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void addAddresses(Set<String> into, String header) {
        if (header == null) {
            return;
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
                if (address.getAddress() != null) {
                    into.add(address.getAddress().strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (jakarta.mail.internet.AddressException malformed) {
            // an unreadable address cannot carry a reply token; the others still count
        }
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }
}
