package io.atende.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A two-factor enrolment waiting for its first code: the shared secret to put into an authenticator app.
 *
 * @param secret the 160-bit secret in Base32 (RFC 4648, no padding), as apps accept it typed
 * @param email  the e-mail of who signs in (an operator, a portal customer), which names the entry in the app
 */
public record TwoFactorEnrolment(String secret, String email) {

    /** The issuer every entry shows in authenticator apps. */
    public static final String ISSUER = "Atende";

    /**
     * The {@code otpauth://} address a QR code carries: issuer "Atende", and a label naming the account (a person
     * may work in several) and the e-mail. Six digits, 30-second steps, HMAC-SHA1: what every app understands.
     */
    public String uri(String accountName) {
        String label = ISSUER + ":" + email + " (" + accountName + ")";
        return "otpauth://totp/" + encode(label) + "?secret=" + secret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
    }

    private static String encode(String text) {
        // otpauth labels take %20 for spaces, not form encoding's '+'.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
