package io.atende.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Secrets and signatures of both delivery formats (docs/webhooks.md). */
final class Signatures {

    static final String STANDARD_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    /** A new secret in the format's own form: 32 hex characters for TomTicket, {@code whsec_} + base64 of 32 bytes for Standard Webhooks. */
    static String newSecret(WebhookFormat format) {
        byte[] key = new byte[format == WebhookFormat.STANDARD ? 32 : 16];
        RANDOM.nextBytes(key);
        return format == WebhookFormat.STANDARD ? STANDARD_PREFIX + Base64.getEncoder().encodeToString(key) : HexFormat.of().formatHex(key);
    }

    /** Whether a secret can sign the format: Standard Webhooks keys are {@code whsec_} + base64 of 24 to 64 bytes. */
    static boolean fits(WebhookFormat format, String secret) {
        return format != WebhookFormat.STANDARD || standardKey(secret).isPresent();
    }

    /** {@code sha1=} + base64(HMAC-SHA1(secret, base64(body))): TomTicket's X-Hub-Signature. */
    static String tomticket(String secret, byte[] body) {
        byte[] signed = Base64.getEncoder().encode(body);
        return "sha1=" + Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    /** {@code v1,} + base64(HMAC-SHA256(key, id.timestamp.body)): the Standard Webhooks signature. */
    static String standard(String secret, String messageId, long timestamp, byte[] body) {
        byte[] key = standardKey(secret).orElseThrow(() -> new IllegalStateException("not a Standard Webhooks secret"));
        byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac("HmacSHA256", key, content));
    }

    private static Optional<byte[]> standardKey(String secret) {
        if (secret == null || !secret.startsWith(STANDARD_PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
            return key.length >= 24 && key.length <= 64 ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] content) {
        try {
            var mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(content);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(algorithm + " unavailable", unavailable);
        }
    }
}
