package io.atende.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links in e-mails that work without signing in: a file too large to attach, the rating of a finished ticket. The
 * token carries what it opens (purpose, account, the file or ticket, the person it was sent to) and when it expires,
 * signed with an HMAC-SHA256 under the installation's secret (the one of the reply addresses), so a changed letter,
 * another file or a later expiry fails the check. Nothing is stored per link.
 */
@Component
class SignedLinks {

    private static final Pattern TOKEN = Pattern.compile("^([A-Za-z0-9_-]{1,400})\\.([A-Za-z0-9_-]{22})$");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 16;

    private final ReplyTokens keys;
    private final String publicUrl;

    SignedLinks(ReplyTokens keys, @Value("${atende.public-url}") String publicUrl) {
        this.keys = keys;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** What a link opens. */
    enum Purpose {
        FILE("f", "/portal/mail/files/"), RATING("r", "/portal/mail/rating/");

        private final String code;
        private final String path;

        Purpose(String code, String path) {
            this.code = code;
            this.path = path;
        }
    }

    /** A link's content once its signature and expiry were checked. */
    record Opened(String accountId, String subjectId, String personId, Instant expiresAt) {
    }

    /** The absolute address of a link for the subject (a file or a ticket) sent to the person, valid until {@code expiresAt}. */
    String url(Purpose purpose, String accountId, String subjectId, String personId, Instant expiresAt) {
        String payload = String.join(":", purpose.code, accountId, subjectId, personId == null ? "" : personId,
                Long.toString(expiresAt.getEpochSecond()));
        return publicUrl + purpose.path + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature(payload);
    }

    /** The link's content; refused when the token was altered, is of another purpose or expired at {@code now}. */
    Opened open(Purpose purpose, String token, Instant now) {
        var matcher = TOKEN.matcher(token == null ? "" : token);
        if (!matcher.matches()) {
            throw MailLinkRefusedException.invalid();
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(matcher.group(1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw MailLinkRefusedException.invalid();
        }
        if (!MessageDigest.isEqual(signature(payload).getBytes(StandardCharsets.US_ASCII),
                matcher.group(2).getBytes(StandardCharsets.US_ASCII))) {
            throw MailLinkRefusedException.invalid();
        }
        String[] parts = payload.split(":", -1);
        if (parts.length != 5 || !parts[0].equals(purpose.code)) {
            throw MailLinkRefusedException.invalid();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
        if (!now.isBefore(expiresAt)) {
            throw MailLinkRefusedException.expired();
        }
        return new Opened(parts[1], parts[2], parts[3].isEmpty() ? null : parts[3], expiresAt);
    }

    private String signature(String payload) {
        return ENCODER.encodeToString(Arrays.copyOf(keys.mac("link:" + payload), SIGNATURE_BYTES));
    }
}
