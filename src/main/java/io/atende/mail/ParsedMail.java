package io.atende.mail;

import java.util.List;
import java.util.Map;

/**
 * What Atende needs of an incoming message, read from its MIME structure.
 *
 * @param messageId   the Message-ID header with its angle brackets, or {@code null}
 * @param references  In-Reply-To first, then References from the newest back
 * @param recipients  every address it was sent to (To, Cc, Delivered-To, X-Original-To), lower case
 * @param text        the first text/plain body, or {@code null}
 * @param html        the first text/html body, or {@code null}
 * @param headers     the headers that tell automatic mail apart, by lower-case name
 * @param report      whether it is a delivery or disposition report (multipart/report)
 */
record ParsedMail(String messageId, List<String> references, String fromAddress, String fromName, List<String> recipients,
                  String subject, String text, String html, List<Part> attachments, Map<String, String> headers, boolean report) {

    /** A file carried by the message; {@code inline} parts are images shown in the HTML body. */
    record Part(String name, String contentType, byte[] content, boolean inline) {
    }

    String header(String name) {
        return headers.get(name);
    }
}
